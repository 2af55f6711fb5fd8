import { declaredLength } from '../body.js';
import { queryValue, type QueryParam } from '../address.js';
import type { RequestContext } from '../context.js';

/** PUT Object and multipart parts are limited to 5 GB (docs/protocol.md#limits). */
export const MAX_SINGLE_UPLOAD_BYTES = 5 * 1024 ** 3;

/** `uploadId` as sent; old doc examples use other casings, so accept `uploadid` too (docs/protocol.md#multipart-upload). */
export function uploadIdOf(query: QueryParam[]): string {
  return queryValue(query, 'uploadId') ?? queryValue(query, 'uploadid') ?? '';
}

export function partNumberOf(query: QueryParam[]): number | undefined {
  const raw = queryValue(query, 'partNumber') ?? queryValue(query, 'partnumber');
  return raw === undefined ? undefined : Number(raw);
}

/** Where a `mid-body` fault cuts a request body: halfway through its declared length. */
export function dropPoint(ctx: RequestContext): number | undefined {
  if (!ctx.dropMidBody) return undefined;
  return Math.floor((declaredLength(ctx.req) ?? 2) / 2);
}

/** Where a `corrupt: 'stored'` fault flips a byte: the middle of the declared body. */
export function flipPoint(ctx: RequestContext): number | undefined {
  if (ctx.corrupt !== 'stored') return undefined;
  return Math.floor((declaredLength(ctx.req) ?? 0) / 2);
}

/** The CRC-64 header value to answer with: off by one bit under a `corrupt: 'crc-header'` fault. */
export function answeredCrc(ctx: RequestContext, crc64: string): string {
  return ctx.corrupt === 'crc-header' ? (BigInt(crc64) ^ 1n).toString() : crc64;
}
