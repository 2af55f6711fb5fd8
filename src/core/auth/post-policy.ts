import { getDefaultHash, signKeyFor, type HashProvider } from './hash.js';

/** What a provider needs to sign a POST Object form for one key (docs/integrity-and-wan.md). */
export interface PostPolicyRequest {
  bucket: string;
  key: string;
  /** Server time minus local time, in ms (clock-skew correction). */
  clockOffsetMs: number;
  hash?: HashProvider;
}

/** The form fields that authorise one POST Object upload (everything but the file and its headers). */
export type PostPolicyFields = Record<string, string>;

export interface PostPolicyKeys {
  secretId: string;
  secretKey: string;
  securityToken?: string;
  /** `start;end` in unix seconds. */
  keyTime: string;
}

const utf8 = new TextEncoder();

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of utf8.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The folder a key is in (`''` at the bucket's root): what one shared policy lets a form write to. */
export function policyPrefixOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}

/**
 * The policy form fields COS checks on POST Object, `key` excepted: a JSON policy (expiring with the keys,
 * naming the bucket and `["starts-with","$key",keyPrefix]`), signed as SignKey = HMAC-SHA1(SecretKey, KeyTime),
 * q-signature = HMAC-SHA1(SignKey, SHA1(policy JSON text)). One policy serves every file of a folder
 * (docs/many-files-throughput.md#one-post-policy-per-folder); the form adds each file's own `key`.
 */
export async function signPostPolicy(bucket: string, keyPrefix: string, keys: PostPolicyKeys, hash: HashProvider = getDefaultHash()): Promise<PostPolicyFields> {
  const end = Number(keys.keyTime.split(';')[1]);
  const policy = JSON.stringify({
    expiration: new Date(end * 1000).toISOString(),
    conditions: [
      { 'q-sign-algorithm': 'sha1' },
      { 'q-ak': keys.secretId },
      { 'q-sign-time': keys.keyTime },
      { bucket },
      ['starts-with', '$key', keyPrefix],
    ],
  });
  const signKey = await signKeyFor(hash, keys.secretKey, keys.keyTime);
  const signature = await hash.hmacSha1Hex(signKey, await hash.sha1Hex(policy));
  const fields: PostPolicyFields = {
    policy: base64Utf8(policy),
    'q-sign-algorithm': 'sha1',
    'q-ak': keys.secretId,
    'q-key-time': keys.keyTime,
    'q-signature': signature,
  };
  if (keys.securityToken) fields['x-cos-security-token'] = keys.securityToken;
  return fields;
}

/** Folders remembered per set of keys; past this the memory is dropped and refilled (a tree of many folders). */
const MAX_FOLDERS = 64;

/**
 * Signed policies of one set of temporary keys, one per (bucket, folder, hash): a batch of small files signs
 * once instead of three WebCrypto calls per file. A new set of keys (a refresh) starts afresh; a failed
 * signature is not remembered.
 */
export class PostPolicyMemo {
  #keys: object | undefined;
  readonly #signed = new Map<string, { hash: HashProvider | undefined; fields: Promise<PostPolicyFields> }>();

  /** The fields for `key`: the shared policy of its folder, signed by `sign` on first use, plus the key itself. */
  async fieldsFor(keys: object, bucket: string, key: string, hash: HashProvider | undefined,
    sign: (keyPrefix: string) => Promise<PostPolicyFields>): Promise<PostPolicyFields> {
    if (keys !== this.#keys || this.#signed.size >= MAX_FOLDERS) {
      this.#keys = keys;
      this.#signed.clear();
    }
    const prefix = policyPrefixOf(key);
    const scope = `${bucket}\n${prefix}`;
    let entry = this.#signed.get(scope);
    if (!entry || entry.hash !== hash) {
      const fields = sign(prefix);
      entry = { hash, fields };
      this.#signed.set(scope, entry);
      fields.catch(() => {
        if (this.#signed.get(scope)?.fields === fields) this.#signed.delete(scope);
      });
    }
    return { key, ...(await entry.fields) };
  }
}
