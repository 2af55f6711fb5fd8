import { CosError } from './http/errors.js';
import { MAX_KEY_BYTES } from './limits.js';

function clientError(code: string, message: string): CosError {
  return new CosError({ code, message, source: 'client', retryable: false });
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Refuses keys COS or the browser would mangle, before any request is sent (docs/protocol.md#addressing-and-keys,
 * docs/protocol.md#limits): empty, a leading '/' or '\', over 850 UTF-8 bytes, control characters, broken Unicode, and
 * `.`/`..` segments — browsers resolve `/a/../b` to `/b`, so the object would land somewhere else.
 */
export function validateKey(key: string): void {
  if (typeof key !== 'string' || key === '') throw clientError('InvalidKey', 'Object key is empty');
  const shown = JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);
  if (key.startsWith('/') || key.startsWith('\\')) {
    throw clientError('InvalidKey', `Object key ${shown} must not start with '/' or '\\'`);
  }
  if (hasControlCharacter(key)) throw clientError('InvalidKey', `Object key ${shown} contains control characters`);
  if (LONE_SURROGATE.test(key)) {
    throw clientError('InvalidKey', `Object key ${shown} is not valid Unicode (lone surrogate)`);
  }
  const bytes = utf8Length(key);
  if (bytes > MAX_KEY_BYTES) throw clientError('InvalidKey', `Object key ${shown} is ${bytes} bytes in UTF-8; COS allows at most ${MAX_KEY_BYTES}`);
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw clientError('InvalidKey', `Object key ${shown} has a '.' or '..' path segment, which browsers would resolve away`);
  }
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Header values must be Latin-1 without line breaks: XMLHttpRequest.setRequestHeader throws
 * otherwise (Pic-Operations with a non-ASCII fileid, a raw UTF-8 x-cos-meta-* value…).
 */
export function validateHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw clientError('InvalidHeader', `Header name ${JSON.stringify(name)} is not a valid HTTP token`);
    if (typeof value !== 'string') throw clientError('InvalidHeader', `Header "${name}" must be a string, got ${typeof value}`);
    for (let i = 0; i < value.length; i += 1) {
      const c = value.charCodeAt(i);
      if (c > 0xff || c === 0x0a || c === 0x0d || c === 0) {
        throw clientError('InvalidHeader', `Header "${name}" contains ${c > 0xff ? `the non-Latin-1 character "${value[i]}"` : 'a line break or NUL'}; ` +
          'browsers only send Latin-1 header values (encode the value, e.g. with encodeURIComponent)');
      }
    }
  }
}

const BUCKET = /^[a-z0-9-]+-\d+$/;
const REGION = /^[a-z0-9-]+$/;

/** `BucketName-APPID` and a region, as the SDK checks them (docs/protocol.md#addressing-and-keys). */
export function validateBucketLocation(bucket: string, region: string): void {
  if (!BUCKET.test(bucket ?? '')) {
    throw clientError('InvalidBucket', `Bucket ${JSON.stringify(bucket)} must look like "examplebucket-1250000000" (BucketName-APPID)`);
  }
  if (!REGION.test(region ?? '')) throw clientError('InvalidRegion', `Region ${JSON.stringify(region)} must look like "ap-guangzhou"`);
}

export function checkPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
    throw clientError('InvalidArgument', `Part number ${partNumber} is not an integer in 1..10000`);
  }
}

export function checkUploadId(uploadId: string): string {
  if (typeof uploadId !== 'string' || uploadId === '') {
    throw clientError('InvalidArgument', 'uploadId is empty');
  }
  return uploadId;
}
