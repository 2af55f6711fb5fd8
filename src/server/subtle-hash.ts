import type { HashProvider } from '../core/auth/hash.js';

const utf8 = new TextEncoder();
const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * SHA-1 and HMAC-SHA1 on `crypto.subtle`, which Node ≥ 20, Deno, Bun and edge runtimes all have. The
 * browser build's hash (through @aws-crypto) looks for a browser and refuses to run on a server.
 */
export const subtleHash: HashProvider = {
  async sha1Hex(data) {
    return hex(await globalThis.crypto.subtle.digest('SHA-1', utf8.encode(data)));
  },
  async hmacSha1Hex(key, data) {
    const cryptoKey = await globalThis.crypto.subtle.importKey('raw', utf8.encode(key), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    return hex(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, utf8.encode(data)));
  },
};
