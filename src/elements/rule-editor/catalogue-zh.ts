/**
 * The rule editor's Chinese pack: its strings and the Chinese names of the catalogue's operations, parameters,
 * positions, resize modes and presets. A chunk of its own in the standalone build, loaded when an editor first
 * shows in Chinese (locale-pack.ts).
 */
import type { ThumbnailForm } from '../../core/rules/index.js';
import type { StageStrings } from './stage-strings.js';
import type { RuleEditorStrings } from './strings.js';


export const OPERATION_LABELS_ZH: Record<string, string> = {
  thumbnail: '缩放', crop: '缩放裁剪', cut: '普通裁剪', scrop: '人脸智能裁剪', rcrop: '比例自适应裁剪', iradius: '内切圆裁剪',
  rradius: '圆角裁剪', rotate: '旋转', 'auto-orient': '自适应旋转', flip: '翻转', format: '格式转换', quality: '绝对质量',
  rquality: '相对质量', lquality: '最低质量', interlace: '渐进显示', cgif: 'GIF 帧数', strip: '去除元信息', 'size-limit': '限制大小',
  blur: '高斯模糊', sharpen: '锐化', bright: '亮度', contrast: '对比度', grayscale: '灰度图', minisize: '结果较大时返回原图',
  'ignore-error': '忽略错误', gravity: '裁剪位置', pad: '填充', color: '填充颜色', imageView2: '快速缩略模板 (imageView2)',
  'watermark/1': '图片水印', 'watermark/2': '文字水印', style: '已保存的样式', imageInfo: '图片信息', exif: 'EXIF 信息', imageAve: '图片主色调',
};

/** Keyed by the catalogue's English label. */
export const PARAM_LABELS_ZH: Record<string, string> = {
  Size: '尺寸', Position: '位置', Pad: '填充', 'Pad colour': '填充颜色', Rectangle: '裁剪区域', 'Ratio range': '比例范围', Radius: '半径',
  Degrees: '角度', Direction: '方向', Format: '格式', Quality: '质量', Percent: '百分比', Progressive: '渐进', Frames: '帧数',
  Limit: '大小上限', 'Radius x sigma': '半径 x 标准差', Amount: '强度', Brightness: '亮度', Contrast: '对比度', Grayscale: '灰度',
  'Keep smaller': '保留较小者', 'Ignore errors': '忽略错误', Mode: '模式', Width: '宽度', Height: '高度', 'Relative quality': '相对质量',
  'Lowest quality': '最低质量', 'Image URL': '水印图片地址', 'Horizontal margin': '水平边距', 'Vertical margin': '垂直边距',
  Opacity: '不透明度', Tile: '平铺', 'Tile angle': '平铺角度', 'Tile spacing': '平铺间距', 'Scale by': '缩放依据', 'Scale ‰': '缩放千分比',
  'Oversized watermark': '水印超出时', Text: '文字', Font: '字体', 'Font size': '字号', 'Text colour': '文字颜色', Shadow: '阴影',
  'Style name': '样式名称', 'Image key': '水印图片对象键',
};

export const GRAVITY_LABELS_ZH: Record<string, string> = {
  northwest: '左上', north: '上', northeast: '右上', west: '左', center: '中', east: '右', southwest: '左下', south: '下', southeast: '右下',
};

export const THUMBNAIL_FORM_LABELS_ZH: Record<ThumbnailForm, string> = {
  width: '指定宽度，等比缩放', height: '指定高度，等比缩放', fit: '限定最大宽高，等比缩放', shrink: '限定宽高，仅缩小', enlarge: '限定宽高，仅放大',
  cover: '限定最小宽高，等比缩放', force: '强制宽高（可能变形）', scale: '按百分比缩放', 'scale-width': '仅宽度按百分比缩放',
  'scale-height': '仅高度按百分比缩放', area: '限制总像素',
};

export const PRESET_LABELS_ZH: Record<string, string> = {
  'thumbnail-webp': '200 像素缩略图（WebP）', avatar: '256×256 方形头像', watermark: '文字水印', 'strip-q80': '去除元信息，质量 80',
};

export const ruleEditorZh: RuleEditorStrings = {
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

/** The on-image editor's and the comparison's texts. */
export const stageZh: StageStrings = {
  stage: '在图片上编辑',
  stageOperation: '操作',
  stageInput: '{op} 的输入：{w} × {h} 像素',
  stageLoading: '正在加载此操作的输入图片…',
  stageNone: '添加裁剪、缩放或水印操作后即可在图片上编辑。',
  stageHelpRegion: '在图片上拖动以框选区域；拖动区域或其四角可调整。点击图片可设置位置（gravity）。方向键将选中的区域或角移动 1 像素，按住 Shift 移动 10 像素。',
  stageHelpWatermark: '拖动标记可设置水印相对其位置的边距（dx、dy）；点击图片可选择位置。方向键移动 1 像素，按住 Shift 移动 10 像素。',
  stageHelpThumbnail: '拖动角上的控制点可设置尺寸。方向键调整 1 像素，按住 Shift 调整 10 像素。',
  stageHelpFixed: '此缩放方式（百分比或面积）没有可拖动的框，请使用表单。',
  regionLabel: '区域 {w} × {h} 像素，位于 {x}, {y}',
  cornerLabel: '区域的{corner}角',
  markerLabel: '水印位于 {gravity}，dx {dx}，dy {dy}',
  thumbHandleLabel: '缩放框 {w} × {h} 像素',
  thumbResult: '输出 {w} × {h} 像素',
  stageImageAlt: '{op} 的输入图片',
  compare: '处理前后对比',
  compareSlider: '原图与{rule}的分界',
  compareValue: '{n}% 原图',
  compareOutputAlt: '{rule}的输出',
};
