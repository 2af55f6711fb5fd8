/**
 * The core's public entry: pure TypeScript, no DOM access at load time and no lit,
 * so Node scripts and the emulator can import it. Each area appends its exports below.
 */
export type * from './types.js';
export { getAuthorization, computeSignature, formatAuthorization, appendAuthorizationToUrl, isSignableHeader } from './auth/sign.js';
export type { AuthorizationOptions, SignatureParts } from './auth/sign.js';
export { cosUrlEncode, encodeKeyPath, canonicalize } from './auth/canonical.js';
export { setDefaultHash, webCryptoHash } from './auth/hash.js';
export type { HashProvider } from './auth/hash.js';
export { CosError, isAbortError } from './http/errors.js';
export type { CosErrorInit, CosErrorSource } from './http/errors.js';
export { classifyError, backoffDelay, slowDownDelay } from './http/retry.js';
export type { RetryAction, BackoffOptions } from './http/retry.js';
