import { hasQuery, queryValue, type QueryParam } from './address.js';
import { parseAuthorization, verifySignature } from './auth.js';
import { sendEmpty, type RequestContext } from './context.js';
import { cosError } from './errors.js';
import { checkScope } from './sts.js';
import { imageProcess, picJobs } from './routes/image.js';
import { completeMultipartUpload } from './routes/complete.js';
import {
  abortMultipartUpload, initiateMultipartUpload, listMultipartUploads, listParts, uploadPart,
} from './routes/multipart.js';
import { deleteObject, getObject, putObject } from './routes/objects.js';
import { postObject } from './routes/post-object.js';
import { listObjects } from './routes/bucket.js';
import { deleteBucketCors, getBucketCors, putBucketCors } from './routes/bucket-cors.js';

/** The COS action a request performs (docs/protocol.md#objects); the names label log entries and fault rules. */
export function detectAction(method: string, key: string, query: QueryParam[]): string {
  const has = (name: string) => hasQuery(query, name) || hasQuery(query, name.toLowerCase());
  switch (method) {
    case 'PUT':
      if (!key) return has('cors') ? 'PutBucketCors' : 'Unknown';
      return has('partNumber') || has('uploadId') ? 'UploadPart' : 'PutObject';
    case 'POST':
      if (!key) return 'PostObject';
      if (has('uploads')) return 'InitiateMultipartUpload';
      if (has('uploadId')) return 'CompleteMultipartUpload';
      if (has('image_process')) return 'ImageProcess';
      return 'Unknown';
    case 'GET':
      if (!key) return has('cors') ? 'GetBucketCors' : has('uploads') ? 'ListMultipartUploads' : 'ListObjects';
      return has('uploadId') ? 'ListParts' : 'GetObject';
    case 'HEAD':
      return key ? 'HeadObject' : 'HeadBucket';
    case 'DELETE':
      if (!key) return has('cors') ? 'DeleteBucketCors' : 'Unknown';
      return has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
  }
  return 'Unknown';
}

/**
 * Verifies the request's signature (docs/protocol.md#verifying-a-signature) and, for temporary keys, the STS scope. POST Object carries
 * its signature in the form and is checked by its route; `pathnames` lists what may have been signed.
 */
export async function authenticate(ctx: RequestContext, pathnames: string[]): Promise<void> {
  if (ctx.action === 'PostObject') return;
  const { req, state } = ctx;
  const auth = parseAuthorization(req.headers, ctx.query);
  if (!auth) throw cosError('AccessDenied', 'Access Denied. The request is not signed.');
  ctx.principal = await verifySignature({
    auth,
    method: req.method ?? 'GET',
    pathnames,
    query: ctx.query,
    headers: req.headers,
    nowSec: Math.floor(state.now() / 1000),
    maxSkewSeconds: state.maxSkewSeconds,
    secretId: state.secretId,
    secretKey: state.secretKey,
  });
  const grant = ctx.principal.grant;
  if (grant) {
    const length = req.headers['content-length'];
    checkScope(grant, ctx.bucket, ctx.action, ctx.key, queryValue(ctx.query, 'prefix'), length);
  }
}

/** Runs the route of an authenticated COS request. */
/** Whether a request needs Cloud Infinite: upload-time Pic-Operations, cloud processing or picture jobs. */
function needsCi(ctx: RequestContext, ciPath?: string): boolean {
  if (ciPath !== undefined || ctx.action === 'ImageProcess') return true;
  const picOperations = ctx.req.headers['pic-operations'];
  return (ctx.action === 'PutObject' || ctx.action === 'CompleteMultipartUpload') && !!picOperations;
}

export async function runAction(ctx: RequestContext, ciPath?: string): Promise<void> {
  if (!ctx.state.ciEnabled && needsCi(ctx, ciPath)) {
    throw cosError('NoProcessAuthority', 'Cloud Infinite is not bound to this bucket: image processing is unavailable.');
  }
  if (ciPath !== undefined) return picJobs(ctx, ciPath);
  switch (ctx.action) {
    case 'PutObject': return putObject(ctx);
    case 'GetObject': return getObject(ctx, false);
    case 'HeadObject': return getObject(ctx, true);
    case 'DeleteObject': return deleteObject(ctx);
    case 'PostObject': return postObject(ctx);
    case 'InitiateMultipartUpload': return initiateMultipartUpload(ctx);
    case 'UploadPart': return uploadPart(ctx);
    case 'ListParts': return listParts(ctx);
    case 'ListMultipartUploads': return listMultipartUploads(ctx);
    case 'CompleteMultipartUpload': return completeMultipartUpload(ctx);
    case 'AbortMultipartUpload': return abortMultipartUpload(ctx);
    case 'ImageProcess': return imageProcess(ctx);
    case 'ListObjects': return listObjects(ctx);
    case 'PutBucketCors': return putBucketCors(ctx);
    case 'GetBucketCors': return getBucketCors(ctx);
    case 'DeleteBucketCors': return deleteBucketCors(ctx);
    case 'HeadBucket':
      sendEmpty(ctx.res, 200, { 'x-cos-bucket-region': ctx.state.region });
      return;
  }
  throw cosError('MethodNotAllowed', `${ctx.req.method} is not supported on this resource.`);
}
