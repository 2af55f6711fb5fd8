import { CosError } from './http/errors.js';
import { presignedUrl, checkRawQuery } from './auth/presign.js';
import type { MultipartUploadSummary } from './xml/responses.js';
import { clientXml } from './lazy-client-xml.js';
import type { XmlCallContext } from './client-xml.js';
import { checkPartNumber, checkUploadId, validateBucketLocation, validateKey } from './client-validate.js';
import { runnerSettings, type CosClientOptions, type HeadObjectResult, type ObjectUrlOptions } from './client-options.js';
import { buildPostForm } from './post-form.js';
import { reportedCrc64 } from './integrity/verify.js';
import { RequestRunner, type CosRequest } from './client-request.js';
import { lazyPicJobs, type PicJobs } from './ci/lazy-pic-jobs.js';
import type { ListObjectsPage } from './xml/list-objects.js';
import type { HashProvider } from './auth/hash.js';
import type {
  CompleteMultipartUploadResult, HttpResponse, InitiateMultipartUploadResult, ListedPart, ObjectClient,
  PutObjectOptions, PutObjectResult, ProgressOption, RequestOptions, TokenProvider, UploadResult,
} from './types.js';

export type { CosClientOptions, HeadObjectResult, ObjectUrlOptions } from './client-options.js';

function missingEtag(response: HttpResponse, action: string): CosError {
  return new CosError({
    code: 'MissingETag',
    message: `COS answered ${action} with HTTP ${response.status} but its ETag header is not readable: ` +
      'add "ETag" to ExposeHeaders in the bucket\'s CORS rule',
    status: response.status,
    requestId: response.headers['x-cos-request-id'] || undefined,
    source: 'cos',
    retryable: false,
  });
}

/** `{crc64}` when the answer carries a readable CRC-64 header, else nothing (results stay as they were). */
function crcOf(response: Pick<HttpResponse, 'headers'>): { crc64?: string } {
  const crc64 = reportedCrc64(response.headers);
  return crc64 === undefined ? {} : { crc64 };
}

/** The COS XML API client for one bucket (docs/protocol.md#objects): signs through a TokenProvider, retries, parses. */
export class CosClient implements ObjectClient {
  readonly bucket: string;
  readonly region: string;
  readonly #runner: RequestRunner;
  readonly #now: () => number;
  readonly #tokenProvider: TokenProvider;
  readonly #hash?: HashProvider;
  /** Asynchronous picture jobs on the CI host (docs/processing-jobs.md). */
  readonly picJobs: PicJobs;
  /** What the calls that read or write XML (loaded on first use) use of this client. */
  readonly #xmlContext: XmlCallContext;

  constructor(options: CosClientOptions) {
    validateBucketLocation(options.bucket, options.region);
    if (!options.tokenProvider) throw new TypeError('CosClient needs a tokenProvider');
    this.bucket = options.bucket;
    this.region = options.region;
    const { shared, baseUrl, ciBaseUrl } = runnerSettings(options);
    this.#runner = new RequestRunner({ ...shared, baseUrl });
    this.#now = options.now ?? Date.now;
    this.#tokenProvider = options.tokenProvider;
    this.#hash = options.hash;
    this.#xmlContext = { runner: this.#runner, now: this.#now };
    // The CI host signs like COS; only the host and the STS token header differ.
    this.picJobs = lazyPicJobs({
      runner: new RequestRunner({ ...shared, baseUrl: ciBaseUrl, securityTokenHeader: 'x-ci-security-token' }),
      bucket: options.bucket,
      region: options.region,
      location: (key) => this.location(key),
      now: options.now,
      sleep: options.sleep,
    });
  }

  /** Server time minus local time in ms, as learned from clock-skew errors. */
  get clockOffsetMs(): number {
    return this.#runner.clockOffsetMs;
  }

  /** Signs, sends and retries one call; resolves with any 2xx response, rejects with a CosError. */
  request(request: CosRequest): Promise<HttpResponse> {
    return this.#runner.run(request, (response) => response);
  }

  /** Where an object lives, without the scheme (as COS writes `Location`). */
  location(key: string): string {
    return this.#runner.objectUrl(key).replace(/^[a-z]+:\/\//i, '');
  }

  async putObject(key: string, body: Blob, options: PutObjectOptions = {}): Promise<PutObjectResult> {
    const headers = { ...options.headers, ...(options.picOperations ? { 'Pic-Operations': options.picOperations } : {}) };
    const { signal, onProgress, onRetry } = options;
    // The processing answer is XML: its reader loads while the body uploads (again at the answer if that load failed).
    const xml = options.picOperations ? clientXml().catch(() => undefined) : undefined;
    // Without processing COS answers as soon as the body is in (docs/networks.md#learned-answer-deadline).
    const quickAnswer = !Object.keys(headers).some((name) => name.toLowerCase() === 'pic-operations');
    return this.#runner.run({ method: 'PUT', key, headers, body, signal, quickAnswer, onUploadProgress: onProgress, onRetry: onRetry && ((_, n) => onRetry(n)) }, async (response) => {
      const uploadResult = xml && response.text.trim() ? await ((await xml) ?? (await clientXml())).uploadResultOf(response) : undefined;
      const etag = response.headers.etag || uploadResult?.originalInfo.etag;
      if (!etag) throw missingEtag(response, 'PutObject');
      return {
        key, etag, location: this.location(key), requestId: response.headers['x-cos-request-id'] || undefined, uploadResult,
        ...crcOf(response),
      };
    });
  }

  /** Whether postObject can be used: the token provider signs POST policies (temporary keys). */
  canPostObject(): boolean {
    return typeof this.#tokenProvider.postPolicy === 'function';
  }

  /**
   * POST Object (docs/integrity-and-wan.md): the file as an HTML form to the bucket's URL, authorised by a
   * signed policy in the form. Same URL for every key, so a browser pays its CORS preflight once.
   * No Pic-Operations; `headers` become form fields (Content-Type, x-cos-meta-*…).
   */
  async postObject(key: string, body: Blob, options: PutObjectOptions = {}): Promise<PutObjectResult> {
    validateKey(key);
    const provider = this.#tokenProvider;
    if (!provider.postPolicy) {
      throw new CosError({ code: 'InvalidArgument', message: `${provider.name} cannot sign POST Object policies`, source: 'client', retryable: false });
    }
    const fields = await provider.postPolicy({ bucket: this.bucket, key, clockOffsetMs: this.clockOffsetMs, hash: this.#hash }, { signal: options.signal });
    const form = buildPostForm({ ...fields, ...options.headers }, body, key);
    return this.#runner.run(
      {
        method: 'POST', headers: {}, body: form, signal: options.signal, onUploadProgress: options.onProgress,
        onRetry: options.onRetry && ((_, n) => options.onRetry!(n)), unsigned: true, quickAnswer: true,
      },
      (response) => {
        const etag = response.headers.etag;
        if (!etag) throw missingEtag(response, 'PostObject');
        return { key, etag, location: this.location(key), requestId: response.headers['x-cos-request-id'] || undefined, ...crcOf(response) };
      },
    );
  }

  /**
   * Opens a multipart upload. When an attempt's answer was lost (network error, 5xx from a proxy) COS
   * may have opened an upload whose id never reached us: the result lists the uploads of this key opened
   * while that attempt was out (`unconfirmedUploadIds`). None is aborted: COS cannot tell whose they are,
   * and one may be another tab's upload of the same key (docs/edge-cases.md).
   */
  async initiateMultipartUpload(key: string, options: RequestOptions & { headers?: Record<string, string> } = {}): Promise<InitiateMultipartUploadResult> {
    return (await clientXml()).initiateMultipartUpload(this.#xmlContext, key, options);
  }

  /** The part's ETag, and COS's CRC-64 of what it stored when the header is readable. */
  async uploadPart(key: string, uploadId: string, partNumber: number, body: Blob, options: RequestOptions & ProgressOption = {}): Promise<{ etag: string; crc64?: string }> {
    checkPartNumber(partNumber);
    const params = { partNumber: String(partNumber), uploadId: checkUploadId(uploadId) };
    const { signal, onProgress, onRetry } = options;
    return this.#runner.run({ method: 'PUT', key, params, body, signal, quickAnswer: true, onUploadProgress: onProgress, onRetry: onRetry && ((_, n) => onRetry(n)) }, (response) => {
      const etag = response.headers.etag;
      if (!etag) throw missingEtag(response, 'UploadPart');
      return { etag, ...crcOf(response) };
    });
  }

  /** Every part, following `NextPartNumberMarker` while `IsTruncated`. */
  async listParts(key: string, uploadId: string, options: RequestOptions = {}): Promise<ListedPart[]> {
    return (await clientXml()).listParts(this.#xmlContext, key, uploadId, options);
  }

  async completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
    options: RequestOptions & { picOperations?: string; headers?: Record<string, string> } = {},
  ): Promise<CompleteMultipartUploadResult> {
    return (await clientXml()).completeMultipartUpload(this.#xmlContext, key, uploadId, parts, options, crcOf);
  }

  async abortMultipartUpload(key: string, uploadId: string, options: RequestOptions = {}): Promise<void> {
    await this.#runner.run({ method: 'DELETE', key, params: { uploadId: checkUploadId(uploadId) }, signal: options.signal }, () => undefined);
  }

  /** Has the token provider fetch its credentials now (a page expecting an upload soon); failures surface on the real request. */
  async prefetchCredentials(): Promise<void> {
    await this.#tokenProvider.prefetch?.({ clockOffsetMs: this.clockOffsetMs }).catch(() => undefined);
  }

  async headObject(key: string, options: RequestOptions = {}): Promise<HeadObjectResult> {
    return this.#runner.run({ method: 'HEAD', key, signal: options.signal }, ({ headers }) => ({
      etag: headers.etag || undefined,
      size: headers['content-length'] !== undefined ? Number(headers['content-length']) : undefined,
      contentType: headers['content-type'] || undefined,
      lastModified: headers['last-modified'] || undefined,
      requestId: headers['x-cos-request-id'] || undefined,
      ...crcOf({ headers }),
      headers,
    }));
  }

  async deleteObject(key: string, options: RequestOptions = {}): Promise<void> {
    await this.#runner.run({ method: 'DELETE', key, signal: options.signal }, () => undefined);
  }

  /** In-progress multipart uploads whose key starts with `prefix`, every page followed. */
  async listMultipartUploads(prefix: string, options: RequestOptions = {}): Promise<MultipartUploadSummary[]> {
    return (await clientXml()).listMultipartUploads(this.#xmlContext, prefix, options);
  }

  /** Cloud processing of a stored image: POST ?image_process with Pic-Operations (docs/protocol.md#processing-a-stored-object). */
  async imageProcess(key: string, picOperations: string, options: RequestOptions = {}): Promise<UploadResult> {
    return (await clientXml()).imageProcess(this.#xmlContext, key, picOperations, options);
  }

  /** One page of GET Bucket under `prefix` (at most `maxKeys`, ≤ 1000); pass the page's `nextMarker` as `marker` for the next. */
  async listObjects(prefix: string, options: RequestOptions & { marker?: string; maxKeys?: number; delimiter?: string } = {}): Promise<ListObjectsPage> {
    return (await clientXml()).listObjects(this.#xmlContext, prefix, options);
  }

  /** A pre-signed GET URL (signature in the query), with an optional unsigned processing rule appended. */
  async getObjectUrl(key: string, options: ObjectUrlOptions = {}): Promise<string> {
    validateKey(key);
    checkRawQuery(options.query);
    const auth = await this.#runner.authorize('GET', key, {}, { host: this.#runner.host }, options.signal, options.expires ?? 900);
    return presignedUrl(this.#runner.objectUrl(key), auth, options.query);
  }

  /** The object's bytes (signed GET), optionally processed by a rule in `query`, e.g. for previews. */
  async getObject(key: string, options: { query?: string; signal?: AbortSignal } = {}): Promise<Blob> {
    return this.#runner.run({ method: 'GET', key, rawQuery: options.query, responseType: 'blob', signal: options.signal },
      (response) => response.blob ?? new Blob([response.text], { type: response.headers['content-type'] ?? '' }));
  }
}

