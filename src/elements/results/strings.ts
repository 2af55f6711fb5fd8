import type { Locale } from '../shared/i18n.js';

/** Every text `<cos-results>` shows; `{name}` placeholders are filled in. Override any through `strings`. */
export interface ResultsStrings {
  listLabel: string;
  original: string;
  processedCount: string;
  format: string;
  dimensions: string;
  quality: string;
  size: string;
  averageColour: string;
  frames: string;
  bitDepth: string;
  /** DPI; `{horizontal}` and `{vertical}` are filled in. */
  resolution: string;
  resolutionValue: string;
  md5: string;
  key: string;
  etag: string;
  open: string;
  openKey: string;
  noResults: string;
  loadingImage: string;
  imageUnavailable: string;
  processAgain: string;
  rule: string;
  outputKey: string;
  run: string;
  submitJob: string;
  processing: string;
  processed: string;
  jobState: string;
  failed: string;
  requestId: string;
}

const en: ResultsStrings = {
  listLabel: 'Processed images',
  original: 'Original',
  processedCount: '{count} processed',
  format: 'Format',
  dimensions: 'Dimensions',
  quality: 'Quality',
  size: 'Size',
  averageColour: 'Average colour',
  frames: 'Frames',
  bitDepth: 'Bit depth',
  resolution: 'Resolution',
  resolutionValue: '{horizontal} × {vertical} DPI',
  md5: 'MD5',
  key: 'Key',
  etag: 'ETag',
  open: 'Open',
  openKey: 'Open {key}',
  noResults: 'No processed images.',
  loadingImage: 'Loading preview',
  imageUnavailable: 'No preview',
  processAgain: 'Process again',
  rule: 'Rule',
  outputKey: 'Output key',
  run: 'Run',
  submitJob: 'Submit as a job',
  processing: 'Processing…',
  processed: 'Done: {key}',
  jobState: 'Job {id}: {state}',
  failed: 'Failed: {message}',
  requestId: 'Request ID {id}',
};

const zhCN: ResultsStrings = {
  listLabel: '处理结果',
  original: '原图',
  processedCount: '{count} 个处理结果',
  format: '格式',
  dimensions: '尺寸',
  quality: '质量',
  size: '大小',
  averageColour: '平均色',
  frames: '帧数',
  bitDepth: '位深',
  resolution: '分辨率',
  resolutionValue: '{horizontal} × {vertical} DPI',
  md5: 'MD5',
  key: '对象键',
  etag: 'ETag',
  open: '打开',
  openKey: '打开“{key}”',
  noResults: '没有处理结果。',
  loadingImage: '正在加载预览',
  imageUnavailable: '无预览',
  processAgain: '重新处理',
  rule: '规则',
  outputKey: '输出对象键',
  run: '执行',
  submitJob: '作为异步任务提交',
  processing: '处理中…',
  processed: '已完成：{key}',
  jobState: '任务 {id}：{state}',
  failed: '失败：{message}',
  requestId: '请求 ID {id}',
};

export const resultsStrings: Record<Locale, ResultsStrings> = { en, 'zh-CN': zhCN };
