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

const zhCN: UploaderStrings = {
  dropPrompt: '拖放文件到此处、粘贴，或按下以选择文件',
  dropActive: '松开即可添加文件',
  dropZoneLabel: '添加文件',
  acceptHint: '接受：{types}',
  maxSizeHint: '单个文件最大 {size}',
  maxFilesHint: '最多 {count} 个文件',
  fileListLabel: '文件',
  statusQueued: '等待中',
  statusUploading: '上传中',
  statusPaused: '已暂停',
  statusCompleting: '正在完成',
  statusDone: '已上传',
  statusFailed: '失败',
  statusCancelled: '已取消',
  statusStored: '取消生效前已存储',
  pause: '暂停',
  resume: '继续',
  cancel: '取消',
  retry: '重试',
  remove: '移除',
  delete: '删除',
  actionOnFile: '{action}“{name}”',
  pauseAll: '全部暂停',
  resumeAll: '全部继续',
  cancelAll: '全部取消',
  retryAll: '重试失败项',
  clearFinished: '清除已完成',
  dismiss: '关闭',
  fileProgress: '“{name}”的上传进度',
  totalProgress: '总进度',
  totalSummary: '已上传 {done}/{count} 个文件',
  speedEta: '{speed}/秒，剩余 {eta}',
  resumedParts: '已续传之前的上传（已存储的分块：{parts} 个）',
  errorCode: '错误 {code}',
  requestId: '请求 ID {id}',
  rejectedType: '未添加“{name}”：不接受此类文件（{types}）。',
  rejectedSize: '未添加“{name}”：文件大小 {size}，超过上限 {max}。',
  rejectedCount: '未添加“{name}”：最多 {max} 个文件。',
  rejectedConfig: '未添加“{name}”：{reason}',
  rejectedName: '未添加“{name}”：对象键将超过 COS 允许的 850 字节。',
  unreadable: '有 {count} 个拖入的项目无法读取。',
  configMissing: '上传组件需要设置 bucket、region 以及 token-url 或 sign-url（或 tokenProvider）。',
  integrityUnchecked: '上传正常，但无法校验完整性：请在存储桶 CORS 规则的 ExposeHeaders 中加入 x-cos-hash-crc64ecma。',
  configInvalidSize: '{attribute} 不是有效的大小：“{value}”。',
  configInvalidPicOperations: 'pic-operations 无效：{reason}',
  valueMissing: '请添加文件。',
  uploadsRunning: '请等待上传完成。',
  announceStart: '“{name}”开始上传',
  announceProgress: '“{name}”：{percent}%',
  announceDone: '“{name}”已上传',
  announceFailed: '“{name}”上传失败（{code}）',
  announceQueue: '上传结束：{done} 个成功，{failed} 个失败',
  processedResults: '“{name}”的处理结果',
  stateCounts: '上传中 {uploading} · 等待 {queued} · 已暂停 {paused} · 已上传 {done} · 失败 {failed}',
  showFailedOnly: '只看失败的',
  readingFolder: '正在读取文件夹… {count} 个文件',
  announceBatch: '{started} 个开始，{done} 个已上传，{failed} 个失败；剩余 {left} 个',
  offline: '网络已断开。连接恢复后上传会自动继续。',
  statusWaitingForNetwork: '等待网络',
  retryUnreachable: '无法连接 {host}，{seconds} 秒后重试（{attempt}/{max}）',
  retryStalled: '与 {host} 的连接已停滞，{seconds} 秒后重试（{attempt}/{max}）',
  retryAfterError: '{code}，{seconds} 秒后重试（{attempt}/{max}）',
  statusProcessing: '后台处理中…',
  statusProcessingFailed: '已上传，处理失败',
  retryProcessing: '重试处理',
  announceProcessed: '“{name}”已处理',
  announceProcessingFailed: '“{name}”处理失败（{code}）',
};

export const uploaderStrings: Record<Locale, UploaderStrings> = { en, 'zh-CN': zhCN };
