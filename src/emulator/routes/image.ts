import { join } from 'node:path';
import { safeDecode } from '../address.js';
import { readSmallBody } from '../body.js';
import { sendXml, type EmulatorState, type RequestContext } from '../context.js';
import { cosError } from '../errors.js';
import {
  loadImageModule, MAX_IMAGE_INPUT_BYTES, objectIO, toEmulatorError, type PicJobs, type PicOperationsResult,
} from '../image-bridge.js';
import { fileJobStore, hasSavedJobs } from '../job-files.js';
import type { ObjectMeta } from '../object-store.js';

/** Query parameters that never mean image processing: signature, STS token, response overrides. */
function isPlainParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('q-') || lower.startsWith('response-') || lower === 'x-cos-security-token' || lower === 'versionid';
}

async function readOriginal(ctx: RequestContext, meta: ObjectMeta): Promise<Buffer> {
  if (meta.size > MAX_IMAGE_INPUT_BYTES) {
    throw cosError('ImageTooLarge', `The image is larger than ${MAX_IMAGE_INPUT_BYTES} bytes and cannot be processed.`);
  }
  const original = await ctx.state.objects.readBuffer(meta.key);
  if (!original) throw cosError('NoSuchKey');
  return original;
}

/**
 * Pic-Operations on PUT, Complete and `POST ?image_process` (docs/protocol.md#pic-operations). The original is already stored,
 * so an ImageError only changes the answer, never the stored object.
 */
export async function runPicOperations(ctx: RequestContext, meta: ObjectMeta, header: string): Promise<PicOperationsResult> {
  try {
    const original = await readOriginal(ctx, meta);
    const image = await loadImageModule();
    return await image.processPicOperations({
      bucket: ctx.bucket,
      region: ctx.state.region,
      host: ctx.baseUrl.replace(/^https?:\/\//, ''),
      key: meta.key,
      original,
      originalEtag: meta.etag,
      header,
      io: objectIO(ctx.state.objects),
    });
  } catch (err) {
    throw toEmulatorError(err);
  }
}

/** `GET /key?imageMogr2/...` or `?imageInfo` (docs/protocol.md#head-and-get): the processed bytes, or null for a plain download. */
export async function downloadProcessing(ctx: RequestContext, meta: ObjectMeta): Promise<null | { body: Buffer; contentType: string }> {
  const raw = ctx.rawQuery
    .split('&')
    .filter((pair) => pair && !isPlainParam(safeDecode(pair.split('=')[0])))
    .join('&');
  if (!raw) return null;
  try {
    const image = await loadImageModule();
    if (image.extractRule && image.extractRule(raw) === null) return null;
    const original = await readOriginal(ctx, meta);
    return await image.processOnDownload({ key: meta.key, original, rawQuery: raw, io: objectIO(ctx.state.objects) });
  } catch (err) {
    throw toEmulatorError(err);
  }
}

/** `POST /key?image_process` (docs/protocol.md#processing-a-stored-object): process a stored object, answer `<UploadResult>`. */
export async function imageProcess(ctx: RequestContext): Promise<void> {
  const header = ctx.req.headers['pic-operations'];
  if (!header) throw cosError('InvalidPicOperations', 'The Pic-Operations header is required.');
  await readSmallBody(ctx.req, 1 << 20);
  const meta = await ctx.state.objects.head(ctx.key);
  if (!meta) throw cosError('NoSuchKey');
  const result = await runPicOperations(ctx, meta, String(header));
  sendXml(ctx.res, 200, result.xml);
}

const picJobsByState = new WeakMap<EmulatorState, Promise<PicJobs>>();

/** The asynchronous picture-job queue of this emulator (created on first use; jobs saved under the bucket's directory). */
function picJobsFor(state: EmulatorState): Promise<PicJobs> {
  let jobs = picJobsByState.get(state);
  if (!jobs) {
    jobs = loadImageModule().then((m) => m.createPicJobs(objectIO(state.objects), state.bucket, state.region, {
      store: fileJobStore(join(state.dataDir, state.bucket)),
      delayMs: () => state.picJobDelayMs,
      maxInputBytes: state.picJobMaxInputBytes,
    }));
    picJobsByState.set(state, jobs);
  }
  return jobs;
}

/** Starts the job queue now, so jobs a previous process left unfinished run without waiting for a request. */
export function startPicJobs(state: EmulatorState): void {
  // Most emulators never see a job: only then is sharp loaded at start.
  if (!hasSavedJobs(join(state.dataDir, state.bucket))) return;
  picJobsFor(state).catch((err: unknown) => console.error('[cos-emulator] picture jobs', err));
}

/** A simulated process exit: the queue stops; its jobs stay on disk for the next `startPicJobs`. */
export async function resetPicJobs(state: EmulatorState): Promise<void> {
  const jobs = picJobsByState.get(state);
  picJobsByState.delete(state);
  (await jobs?.catch(() => undefined))?.dispose();
}

/**
 * `POST …/pic_jobs` (or the newer `POST …/jobs`) submits, `GET …/pic_jobs/<jobId>` (or `…/jobs/<jobId>`)
 * describes; see docs/processing-jobs.md. Both paths reach the same jobs.
 */
export async function picJobs(ctx: RequestContext, path: string): Promise<void> {
  const method = ctx.req.method;
  try {
    if (method === 'POST' && /^\/(pic_)?jobs\/?$/.test(path)) {
      const body = (await readSmallBody(ctx.req, 1 << 20)).toString('utf8');
      const jobs = await picJobsFor(ctx.state);
      sendXml(ctx.res, 200, await jobs.submit(body));
      return;
    }
    const m = /^\/(?:pic_)?jobs\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      sendXml(ctx.res, 200, (await picJobsFor(ctx.state)).describe(safeDecode(m[1])));
      return;
    }
  } catch (err) {
    throw toEmulatorError(err);
  }
  throw cosError('MethodNotAllowed', `${method} ${path} is not a picture-job API.`);
}
