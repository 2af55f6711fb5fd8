/**
 * URL-safe base64 of UTF-8 text, as Cloud Infinite takes watermark URLs, texts, fonts and colours
 * (docs/rules.md#base64-values): `+`→`-`, `/`→`_`. New values are written without `=` padding, like the current docs;
 * decoding accepts padded and unpadded tokens.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

export function encodeBase64Url(text: string, options: { pad?: boolean } = {}): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let j = 0; j < chars; j++) out += ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  if (options.pad) out += '='.repeat((4 - (out.length % 4)) % 4);
  return out;
}

export type Base64Result = { ok: true; text: string } | { ok: false; reason: string };

/** Decodes a URL-safe base64 token to UTF-8 text; explains what is wrong instead of throwing. */
export function decodeBase64Url(token: string): Base64Result {
  const body = token.replace(/=+$/, '');
  const padding = token.length - body.length;
  if (body.length === 0) return { ok: false, reason: 'it is empty' };
  const bad = [...body].find((c) => !INDEX.has(c));
  if (bad !== undefined) {
    const hint = bad === '+' || bad === '/' ? ' (use the URL-safe alphabet: - instead of +, _ instead of /)' : '';
    return { ok: false, reason: `'${bad}' is not a URL-safe base64 character${hint}` };
  }
  if (body.length % 4 === 1) return { ok: false, reason: 'its length is not valid for base64' };
  if (padding > 0 && (body.length + padding) % 4 !== 0) return { ok: false, reason: 'its = padding is wrong' };
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i += 4) {
    const chunk = body.slice(i, i + 4);
    let n = 0;
    for (let j = 0; j < 4; j++) n = (n << 6) | (j < chunk.length ? INDEX.get(chunk[j])! : 0);
    bytes.push((n >> 16) & 255);
    if (chunk.length > 2) bytes.push((n >> 8) & 255);
    if (chunk.length > 3) bytes.push(n & 255);
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes)) };
  } catch {
    return { ok: false, reason: 'it does not decode to UTF-8 text' };
  }
}
