/** Texts of <cos-rule-editor> in English and Simplified Chinese; pages may override any of them. */
import type { Locale } from '../shared/i18n.js';

export interface RuleEditorStrings {
  rules: string;
  addRule: string;
  maxRules: string;
  presets: string;
  presetsPlaceholder: string;
  ruleHeading: string;
  fileid: string;
  fileidHelp: string;
  bucket: string;
  bucketHelp: string;
  operations: string;
  addOperation: string;
  chooseOperation: string;
  ruleText: string;
  ruleTextHelp: string;
  moveUp: string;
  moveDown: string;
  duplicate: string;
  remove: string;
  moreOptions: string;
  notSet: string;
  force: string;
  keepSmaller: string;
  colorText: string;
  rawText: string;
  unknownParam: string;
  resizeMode: string;
  width: string;
  height: string;
  percent: string;
  area: string;
  offsetX: string;
  offsetY: string;
  radius: string;
  sigma: string;
  min: string;
  max: string;
  amount: string;
  unit: string;
  picInfo: string;
  header: string;
  headerHelp: string;
  empty: string;
  preview: string;
  original: string;
  previewHint: string;
  sampleUpload: string;
  uploadingSample: string;
  rendering: string;
  previewBlocked: string;
  previewStyle: string;
  previewFailed: string;
  emptyRule: string;
  errorCount: string;
}

const en: RuleEditorStrings = {
  rules: 'Rules',
  addRule: 'Add rule',
  maxRules: 'Pic-Operations allows at most 5 rules.',
  presets: 'Preset',
  presetsPlaceholder: 'Add a preset…',
  ruleHeading: 'Rule {n}',
  fileid: 'Output key (fileid)',
  fileidHelp: 'Relative to the uploaded file’s folder; a leading / starts at the bucket root. {name}, {ext} and {filename} are filled in per file.',
  bucket: 'Output bucket',
  bucketHelp: 'Optional, BucketName-APPID; the upload’s bucket when empty.',
  operations: 'Operations of rule {n}',
  addOperation: 'Add operation',
  chooseOperation: 'Operation to add',
  ruleText: 'Rule text',
  ruleTextHelp: 'Edit the rule directly; the form follows.',
  moveUp: 'Move {name} up',
  moveDown: 'Move {name} down',
  duplicate: 'Duplicate {name}',
  remove: 'Remove {name}',
  moreOptions: 'More options',
  notSet: 'Not set',
  force: 'Force (!)',
  keepSmaller: 'Keep the smaller file (!)',
  colorText: 'Hex',
  rawText: 'Kept as written',
  unknownParam: 'Unknown parameter, kept as written',
  resizeMode: 'Resize mode',
  width: 'Width',
  height: 'Height',
  percent: 'Percent',
  area: 'Total pixels',
  offsetX: 'Left (dx)',
  offsetY: 'Top (dy)',
  radius: 'Radius',
  sigma: 'Sigma',
  min: 'Minimum',
  max: 'Maximum',
  amount: 'Amount',
  unit: 'Unit',
  picInfo: 'Return the original image’s info (is_pic_info)',
  header: 'Pic-Operations header',
  headerHelp: 'Edit or paste a header; the form follows.',
  empty: 'No rules yet: add one or pick a preset.',
  preview: 'Preview',
  original: 'Original',
  previewHint: 'Choose a sample image to see each rule’s output.',
  sampleUpload: 'Sample image',
  uploadingSample: 'Uploading the sample…',
  rendering: 'Rendering…',
  previewBlocked: 'Fix the errors to preview this rule.',
  previewStyle: 'Saved styles cannot be previewed here.',
  previewFailed: 'Preview failed: {message}',
  emptyRule: 'Empty rule',
  errorCount: '{n} problem(s)',
};

const zh: RuleEditorStrings = {
  rules: '规则',
  addRule: '添加规则',
  maxRules: 'Pic-Operations 最多支持 5 条规则。',
  presets: '预设',
  presetsPlaceholder: '从预设添加…',
  ruleHeading: '规则 {n}',
  fileid: '输出文件名 (fileid)',
  fileidHelp: '相对于上传文件所在目录；以 / 开头则从存储桶根目录算起。{name}、{ext}、{filename} 会按每个文件替换。',
  bucket: '输出存储桶',
  bucketHelp: '可选，格式为 BucketName-APPID；留空则为上传所用的存储桶。',
  operations: '规则 {n} 的处理操作',
  addOperation: '添加操作',
  chooseOperation: '要添加的操作',
  ruleText: '规则文本',
  ruleTextHelp: '可直接编辑规则，表单会同步更新。',
  moveUp: '上移{name}',
  moveDown: '下移{name}',
  duplicate: '复制{name}',
  remove: '删除{name}',
  moreOptions: '更多选项',
  notSet: '未设置',
  force: '强制 (!)',
  keepSmaller: '取较小的文件 (!)',
  colorText: '十六进制',
  rawText: '按原样保留',
  unknownParam: '未知参数，按原样保留',
  resizeMode: '缩放方式',
  width: '宽度',
  height: '高度',
  percent: '百分比',
  area: '总像素',
  offsetX: '左边距 (dx)',
  offsetY: '上边距 (dy)',
  radius: '半径',
  sigma: '标准差',
  min: '最小值',
  max: '最大值',
  amount: '数值',
  unit: '单位',
  picInfo: '返回原图信息 (is_pic_info)',
  header: 'Pic-Operations 请求头',
  headerHelp: '可直接编辑或粘贴请求头，表单会同步更新。',
  empty: '还没有规则：请添加规则或选择预设。',
  preview: '预览',
  original: '原图',
  previewHint: '选择一张示例图片即可预览每条规则的处理结果。',
  sampleUpload: '示例图片',
  uploadingSample: '正在上传示例图片…',
  rendering: '处理中…',
  previewBlocked: '请先修正错误再预览此规则。',
  previewStyle: '已保存的样式无法在此预览。',
  previewFailed: '预览失败：{message}',
  emptyRule: '空规则',
  errorCount: '{n} 个问题',
};

export const ruleEditorStrings: Record<Locale, RuleEditorStrings> = { en, 'zh-CN': zh };
