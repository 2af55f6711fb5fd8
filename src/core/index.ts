/**
 * The core's public entry: pure TypeScript, no DOM access at load time and no lit,
 * so Node scripts and the emulator can import it. Each area appends its exports below.
 */
export type * from './types.js';
export { getAuthorization, computeSignature, formatAuthorization, appendAuthorizationToUrl, isSignableHeader } from './auth/sign.js';
export type { AuthorizationOptions, SignatureParts } from './auth/sign.js';
export { cosUrlEncode, encodeKeyPath, canonicalize } from './auth/canonical.js';
export { setDefaultHash, webCryptoHash, fallbackHash, autoHash } from './auth/hash.js';
export type { HashProvider } from './auth/hash.js';
export { MAX_KEY_BYTES } from './limits.js';
export { CosError, isAbortError } from './http/errors.js';
export type { CosErrorInit, CosErrorSource } from './http/errors.js';
export { classifyError, backoffDelay, slowDownDelay } from './http/retry.js';
export type { RetryAction, BackoffOptions } from './http/retry.js';
// The rule grammar has its own entry, so elements that only need rules do not load the rest (docs/bundle-size.md).
export * from './rules/index.js';
export { XhrTransport } from './http/xhr-transport.js';
export { FetchTransport } from './http/fetch-transport.js';
export type { FetchTransportOptions } from './http/fetch-transport.js';
export { parseXml, preloadXmlParser, decodeXmlEntities } from './xml/parse.js';
export type { XmlDocument, XmlElement, XmlNode } from './xml/parse.js';
export { cosErrorFromResponse } from './xml/error.js';
export {
  readXmlResponse, mapUploadResult, mapInitiateMultipartUpload, mapListParts, mapListMultipartUploads, mapCompleteMultipartUpload,
} from './xml/responses.js';
export type { ListMultipartUploadsResult, MultipartUploadSummary } from './xml/responses.js';
export { buildCompleteMultipartUploadXml, escapeXml } from './xml/build.js';
export { createCredentialsProvider, normalizeCredentials } from './auth/credentials.js';
export type { CredentialsProviderOptions, CredentialsTokenProvider } from './auth/credentials.js';
export { createStsTokenProvider } from './auth/credentials-sts.js';
export type { StsTokenProviderOptions } from './auth/credentials-sts.js';
export { createSignerTokenProvider } from './auth/credentials-signer.js';
export type { SignerTokenProviderOptions } from './auth/credentials-signer.js';
export { presignedUrl } from './auth/presign.js';
export { hasTokenSource, tokenProviderFor } from './auth/token-source.js';
export type { TokenSource, TokenProviderFactories } from './auth/token-source.js';
export * from './doctor/index.js';
export { CosClient } from './client.js';
export type { CosClientOptions, HeadObjectResult, ObjectUrlOptions } from './client.js';
export type { CosRequest } from './client-request.js';
export { planParts, choosePartSize, MIN_PART_SIZE, MAX_PART_SIZE, MAX_PARTS, MAX_OBJECT_SIZE, MAX_SIMPLE_PUT_SIZE, DEFAULT_PART_SIZE, DEFAULT_CONCURRENCY, defaultPartSize } from './upload/plan.js';
export { RequestQueue, RequestPriority } from './upload/queue.js';
export type { QueueTaskOptions } from './upload/queue.js';
export { UploadManager } from './upload/manager.js';
export type { UploadEngineOptions } from './upload/manager.js';
export { FileUpload } from './upload/file-upload.js';
export { MemoryResumeStore, IndexedDbResumeStore, defaultResumeStore } from './upload/resume-store.js';
export type { IndexedDbResumeStoreOptions } from './upload/resume-store.js';
export { fingerprintFile } from './upload/fingerprint.js';
export { rememberHandle, handleOf } from './upload/file-handles.js';
export { interruptedUploads, discardUpload, DEFAULT_RESUME_MAX_AGE_MS } from './upload/resume-records.js';
export type { InterruptedUploadsOptions } from './upload/resume-records.js';
export { UploadInterrupted } from './upload/interrupt.js';
export { RequestDeadlines, DEFAULT_STALL_TIMEOUT_MS, DEFAULT_RESPONSE_TIMEOUT_MS } from './http/deadlines.js';
export type { DeadlineOptions } from './http/deadlines.js';
export { browserNetworkStatus, ManualNetworkStatus, whenOnline } from './http/network.js';
export type { NetworkStatus } from './http/network.js';
export { REFRESH_FRACTION, MIN_USABLE_SECONDS, refreshMarginFor } from './auth/credentials-refresh.js';
export type { RefreshPolicyOptions } from './auth/credentials-refresh.js';
export { PicJobsApi } from './ci/pic-jobs.js';
export type { PicJobsOptions } from './ci/pic-jobs.js';
export type { PicJobs } from './ci/lazy-pic-jobs.js';
export type { PicJob, PicJobRequest, PicJobState, PicJobWaitOptions } from './ci/types.js';
export { buildPicJobRequestXml } from './ci/pic-job-xml.js';
export type { ListObjectsPage, ListedObject } from './xml/list-objects.js';
export { reprocessingMode, SYNC_PROCESSING_LIMIT } from './ci/mode.js';
export type { ModeOptions } from './ci/mode.js';
export type { Crc64EngineName, WasmChecksum } from './integrity/crc64-engine.js';
