import { Sha1 } from '@aws-crypto/sha1-browser';

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

/** WebCrypto-backed SHA-1 / HMAC-SHA1 (browser default). */
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

let defaultHash: HashProvider = webCryptoHash;

/** Replaces the hash used when none is passed (Node entry points call this with node:crypto). */
export function setDefaultHash(hash: HashProvider): void {
  defaultHash = hash;
}

export function getDefaultHash(): HashProvider {
  return defaultHash;
}
