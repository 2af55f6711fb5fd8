/**
 * What a Content-Security-Policy says about compiling WebAssembly, and about a same-origin request, read from its
 * text (docs/crc64-wasm.md#when-webassembly-is-used). Pure: the page's policies are gathered by page-csp.ts.
 */

type Policy = Map<string, string[]>;

/**
 * The policies in a header value or a meta tag's content: a header may carry several, separated by commas; each is
 * `name value…` directives separated by semicolons. Names are case-insensitive and the first of a name counts.
 */
export function parsePolicies(text: string): Policy[] {
  return text.split(',').map((serialized) => {
    const policy: Policy = new Map();
    for (const directive of serialized.split(';')) {
      const [name, ...sources] = directive.trim().split(/\s+/);
      if (name && !policy.has(name.toLowerCase())) policy.set(name.toLowerCase(), sources.map((s) => s.toLowerCase()));
    }
    return policy;
  }).filter((policy) => policy.size > 0);
}

/** The source list that governs `directive`: its own, else default-src's, else none (no restriction). */
function governing(policy: Policy, directive: string): string[] | undefined {
  return policy.get(directive) ?? policy.get('default-src');
}

/**
 * Compiling WebAssembly is checked against script-src (default-src when absent), and needs `'wasm-unsafe-eval'`
 * or `'unsafe-eval'` there; a report-only policy would not block it but would still send a violation report.
 */
export function allowsWasm(policy: Policy): boolean {
  const sources = governing(policy, 'script-src');
  return !sources || sources.includes("'wasm-unsafe-eval'") || sources.includes("'unsafe-eval'");
}

/**
 * Whether a request to the page's own URL passes connect-src. Only sources that plainly cover the origin count
 * (`'self'`, `*`, the page's scheme, its origin or host); anything subtler is taken as a no, so we never send a
 * request the policy would report.
 */
export function allowsConnectToSelf(policy: Policy, page: { origin: string; protocol: string; host: string }): boolean {
  const sources = governing(policy, 'connect-src');
  if (!sources) return true;
  const origin = page.origin.toLowerCase();
  const host = page.host.toLowerCase();
  return sources.some((s) => s === "'self'" || s === '*' || s === page.protocol.toLowerCase() ||
    s.replace(/\/$/, '') === origin || s === host);
}
