import { Sha1 } from '@aws-crypto/sha1-browser';
import { lazyImport } from '../lazy-import.js';

/**
 * The two digests the COS signature needs. Injectable so Node code (the emulator, scripts)
 * can pass node:crypto while browsers use WebCrypto through @aws-crypto/sha1-browser.
 */
export interface HashProvider {
  sha1Hex(data: string): Promise<string> | string;
  hmacSha1Hex(key: string, data: string): Promise<string> | string;
}

const utf8 = new TextEncoder();

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** WebCrypto-backed SHA-1 / HMAC-SHA1 (browser default). Throws where `crypto.subtle` is missing. */
export const webCryptoHash: HashProvider = {
  async sha1Hex(data) {
    const h = new Sha1();
    h.update(utf8.encode(data));
    return toHex(await h.digest());
  },
  async hmacSha1Hex(key, data) {
    const h = new Sha1(utf8.encode(key));
    h.update(utf8.encode(data));
    return toHex(await h.digest());
  },
};

/**
 * The plain TypeScript digests, imported on first use: only a page without WebCrypto needs them, so the
 * standalone bundle keeps them in a chunk of their own (docs/bundle-size.md). A failed load is tried again.
 */
const loadFallback = lazyImport('the plain TypeScript SHA-1', () => import('./sha1-fallback.js'));

/** Plain TypeScript SHA-1 / HMAC-SHA1, for insecure contexts (plain-http pages) where WebCrypto is absent. */
export const fallbackHash: HashProvider = {
  sha1Hex: async (data) => toHex((await loadFallback()).sha1(utf8.encode(data))),
  hmacSha1Hex: async (key, data) => toHex((await loadFallback()).hmacSha1(utf8.encode(key), utf8.encode(data))),
};

/** WebCrypto where the page has it; the plain TypeScript digests where it has not (docs/networks.md). */
export const autoHash: HashProvider = {
  sha1Hex: (data) => (hasSubtleCrypto() ? webCryptoHash : fallbackHash).sha1Hex(data),
  hmacSha1Hex: (key, data) => (hasSubtleCrypto() ? webCryptoHash : fallbackHash).hmacSha1Hex(key, data),
};

function hasSubtleCrypto(): boolean {
  return typeof globalThis.crypto?.subtle?.digest === 'function';
}

let lastSignKey: { hash: HashProvider; secretKey: string; keyTime: string; value: Promise<string> } | undefined;

/**
 * SignKey = HMAC-SHA1(SecretKey, KeyTime), remembered for the last keys and key time asked. All POST policies
 * signed with one set of temporary keys share its key time, and header signatures made within the same second
 * share theirs, so a batch of small files derives it once instead of once per file (each WebCrypto HMAC is
 * two round trips to the browser's crypto thread). One entry only: nothing accumulates.
 */
export function signKeyFor(hash: HashProvider, secretKey: string, keyTime: string): Promise<string> {
  const last = lastSignKey;
  if (last && last.hash === hash && last.secretKey === secretKey && last.keyTime === keyTime) return last.value;
  const value = Promise.resolve(hash.hmacSha1Hex(secretKey, keyTime));
  lastSignKey = { hash, secretKey, keyTime, value };
  value.catch(() => {
    if (lastSignKey?.value === value) lastSignKey = undefined;
  });
  return value;
}

let defaultHash: HashProvider = autoHash;

/** Replaces the hash used when none is passed (Node entry points call this with node:crypto). */
export function setDefaultHash(hash: HashProvider): void {
  defaultHash = hash;
}

export function getDefaultHash(): HashProvider {
  return defaultHash;
}
