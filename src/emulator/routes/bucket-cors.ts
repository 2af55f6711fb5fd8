import { readSmallBody } from '../body.js';
import { sendEmpty, sendXml, type RequestContext } from '../context.js';
import { corsConfigurationXml, parseCorsConfiguration } from '../cors-rules.js';
import { cosError } from '../errors.js';

/** PUT Bucket cors: replaces the bucket's rules; from now on preflights and answers follow them. */
export async function putBucketCors(ctx: RequestContext): Promise<void> {
  const body = await readSmallBody(ctx.req, 128 * 1024);
  ctx.state.cors = parseCorsConfiguration(body.toString('utf8'));
  sendEmpty(ctx.res, 200);
}

/** GET Bucket cors: the stored rules; the emulator's permissive default counts as no configuration. */
export async function getBucketCors(ctx: RequestContext): Promise<void> {
  const { cors } = ctx.state;
  if (cors.kind !== 'rules' || cors.rules.length === 0) {
    throw cosError('NoSuchCORSConfiguration', 'The CORS configuration does not exist.');
  }
  sendXml(ctx.res, 200, corsConfigurationXml(cors));
}

/** DELETE Bucket cors: no rules left, so every cross-origin request is refused, as on COS. */
export async function deleteBucketCors(ctx: RequestContext): Promise<void> {
  ctx.state.cors = { kind: 'rules', rules: [], responseVary: false };
  sendEmpty(ctx.res, 204);
}
