/** Chinese names for the catalogue's operations, parameters, positions and resize modes. */
import type { ThumbnailForm } from '../../core/index.js';

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

export const GRAVITY_LABELS: Record<'en' | 'zh-CN', Record<string, string>> = {
  en: { northwest: 'top left', north: 'top', northeast: 'top right', west: 'left', center: 'centre', east: 'right',
    southwest: 'bottom left', south: 'bottom', southeast: 'bottom right' },
  'zh-CN': { northwest: '左上', north: '上', northeast: '右上', west: '左', center: '中', east: '右', southwest: '左下', south: '下', southeast: '右下' },
};

export const THUMBNAIL_FORM_LABELS: Record<'en' | 'zh-CN', Record<ThumbnailForm, string>> = {
  en: {
    width: 'Width, keep ratio', height: 'Height, keep ratio', fit: 'Fit inside W×H', shrink: 'Fit inside, only shrink',
    enlarge: 'Fit inside, only enlarge', cover: 'Cover W×H', force: 'Exactly W×H (may distort)', scale: 'Scale by %',
    'scale-width': 'Scale width by %', 'scale-height': 'Scale height by %', area: 'Limit total pixels',
  },
  'zh-CN': {
    width: '指定宽度，等比缩放', height: '指定高度，等比缩放', fit: '限定最大宽高，等比缩放', shrink: '限定宽高，仅缩小', enlarge: '限定宽高，仅放大',
    cover: '限定最小宽高，等比缩放', force: '强制宽高（可能变形）', scale: '按百分比缩放', 'scale-width': '仅宽度按百分比缩放',
    'scale-height': '仅高度按百分比缩放', area: '限制总像素',
  },
};

export const PRESET_LABELS_ZH: Record<string, string> = {
  'thumbnail-webp': '200 像素缩略图（WebP）', avatar: '256×256 方形头像', watermark: '文字水印', 'strip-q80': '去除元信息，质量 80',
};
