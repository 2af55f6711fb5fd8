/** Texts of the on-image editor and the comparison (loaded with them); pages override them through `strings` too. */
import type { Locale } from '../shared/i18n.js';

export interface StageStrings {
  stage: string;
  stageOperation: string;
  stageInput: string;
  stageLoading: string;
  stageNone: string;
  stageHelpRegion: string;
  stageHelpWatermark: string;
  stageHelpThumbnail: string;
  stageHelpFixed: string;
  regionLabel: string;
  cornerLabel: string;
  markerLabel: string;
  thumbHandleLabel: string;
  thumbResult: string;
  stageImageAlt: string;
  compare: string;
  compareSlider: string;
  compareValue: string;
  compareOutputAlt: string;
}

const en: StageStrings = {
  stage: 'Edit on the image',
  stageOperation: 'Operation',
  stageInput: 'What {op} receives: {w} × {h} px',
  stageLoading: 'Loading the image this operation receives…',
  stageNone: 'Add a cut, crop, resize or watermark operation to edit it on the image.',
  stageHelpRegion: 'Drag on the image to draw the region; drag it or its corners to adjust. Click to set the position (gravity). Arrow keys move the focused region or corner by 1 px, with Shift by 10 px.',
  stageHelpWatermark: 'Drag the marker to set the watermark’s margins (dx, dy) from its position; click the image to choose the position. Arrow keys move the marker by 1 px, with Shift by 10 px.',
  stageHelpThumbnail: 'Drag the corner handle to set the size. Arrow keys change it by 1 px, with Shift by 10 px.',
  stageHelpFixed: 'This resize mode (percentage or area) has no box to drag; use the form.',
  regionLabel: 'Region {w} × {h} px at {x}, {y}',
  cornerLabel: '{corner} corner of the region',
  markerLabel: 'Watermark at {gravity}, dx {dx}, dy {dy}',
  thumbHandleLabel: 'Resize box {w} × {h} px',
  thumbResult: 'Output {w} × {h} px',
  stageImageAlt: 'The image {op} receives',
  compare: 'Before and after',
  compareSlider: 'Split between the original and {rule}',
  compareValue: '{n}% original',
  compareOutputAlt: 'Output of {rule}',
};

const zh: StageStrings = {
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

export const stageStrings: Record<Locale, StageStrings> = { en, 'zh-CN': zh };
