/**
 * `cos-uploader/server`: backends for the widget that let each signed-in user upload under their own
 * prefix and nowhere else (docs/security.md). Fetch-style handlers, no framework dependency, Node ≥ 20.
 */
export { createSignHandler, type SignHandlerOptions } from './sign-handler.js';
export { createStsHandler, type StsHandlerOptions } from './sts-handler.js';
export {
  buildUploadPolicy, emulatorCredentialSource, qcloudCredentialSource,
  type CamPolicy, type CredentialScope, type CredentialSource, type EmulatorCredentialSourceOptions,
  type QcloudCredentialSourceOptions, type QcloudGetCredential, type TemporaryKeys,
} from './sts-sources.js';
export { toNodeListener } from './node-listener.js';
export { createMemoryRateLimitStore } from './rate-limit.js';
export { DEFAULT_MAX_OBJECT_SIZE, DEFAULT_UPLOAD_ACTIONS } from './guard.js';
export type {
  AuditEvent, FetchHandler, GuardOptions, RateLimitCount, RateLimitOptions, RateLimitStore, ServerUser, UploadAction,
} from './types.js';
