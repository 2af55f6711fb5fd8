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
