// The CosClient calls that read or write XML: multipart, listings, processing answers, error answers. A chunk of their
// own, loaded by the first such call or answer (`clientXml()`), so a page uploading small files by POST or PUT never fetches them
// (docs/bundle-size.md#what-waits-for-its-first-use). Each takes the client's request runner and clock.
import { CosError } from './http/errors.js';
import { buildCompleteMultipartUploadXml } from './xml/build.js';
import { invalidResponse } from './xml/invalid-response.js';
import {
  readXmlResponse, mapCompleteMultipartUpload, mapInitiateMultipartUpload, mapListMultipartUploads, mapListParts,
  mapUploadResult, type MultipartUploadSummary,
} from './xml/responses.js';
import { mapListObjects, type ListObjectsPage } from './xml/list-objects.js';
import { cosErrorFromResponse } from './xml/error.js';
import { checkUploadId } from './client-validate.js';
import type { RequestRunner } from './client-request.js';
import type {
  CompleteMultipartUploadResult, HttpResponse, InitiateMultipartUploadResult, ListedPart, RequestOptions, UploadResult,
} from './types.js';

/** What the calls use of their client. */
export interface XmlCallContext {
  runner: RequestRunner;
  /** Local time, ms. */
  now: () => number;
}

/**
 * Best effort: ids of uploads of `key` (other than `keep`) that COS opened between `fromMs` and
 * `toMs`, server time with 5 s slack each side. Empty when listing is not allowed or fails.
 */
async function uploadsOpenedBetween(ctx: XmlCallContext, key: string, keep: string, fromMs: number, toMs: number, signal?: AbortSignal): Promise<string[]> {
  try {
    const uploads = await listMultipartUploads(ctx, key, { signal });
    return uploads.filter((u) => {
      const initiated = Date.parse(u.initiated ?? '');
      return u.key === key && u.uploadId !== keep && initiated >= fromMs - 5000 && initiated <= toMs + 5000;
    }).map((u) => u.uploadId);
  } catch {
    return [];
  }
}

/** See CosClient.initiateMultipartUpload. */
async function initiateMultipartUpload(ctx: XmlCallContext, key: string, options: RequestOptions & { headers?: Record<string, string> }): Promise<InitiateMultipartUploadResult> {
  const serverNow = () => ctx.now() + ctx.runner.clockOffsetMs;
  const startedAt = serverNow();
  let lostAt: number | undefined;
  const result = await ctx.runner.run(
    { method: 'POST', key, params: { uploads: '' }, headers: options.headers, signal: options.signal,
      onRetry: (err, notice) => {
        if (err instanceof CosError && (err.status === 0 || err.status >= 500)) lostAt = serverNow();
        options.onRetry?.(notice);
      } },
    (response) => readXmlResponse(response, 'InitiateMultipartUploadResult', mapInitiateMultipartUpload));
  if (lostAt === undefined) return result;
  const unconfirmed = await uploadsOpenedBetween(ctx, key, result.uploadId, startedAt, lostAt, options.signal);
  return unconfirmed.length ? { ...result, unconfirmedUploadIds: unconfirmed } : result;
}

/** Every part, following `NextPartNumberMarker` while `IsTruncated`. */
async function listParts(ctx: XmlCallContext, key: string, uploadId: string, options: RequestOptions): Promise<ListedPart[]> {
  const parts: ListedPart[] = [];
  let marker: number | undefined;
  for (;;) {
    const params: Record<string, string> = { uploadId: checkUploadId(uploadId) };
    if (marker !== undefined) params['part-number-marker'] = String(marker);
    const page = await ctx.runner.run({ method: 'GET', key, params, signal: options.signal }, async (response) => {
      const result = await readXmlResponse(response, 'ListPartsResult', mapListParts);
      const next = result.nextPartNumberMarker;
      if (result.isTruncated && (next === undefined || (marker !== undefined && next <= marker))) {
        throw invalidResponse(response, `ListParts paging does not advance (marker ${marker ?? 0} → ${next})`);
      }
      return result;
    });
    parts.push(...page.parts);
    if (!page.isTruncated) return parts;
    marker = page.nextPartNumberMarker;
  }
}

/** Complete's answer, without the CRC header (the client adds it). */
function completeMultipartUpload(
  ctx: XmlCallContext,
  key: string,
  uploadId: string,
  parts: { partNumber: number; etag: string }[],
  options: RequestOptions & { picOperations?: string; headers?: Record<string, string> },
  crcOf: (response: HttpResponse) => { crc64?: string },
): Promise<CompleteMultipartUploadResult> {
  const body = buildCompleteMultipartUploadXml(parts);
  const headers: Record<string, string> = { 'Content-Type': 'application/xml', ...options.headers };
  if (options.picOperations) headers['Pic-Operations'] = options.picOperations;
  return ctx.runner.run({ method: 'POST', key, params: { uploadId: checkUploadId(uploadId) }, headers, body, signal: options.signal, onRetry: options.onRetry && ((_, notice) => options.onRetry!(notice)) },
    async (response) => ({
      ...(await readXmlResponse(response, 'CompleteMultipartUploadResult', mapCompleteMultipartUpload)),
      ...crcOf(response),
    }));
}

/** In-progress multipart uploads whose key starts with `prefix`, every page followed. */
async function listMultipartUploads(ctx: XmlCallContext, prefix: string, options: RequestOptions): Promise<MultipartUploadSummary[]> {
  const uploads: MultipartUploadSummary[] = [];
  let markers: Record<string, string> = {};
  for (;;) {
    const params = { uploads: '', prefix, ...markers };
    const page = await ctx.runner.run({ method: 'GET', params, signal: options.signal }, async (response) => {
      const result = await readXmlResponse(response, 'ListMultipartUploadsResult', mapListMultipartUploads);
      const next = `${result.nextKeyMarker ?? ''}\n${result.nextUploadIdMarker ?? ''}`;
      if (result.isTruncated && (!result.nextKeyMarker || next === `${markers['key-marker']}\n${markers['upload-id-marker']}`)) {
        throw invalidResponse(response, 'ListMultipartUploads paging does not advance (no new NextKeyMarker)');
      }
      return result;
    });
    uploads.push(...page.uploads);
    if (!page.isTruncated) return uploads;
    markers = { 'key-marker': page.nextKeyMarker ?? '', 'upload-id-marker': page.nextUploadIdMarker ?? '' };
  }
}

/** Cloud processing of a stored image: POST ?image_process with Pic-Operations (docs/protocol.md#processing-a-stored-object). */
function imageProcess(ctx: XmlCallContext, key: string, picOperations: string, options: RequestOptions): Promise<UploadResult> {
  return ctx.runner.run({ method: 'POST', key, params: { image_process: '' }, headers: { 'Pic-Operations': picOperations }, signal: options.signal },
    (response) => readXmlResponse(response, 'UploadResult', mapUploadResult));
}

/** One page of GET Bucket under `prefix` (at most `maxKeys`, ≤ 1000). */
function listObjects(ctx: XmlCallContext, prefix: string, options: RequestOptions & { marker?: string; maxKeys?: number; delimiter?: string }): Promise<ListObjectsPage> {
  const params: Record<string, string> = { prefix, 'max-keys': String(options.maxKeys ?? 1000) };
  if (options.marker) params.marker = options.marker;
  if (options.delimiter) params.delimiter = options.delimiter;
  return ctx.runner.run({ method: 'GET', params, signal: options.signal }, (response) => readXmlResponse(response, 'ListBucketResult', mapListObjects));
}

/** A PutObject answer's `UploadResult` (the Pic-Operations outcome). */
function uploadResultOf(response: HttpResponse): Promise<UploadResult> {
  return readXmlResponse(response, 'UploadResult', mapUploadResult);
}

// One object rather than the module's namespace: for a module whose chunk also serves others, the bundler would
// build a namespace object and load its runtime helper.
export const xmlCalls = {
  initiateMultipartUpload, listParts, completeMultipartUpload, listMultipartUploads, imageProcess, listObjects, uploadResultOf,
  /** The CosError of a non-2xx answer (its COS error XML): the request runner's, on its first such answer. */
  cosErrorFromResponse,
};
