/** Bytes read from each end of a file for its fingerprint. */
export const FINGERPRINT_SAMPLE_BYTES = 64 * 1024;

export interface FingerprintInput {
  file: Blob & { name?: string; lastModified?: number };
  key: string;
  partSize: number;
}

const utf8 = new TextEncoder();

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * 53-bit cyrb53 hash, used only where WebCrypto is missing (pages served over plain http on a
 * non-local host have no `crypto.subtle`). A fingerprint needs to tell files apart, not resist attack.
 */
function cyrb53Hex(bytes: Uint8Array): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const b of bytes) {
    h1 = Math.imul(h1 ^ b, 2654435761);
    h2 = Math.imul(h2 ^ b, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** SHA-1 hex through WebCrypto (browsers and Node 20 both have it), or the cyrb53 fallback. */
export async function digestHex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return `c53-${cyrb53Hex(bytes)}`;
  return toHex(new Uint8Array(await subtle.digest('SHA-1', bytes)));
}

/**
 * Identifies one file for resume: name, size, lastModified, type, target key, part size and a hash of the
 * first and last 64 KiB, so a different file with the same name never resumes into another file's upload.
 * Reads 128 KiB at most; rejects when the file cannot be read (moved or changed on disk).
 */
export async function fingerprintFile({ file, key, partSize }: FingerprintInput): Promise<string> {
  const meta = JSON.stringify([file.name ?? '', file.size, file.lastModified ?? 0, file.type, key, partSize]);
  const head = new Uint8Array(await file.slice(0, FINGERPRINT_SAMPLE_BYTES).arrayBuffer());
  const tailStart = Math.max(FINGERPRINT_SAMPLE_BYTES, file.size - FINGERPRINT_SAMPLE_BYTES);
  const tail = new Uint8Array(await file.slice(tailStart).arrayBuffer());
  const metaBytes = utf8.encode(meta + '\n');
  const input = new Uint8Array(metaBytes.length + head.length + tail.length);
  input.set(metaBytes, 0);
  input.set(head, metaBytes.length);
  input.set(tail, metaBytes.length + head.length);
  return `v1:${await digestHex(input)}`;
}
