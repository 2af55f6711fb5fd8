/**
 * COS UrlEncode: UTF-8 percent-encoding with upper-case hex, leaving only A-Z a-z 0-9 - _ . ~
 * (docs/protocol.md#encoding; cos-js-sdk-v5 `camSafeUrlEncode`). Space is %20, never '+'.
 */
export function cosUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** Encodes an object key for the URL path: every segment encoded, '/' kept. */
export function encodeKeyPath(key: string): string {
  return '/' + cosUrlEncode(key).replace(/%2F/g, '/');
}

export interface Canonical {
  /** `k1;k2` — the q-header-list / q-url-param-list value. */
  list: string;
  /** `k1=v1&k2=v2` — the HttpHeaders / HttpParameters line. */
  line: string;
}

/**
 * Lower-cases and encodes names, encodes values, sorts by encoded name (docs/protocol.md#signature).
 * `undefined` values are skipped; `null`/'' become an empty value (a bare `?uploads` signs as `uploads=`).
 */
export function canonicalize(entries: Record<string, unknown> | undefined): Canonical {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(entries ?? {})) {
    if (value === undefined) continue;
    pairs.push([cosUrlEncode(name).toLowerCase(), cosUrlEncode(value === null ? '' : String(value))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    list: pairs.map(([k]) => k).join(';'),
    line: pairs.map(([k, v]) => `${k}=${v}`).join('&'),
  };
}
