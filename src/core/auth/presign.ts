import { CosError } from '../http/errors.js';
import { appendAuthorizationToUrl } from './sign.js';
import type { Authorization } from '../types.js';

/**
 * Checks a raw query such as `imageMogr2/thumbnail/200x/format/webp` before it is appended
 * unsigned (the SDK's `QueryString`, docs/protocol.md#head-and-get). Anything that would change the URL's
 * meaning — spaces, control characters, a fragment — is refused rather than silently mangled.
 */
export function checkRawQuery(query: string | undefined): string {
  const raw = (query ?? '').replace(/^[?&]+/, '');
  if (/[\s#]/.test(raw) || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw new CosError({
      code: 'InvalidQuery',
      message: `Query "${raw}" cannot be appended to a URL: it contains spaces, control characters or '#' (URL-encode them)`,
      source: 'client',
      retryable: false,
    });
  }
  return raw;
}

/** Appends an unsigned query part after everything else, as the SDK does with `QueryString`. */
export function appendRawQuery(url: string, query: string | undefined): string {
  const raw = checkRawQuery(query);
  if (!raw) return url;
  return url + (url.includes('?') ? '&' : '?') + raw;
}

/**
 * A pre-signed URL (docs/protocol.md#pre-signed-urls): the `q-*` pairs and the STS token in the query, then
 * the unsigned raw query (processing rules). A signer answering `{url}` has done the first part.
 */
export function presignedUrl(objectUrl: string, auth: Authorization, rawQuery?: string): string {
  const signed = 'url' in auth ? auth.url : appendAuthorizationToUrl(objectUrl, auth.authorization, auth.securityToken);
  return appendRawQuery(signed, rawQuery);
}
