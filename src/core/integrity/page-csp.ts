/**
 * May this page compile WebAssembly without a CSP violation? (docs/crc64-wasm.md#when-webassembly-is-used)
 * A script cannot read the policy its page was served with, and a failed compile both throws and reports a
 * violation, so trying is not an option. What can be read: the page's `<meta http-equiv>` policies, and the
 * policy headers of the page's own URL, fetched again with HEAD. Answers yes only when every policy found allows
 * it; anything unknown (not an http(s) page, a failed or redirected HEAD) is a no, and the CRC stays in JS.
 * Runs in a browser page only; elsewhere (Node, workers) the answer is no.
 */
import { allowsConnectToSelf, allowsWasm, parsePolicies } from './csp-wasm.js';

const HEADERS = ['content-security-policy', 'content-security-policy-report-only'];

export async function pageAllowsWasm(): Promise<boolean> {
  const page = globalThis.document ? globalThis.location : undefined;
  if (!page || !/^https?:$/.test(page.protocol) || typeof fetch !== 'function') return false;
  const metas = [...document.querySelectorAll('meta[http-equiv]')]
    .filter((meta) => meta.getAttribute('http-equiv')!.trim().toLowerCase() === 'content-security-policy')
    .flatMap((meta) => parsePolicies(meta.getAttribute('content') ?? ''));
  if (!metas.every(allowsWasm)) return false;
  // The HEAD must not itself be a violation: a meta policy's connect-src has to cover the page's own origin. A header
  // policy that excludes it cannot be seen before asking (docs/crc64-wasm.md#limits).
  if (!metas.every((policy) => allowsConnectToSelf(policy, page))) return false;
  try {
    const answer = await fetch(page.href, { method: 'HEAD', credentials: 'same-origin', cache: 'no-store', redirect: 'manual' });
    if (!answer.ok) return false;
    return HEADERS.every((name) => parsePolicies(answer.headers.get(name) ?? '').every(allowsWasm));
  } catch {
    return false;
  }
}
