import type { Locale } from '../shared/i18n.js';

/** Every text `<cos-library>` shows; `{name}` placeholders are filled in. Override any through `strings`. */
export interface LibraryStrings {
  listLabel: string;
  refresh: string;
  selectAll: string;
  selectNone: string;
  selectItem: string;
  reprocess: string;
  loadMore: string;
  loading: string;
  empty: string;
  skipped: string;
  noRules: string;
  configMissing: string;
  statusQueued: string;
  statusCloud: string;
  statusJob: string;
  statusDone: string;
  statusFailed: string;
  modeCloud: string;
  modeAsync: string;
  summary: string;
  noPreview: string;
  itemProgress: string;
  errorCode: string;
  resultsLabel: string;
}

const en: LibraryStrings = {
  listLabel: 'Stored images under “{prefix}”',
  refresh: 'Refresh',
  selectAll: 'Select all',
  selectNone: 'Select none',
  selectItem: 'Select {name}',
  reprocess: 'Apply rules to {count} selected',
  loadMore: 'Load more',
  loading: 'Loading…',
  empty: 'No images under “{prefix}”.',
  skipped: '{count} other files not shown',
  noRules: 'Set the rules to apply first.',
  configMissing: '<cos-library> needs bucket, region and token-url or sign-url (or a client).',
  statusQueued: 'Waiting',
  statusCloud: 'Processing…',
  statusJob: 'Job {state}…',
  statusDone: 'Done: {count} stored',
  statusFailed: 'Failed',
  modeCloud: 'at once',
  modeAsync: 'as a job',
  summary: '{done} done, {failed} failed, {total} in this run',
  noPreview: 'No preview (over 32 MB)',
  itemProgress: 'Processing {name}',
  errorCode: 'Error {code}',
  resultsLabel: 'Outputs of this run',
};

const zhCN: LibraryStrings = {
  listLabel: '“{prefix}”下已存储的图片',
  refresh: '刷新',
  selectAll: '全选',
  selectNone: '全不选',
  selectItem: '选择 {name}',
  reprocess: '对选中的 {count} 张应用规则',
  loadMore: '加载更多',
  loading: '加载中…',
  empty: '“{prefix}”下没有图片。',
  skipped: '另有 {count} 个非图片文件未显示',
  noRules: '请先设置要应用的规则。',
  configMissing: '<cos-library> 需要设置 bucket、region 以及 token-url 或 sign-url（或 client）。',
  statusQueued: '等待中',
  statusCloud: '处理中…',
  statusJob: '任务 {state}…',
  statusDone: '完成：已存储 {count} 个',
  statusFailed: '失败',
  modeCloud: '即时',
  modeAsync: '异步任务',
  summary: '本次 {total} 张：{done} 张完成，{failed} 张失败',
  noPreview: '无预览（超过 32 MB）',
  itemProgress: '正在处理 {name}',
  errorCode: '错误 {code}',
  resultsLabel: '本次处理的输出',
};

export const libraryStrings: Record<Locale, LibraryStrings> = { en, 'zh-CN': zhCN };
