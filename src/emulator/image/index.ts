/**
 * The emulator's image processing (Cloud Infinite on top of COS), implemented with sharp:
 * Pic-Operations on PUT / Complete / POST ?image_process, download-time `?imageMogr2/…` style
 * processing, `?imageInfo`, and asynchronous picture jobs. The HTTP layer calls only these exports.
 */
export { ImageError } from './errors.js';
export type { ObjectIO } from './state.js';
export { processPicOperations, resolveFileId, MAX_PIC_RULES } from './pic-operations.js';
export type { PicOperationsArgs, PicOperationsResult } from './pic-operations.js';
export { processOnDownload, extractRule } from './download.js';
export { createPicJobs } from './jobs.js';
export type { PicJobs } from './jobs.js';
export { tokenizeRule } from './tokenize.js';
export type { RuleSegment, RuleStep } from './tokenize.js';
