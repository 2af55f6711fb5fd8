export { CosFileAddedEvent } from './file-added.js';
export type { CosFileAddedDetail } from './file-added.js';
export { CosFileRejectedEvent } from './file-rejected.js';
export type { CosFileRejectedDetail, RejectionReason } from './file-rejected.js';
export { CosUploadStartEvent } from './upload-start.js';
export type { CosUploadStartDetail } from './upload-start.js';
export { CosUploadProgressEvent } from './upload-progress.js';
export type { CosUploadProgressDetail } from './upload-progress.js';
export { CosUploadSuccessEvent } from './upload-success.js';
export type { CosUploadSuccessDetail } from './upload-success.js';
export { CosUploadErrorEvent } from './upload-error.js';
export type { CosUploadErrorDetail } from './upload-error.js';
export { CosUploadWarningEvent } from './upload-warning.js';
export type { CosUploadWarningDetail } from './upload-warning.js';
export { CosUploadCancelEvent } from './upload-cancel.js';
export type { CosUploadCancelDetail } from './upload-cancel.js';
export { CosQueueCompleteEvent } from './queue-complete.js';
export type { CosQueueCompleteDetail } from './queue-complete.js';
export { CosRulesChangeEvent } from './rules-change.js';
export type { CosRulesChangeDetail } from './rules-change.js';
export { CosProcessingCompleteEvent, CosProcessingErrorEvent } from './processing-complete.js';
export type { CosProcessingCompleteDetail, CosProcessingErrorDetail, ProcessingMode } from './processing-complete.js';
export { CosDoctorCompleteEvent } from './doctor-complete.js';
export type { CosDoctorCompleteDetail } from './doctor-complete.js';
// CosFileEditedEvent (./file-edited.js) is exported by the package entry only: the standalone build's first load has no
// bytes to spare (docs/bundle-size.md), and its class is constructed in the row edits' chunk.
export type { CosFileEditedDetail } from './file-edited.js';
