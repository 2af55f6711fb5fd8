import type { Locale } from '../shared/i18n.js';

/** Every text `<cos-uploader>` shows or announces; `{name}` placeholders are filled in. Override any through `strings`. */
export interface UploaderStrings {
  dropPrompt: string;
  dropActive: string;
  dropZoneLabel: string;
  acceptHint: string;
  maxSizeHint: string;
  maxFilesHint: string;
  fileListLabel: string;
  statusQueued: string;
  statusUploading: string;
  statusPaused: string;
  statusCompleting: string;
  statusDone: string;
  statusFailed: string;
  statusCancelled: string;
  /** A cancel that came after COS had stored the object. */
  statusStored: string;
  pause: string;
  resume: string;
  cancel: string;
  retry: string;
  remove: string;
  /** Deletes the object a too-late cancel left stored. */
  delete: string;
  actionOnFile: string;
  pauseAll: string;
  resumeAll: string;
  cancelAll: string;
  retryAll: string;
  clearFinished: string;
  dismiss: string;
  fileProgress: string;
  totalProgress: string;
  totalSummary: string;
  speedEta: string;
  resumedParts: string;
  errorCode: string;
  requestId: string;
  rejectedType: string;
  rejectedSize: string;
  rejectedCount: string;
  rejectedConfig: string;
  rejectedName: string;
  unreadable: string;
  configMissing: string;
  integrityUnchecked: string;
  configInvalidSize: string;
  configInvalidPicOperations: string;
  valueMissing: string;
  uploadsRunning: string;
  announceStart: string;
  announceProgress: string;
  announceDone: string;
  announceFailed: string;
  announceQueue: string;
  processedResults: string;
  stateCounts: string;
  showFailedOnly: string;
  readingFolder: string;
  announceBatch: string;
  offline: string;
  statusWaitingForNetwork: string;
  retryUnreachable: string;
  retryStalled: string;
  retryAfterError: string;
  statusProcessing: string;
  statusProcessingFailed: string;
  retryProcessing: string;
  announceProcessed: string;
  announceProcessingFailed: string;
}

const en: UploaderStrings = {
  dropPrompt: 'Drop files here, paste, or press to browse',
  dropActive: 'Release to add the files',
  dropZoneLabel: 'Add files',
  acceptHint: 'Accepted: {types}',
  maxSizeHint: 'Up to {size} each',
  maxFilesHint: 'At most {count} files',
  fileListLabel: 'Files',
  statusQueued: 'Waiting',
  statusUploading: 'Uploading',
  statusPaused: 'Paused',
  statusCompleting: 'Finishing',
  statusDone: 'Uploaded',
  statusFailed: 'Failed',
  statusCancelled: 'Cancelled',
  statusStored: 'Stored before the cancel took effect',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  retry: 'Retry',
  remove: 'Remove',
  delete: 'Delete',
  actionOnFile: '{action} {name}',
  pauseAll: 'Pause all',
  resumeAll: 'Resume all',
  cancelAll: 'Cancel all',
  retryAll: 'Retry failed',
  clearFinished: 'Clear finished',
  dismiss: 'Dismiss',
  fileProgress: 'Upload progress of {name}',
  totalProgress: 'Total progress',
  totalSummary: '{done} of {count} files uploaded',
  speedEta: '{speed}/s, {eta} left',
  resumedParts: 'Resumed an earlier upload (parts already stored: {parts})',
  errorCode: 'Error {code}',
  requestId: 'Request ID {id}',
  rejectedType: '{name} was not added: this type of file is not accepted ({types}).',
  rejectedSize: '{name} was not added: it is {size}, above the {max} limit.',
  rejectedCount: '{name} was not added: at most {max} files.',
  rejectedConfig: '{name} was not added: {reason}',
  rejectedName: '{name} was not added: its object key would be longer than the 850 bytes COS allows.',
  unreadable: '{count} dropped items could not be read.',
  configMissing: 'the uploader needs bucket, region and token-url or sign-url (or a tokenProvider).',
  integrityUnchecked: 'Uploads work, but their integrity is not checked: add x-cos-hash-crc64ecma to ExposeHeaders in the bucket\'s CORS rule.',
  configInvalidSize: '{attribute} is not a size: "{value}".',
  configInvalidPicOperations: 'pic-operations is not valid: {reason}',
  valueMissing: 'Please add a file.',
  uploadsRunning: 'Please wait until the uploads finish.',
  announceStart: '{name}: upload started',
  announceProgress: '{name}: {percent}%',
  announceDone: '{name}: uploaded',
  announceFailed: '{name}: failed ({code})',
  announceQueue: 'Uploads finished: {done} uploaded, {failed} failed',
  processedResults: 'Processed images of {name}',
  stateCounts: '{uploading} uploading · {queued} waiting · {paused} paused · {done} uploaded · {failed} failed',
  showFailedOnly: 'Show failed only',
  readingFolder: 'Reading folder… {count} files',
  announceBatch: '{started} started, {done} uploaded, {failed} failed; {left} left',
  offline: 'You are offline. Uploads will go on by themselves when the connection is back.',
  statusWaitingForNetwork: 'Waiting for the network',
  retryUnreachable: 'Can’t reach {host} — retrying in {seconds} s ({attempt}/{max})',
  retryStalled: 'The connection to {host} stalled — retrying in {seconds} s ({attempt}/{max})',
  retryAfterError: '{code} — retrying in {seconds} s ({attempt}/{max})',
  statusProcessing: 'Processing in the background…',
  statusProcessingFailed: 'Uploaded; processing failed',
  retryProcessing: 'Retry processing',
  announceProcessed: '“{name}” processed',
  announceProcessingFailed: 'Processing “{name}” failed ({code})',
};

let zhCN: UploaderStrings | undefined;
let zhLoading: Promise<void> | undefined;

/** For an entry that bundles the Chinese table (src/index.ts), so nothing waits for it. */
export function provideUploaderZh(table: UploaderStrings): void {
  zhCN = table;
}

/** The locale's table; English while the Chinese one is loading, or if it could not load. */
export function uploaderStrings(locale: Locale): UploaderStrings {
  return (locale === 'zh-CN' && zhCN) || en;
}

/**
 * Resolves once the locale's table is there (the standalone build keeps the Chinese one out of the first load:
 * docs/bundle-size.md); undefined when there is nothing to wait for. A failed load is forgotten: English shows
 * and the next update tries again.
 */
export function uploaderStringsReady(locale: Locale): Promise<void> | undefined {
  if (locale !== 'zh-CN' || zhCN) return undefined;
  zhLoading ??= import('./strings-zh.js').then(
    (module) => provideUploaderZh(module.zhCN),
    () => (zhLoading = undefined),
  );
  return zhLoading;
}
