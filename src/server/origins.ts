/** Which cross-origin pages may call a handler, and the CORS headers they get. See docs/security.md. */

/** Exact origin, or one `*` wildcard inside (`https://*.example.com`); a bare `*` is refused when the options are read. */
export function originMatches(origin: string, rules: readonly string[]): boolean {
  return rules.some((rule) => {
    if (rule === origin) return true;
    const star = rule.indexOf('*');
    if (star < 0) return false;
    const head = rule.slice(0, star);
    const tail = rule.slice(star + 1);
    // The wildcard stands for host labels only: it may not swallow a scheme, port or path separator.
    const middle = origin.slice(head.length, origin.length - tail.length);
    return origin.length > head.length + tail.length && origin.startsWith(head) && origin.endsWith(tail) && /^[a-z0-9.-]+$/i.test(middle);
  });
}

export function checkOriginRules(rules: readonly string[]): void {
  for (const rule of rules) {
    if (rule === '*' || rule === 'null') {
      throw new TypeError(`allowedOrigins must list the pages' origins; "${rule}" would let any site ask for keys`);
    }
    if ((rule.match(/\*/g) ?? []).length > 1 || !/^https?:\/\/[^/]+$/.test(rule)) {
      throw new TypeError(`allowedOrigins entry "${rule}" must look like https://app.example.com (one * at most, no path)`);
    }
  }
}

export type OriginVerdict =
  | { kind: 'none' }
  | { kind: 'same' }
  | { kind: 'allowed'; origin: string }
  | { kind: 'refused'; origin: string };

/** Browsers send Origin on cross-origin requests and on same-origin POSTs; servers and curl usually send none. */
export function judgeOrigin(request: Request, rules: readonly string[]): OriginVerdict {
  const origin = request.headers.get('origin');
  if (!origin) return { kind: 'none' };
  if (origin === new URL(request.url).origin) return { kind: 'same' };
  return originMatches(origin, rules) ? { kind: 'allowed', origin } : { kind: 'refused', origin };
}

/** CORS headers of an actual answer: only for listed origins, with credentials so session cookies work. */
export function corsHeaders(verdict: OriginVerdict): Record<string, string> {
  if (verdict.kind !== 'allowed') return { vary: 'Origin' };
  return {
    'access-control-allow-origin': verdict.origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'Date, Retry-After',
    vary: 'Origin',
  };
}

const HEADER_LIST = /^[a-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[a-z0-9!#$%&'*+.^_`|~-]+)*$/i;

export function preflightHeaders(verdict: OriginVerdict & { kind: 'allowed' }, request: Request, methods: readonly string[]): Record<string, string> {
  const requested = request.headers.get('access-control-request-headers') ?? '';
  return {
    ...corsHeaders(verdict),
    'access-control-allow-methods': methods.join(', '),
    ...(HEADER_LIST.test(requested) ? { 'access-control-allow-headers': requested } : {}),
    'access-control-max-age': '600',
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  };
}
