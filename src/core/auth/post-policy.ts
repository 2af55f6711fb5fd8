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

/**
 * The policy form fields COS checks on POST Object: a JSON policy (expiring with the keys, naming the
 * bucket and this exact key), signed as SignKey = HMAC-SHA1(SecretKey, KeyTime),
 * q-signature = HMAC-SHA1(SignKey, SHA1(policy JSON text)).
 */
export async function signPostPolicy(bucket: string, key: string, keys: PostPolicyKeys, hash: HashProvider = getDefaultHash()): Promise<PostPolicyFields> {
  const end = Number(keys.keyTime.split(';')[1]);
  const policy = JSON.stringify({
    expiration: new Date(end * 1000).toISOString(),
    conditions: [
      { 'q-sign-algorithm': 'sha1' },
      { 'q-ak': keys.secretId },
      { 'q-sign-time': keys.keyTime },
      { bucket },
      ['eq', '$key', key],
    ],
  });
  const signKey = await signKeyFor(hash, keys.secretKey, keys.keyTime);
  const signature = await hash.hmacSha1Hex(signKey, await hash.sha1Hex(policy));
  const fields: PostPolicyFields = {
    key,
    policy: base64Utf8(policy),
    'q-sign-algorithm': 'sha1',
    'q-ak': keys.secretId,
    'q-key-time': keys.keyTime,
    'q-signature': signature,
  };
  if (keys.securityToken) fields['x-cos-security-token'] = keys.securityToken;
  return fields;
}
