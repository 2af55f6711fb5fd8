/**
 * Every operation of the rule grammar (docs/rules.md#operations) with its parameters, value ranges, defaults and
 * help text. The parser, the validator and the editor's forms are all driven by this table.
 */

export type ParamType =
  | 'int' // integer, optionally signed, checked against min/max
  | 'enum' // one of `options`
  | 'gravity' // 9-grid position, case-insensitive (docs/rules.md#gravity)
  | 'color' // URL-safe base64 of #RRGGBB (docs/rules.md#base64-values)
  | 'base64-text' // URL-safe base64 of UTF-8 text
  | 'base64-url' // URL-safe base64 of an http:// URL
  | 'thumbnail-size' | 'crop-size' | 'box-size' | 'cut-rect' | 'blur' | 'ratio-range' | 'size-limit' | 'quality'
  | 'name'; // a saved style name

export interface ParamSpec {
  /** '' for the positional argument. */
  key: string;
  type: ParamType;
  label: string;
  help: string;
  required?: boolean;
  min?: number;
  max?: number;
  /** Above this the service may refuse (a warning, not an error). */
  softMax?: number;
  options?: readonly string[];
  /** The service's default when the parameter is left out (shown as a hint). */
  defaultValue?: string;
  /** A sensible value to start a newly added operation with. */
  example?: string;
}

export type SegmentKind = 'imageMogr2' | 'imageView2' | 'watermark' | 'style' | 'info';
export type OpGroup = 'resize' | 'crop' | 'rotate' | 'format' | 'adjust' | 'watermark' | 'other';

export interface OpSpec {
  name: string;
  segment: SegmentKind;
  group: OpGroup;
  label: string;
  help: string;
  /** The positional argument; absent for `auto-orient`, `strip`, info segments. */
  main?: ParamSpec;
  /** Keyword parameters: modifiers that follow an imageMogr2 operation, or an imageView2/watermark key list. */
  params: readonly ParamSpec[];
  /** A standalone modifier (`gravity`, `pad`, `color`) belongs with these operations. */
  modifierOf?: readonly string[];
}

import { IMAGE_FORMATS, MAX_FONT_SIZE, MAX_RADIUS, MAX_SIDE_ARGUMENT, VIEW2_FORMATS } from './limits.js';

export { IMAGE_FORMATS } from './limits.js';
export const GRAVITIES = ['northwest', 'north', 'northeast', 'west', 'center', 'east', 'southwest', 'south', 'southeast'] as const;

const int = (key: string, label: string, help: string, min: number, max?: number, extra: Partial<ParamSpec> = {}): ParamSpec =>
  ({ key, type: 'int', label, help, min, max, ...extra });
const choice = (key: string, label: string, help: string, options: readonly string[], extra: Partial<ParamSpec> = {}): ParamSpec =>
  ({ key, type: 'enum', label, help, options, ...extra });
const gravity = (help: string, defaultValue?: string): ParamSpec =>
  ({ key: 'gravity', type: 'gravity', label: 'Position', help, defaultValue });
const color = (key: string, label: string, help: string, defaultValue: string): ParamSpec =>
  ({ key, type: 'color', label, help, defaultValue });

const PAD = choice('pad', 'Pad', '1: fit inside W×H and fill the rest with the colour; the output is exactly W×H.', ['0', '1'], { defaultValue: '0' });
const PAD_COLOR = color('color', 'Pad colour', 'Fill colour for pad/1.', '#FFFFFF');
const CROP_GRAVITY = gravity('Which part of the image the crop box keeps.');
const DISSOLVE = int('dissolve', 'Opacity', 'Watermark opacity, 1–100.', 1, 100, { defaultValue: '90' });
const WATERMARK_COMMON: readonly ParamSpec[] = [
  gravity('Where the watermark sits.', 'southeast'),
  int('dx', 'Horizontal margin', 'Distance in px from the anchored edge.', 0, MAX_SIDE_ARGUMENT, { defaultValue: '0' }),
  int('dy', 'Vertical margin', 'Distance in px from the anchored edge.', 0, MAX_SIDE_ARGUMENT, { defaultValue: '0' }),
  DISSOLVE,
  choice('batch', 'Tile', '1: repeat the watermark over the whole image.', ['0', '1']),
  int('degree', 'Tile angle', 'Rotation of tiled watermarks, 0–360 (with batch/1).', 0, 360, { defaultValue: '0' }),
  int('spacing', 'Tile spacing', 'Gap between tiles in % of the watermark size, 0–100.', 0, 100, { defaultValue: '10' }),
  choice('scatype', 'Scale by', '1: input width, 2: input height, 3: input area (with spcent).', ['1', '2', '3']),
  int('spcent', 'Scale ‰', 'Watermark size in ‰ of the input (1–1000; 1–250 for area).', 1, 1000),
];
const VIEW_QUALITY: readonly ParamSpec[] = [
  { key: 'q', type: 'quality', label: 'Quality', help: 'Absolute quality 0–100, at most the input quality; add ! to force.' },
  int('rq', 'Relative quality', 'Percent of the input quality, 1–100.', 1, 100),
  int('lq', 'Lowest quality', 'Quality floor, 1–100.', 1, 100),
];
const IGNORE_ERROR = choice('ignore-error', 'Ignore errors', '1: return the original image when processing fails.', ['0', '1']);

export const OPERATIONS: readonly OpSpec[] = [
  { name: 'thumbnail', segment: 'imageMogr2', group: 'resize', label: 'Resize', help: 'Scale by width, height, box, percentage or area.',
    main: { key: '', type: 'thumbnail-size', label: 'Size', help: 'e.g. 200x (width 200), x200, 200x300 (fit inside), !50p (50 %).', required: true, example: '200x', softMax: 9999 },
    params: [PAD, PAD_COLOR] },
  { name: 'crop', segment: 'imageMogr2', group: 'crop', label: 'Scale and crop', help: 'Shrink proportionally, then cut W×H at the chosen position.',
    main: { key: '', type: 'crop-size', label: 'Size', help: '<width>x<height>, <width>x or x<height>.', required: true, example: '300x300', softMax: 9999 },
    params: [CROP_GRAVITY] },
  { name: 'cut', segment: 'imageMogr2', group: 'crop', label: 'Cut rectangle', help: 'Take the W×H rectangle whose top-left corner is at (dx, dy).',
    main: { key: '', type: 'cut-rect', label: 'Rectangle', help: '<width>x<height>x<dx>x<dy>', required: true, example: '300x300x0x0', softMax: 9999 }, params: [CROP_GRAVITY] },
  { name: 'scrop', segment: 'imageMogr2', group: 'crop', label: 'Smart face crop', help: 'Crop around detected faces; the input is returned when none is found.',
    main: { key: '', type: 'box-size', label: 'Size', help: '<width>x<height>', required: true, example: '300x300', softMax: 16383 }, params: [] },
  { name: 'rcrop', segment: 'imageMogr2', group: 'crop', label: 'Aspect-ratio crop', help: 'Centre-crop into a range of 100×width/height ratios.',
    main: { key: '', type: 'ratio-range', label: 'Ratio range', help: '<min>x<max>, each 1–10000 (100 = 1:1).', required: true, example: '50x200', min: 1, max: 10000 }, params: [] },
  { name: 'iradius', segment: 'imageMogr2', group: 'crop', label: 'Circle crop', help: 'Cut the inscribed circle of this radius (px) around the centre.',
    main: int('', 'Radius', 'Pixels; less than half the shorter side.', 1, MAX_RADIUS, { required: true, example: '100' }), params: [] },
  { name: 'rradius', segment: 'imageMogr2', group: 'crop', label: 'Rounded corners', help: 'Round the corners with this radius (px).',
    main: int('', 'Radius', 'Pixels; less than half the shorter side.', 1, MAX_RADIUS, { required: true, example: '20' }), params: [] },
  { name: 'rotate', segment: 'imageMogr2', group: 'rotate', label: 'Rotate', help: 'Rotate clockwise by 0–360 degrees.',
    main: int('', 'Degrees', 'Clockwise, 0–360.', 0, 360, { required: true, example: '90' }), params: [] },
  { name: 'auto-orient', segment: 'imageMogr2', group: 'rotate', label: 'Auto-orient', help: 'Rotate according to the EXIF orientation.', params: [] },
  { name: 'flip', segment: 'imageMogr2', group: 'rotate', label: 'Flip', help: 'Mirror the image.',
    main: choice('', 'Direction', 'vertical or horizontal.', ['vertical', 'horizontal'], { required: true, example: 'horizontal' }), params: [] },
  { name: 'format', segment: 'imageMogr2', group: 'format', label: 'Format', help: 'Convert the output format (avif and tpg need advanced compression on the bucket).',
    main: choice('', 'Format', 'Output format.', IMAGE_FORMATS, { required: true, example: 'webp' }), params: [] },
  { name: 'quality', segment: 'imageMogr2', group: 'format', label: 'Quality', help: 'Absolute quality: at most the input quality, or exactly Q with !.',
    main: { key: '', type: 'quality', label: 'Quality', help: '0–100, optionally followed by !', required: true, example: '80' }, params: [] },
  { name: 'rquality', segment: 'imageMogr2', group: 'format', label: 'Relative quality', help: 'Quality as a percentage of the input quality.',
    main: int('', 'Percent', '1–100.', 1, 100, { required: true, example: '80' }), params: [] },
  { name: 'lquality', segment: 'imageMogr2', group: 'format', label: 'Lowest quality', help: 'Raise the quality to at least this value.',
    main: int('', 'Quality', '1–100.', 1, 100, { required: true, example: '60' }), params: [] },
  { name: 'interlace', segment: 'imageMogr2', group: 'format', label: 'Progressive JPEG', help: '1: progressive JPEG output (ignored for other formats).',
    main: choice('', 'Progressive', '0 or 1.', ['0', '1'], { required: true, example: '1' }), params: [] },
  { name: 'cgif', segment: 'imageMogr2', group: 'format', label: 'GIF frames', help: 'GIF only: 1 keeps 30 frames, 2–100 keeps that many.',
    main: int('', 'Frames', '1–100.', 1, 100, { required: true, example: '20' }), params: [] },
  { name: 'strip', segment: 'imageMogr2', group: 'format', label: 'Strip metadata', help: 'Remove EXIF and other metadata.', params: [] },
  { name: 'size-limit', segment: 'imageMogr2', group: 'format', label: 'Size limit', help: 'Lower the JPEG quality until the file fits; ! keeps the input when it is smaller.',
    main: { key: '', type: 'size-limit', label: 'Limit', help: 'e.g. 15k, 1m, 15k!', required: true, example: '100k' }, params: [] },
  { name: 'blur', segment: 'imageMogr2', group: 'adjust', label: 'Blur', help: 'Gaussian blur.',
    main: { key: '', type: 'blur', label: 'Radius x sigma', help: 'radius 1–50, sigma 1–50, e.g. 8x5.', required: true, example: '8x5', min: 1, max: 50 }, params: [] },
  { name: 'sharpen', segment: 'imageMogr2', group: 'adjust', label: 'Sharpen', help: 'Sharpen; 70 is a good start.',
    main: int('', 'Amount', '10–300.', 10, 300, { required: true, example: '70' }), params: [] },
  { name: 'bright', segment: 'imageMogr2', group: 'adjust', label: 'Brightness', help: 'Below 0 darker, above 0 brighter.',
    main: int('', 'Brightness', '-100–100.', -100, 100, { required: true, example: '10' }), params: [] },
  { name: 'contrast', segment: 'imageMogr2', group: 'adjust', label: 'Contrast', help: 'Below 0 less contrast, above 0 more.',
    main: int('', 'Contrast', '-100–100.', -100, 100, { required: true, example: '10' }), params: [] },
  { name: 'grayscale', segment: 'imageMogr2', group: 'adjust', label: 'Grayscale', help: '1: convert to grayscale.',
    main: choice('', 'Grayscale', '0 or 1.', ['0', '1'], { required: true, example: '1' }), params: [] },
  { name: 'minisize', segment: 'imageMogr2', group: 'other', label: 'Keep smaller', help: '1: return the original when the result is larger (unconfirmed).',
    main: choice('', 'Keep smaller', '1', ['0', '1'], { required: true, example: '1' }), params: [] },
  { name: 'ignore-error', segment: 'imageMogr2', group: 'other', label: 'Ignore errors', help: '1: return the original image when processing fails.',
    main: { ...IGNORE_ERROR, key: '', required: true, example: '1' }, params: [] },
  { name: 'gravity', segment: 'imageMogr2', group: 'crop', label: 'Position', help: 'Crop position written before the crop (legacy order).',
    main: { ...CROP_GRAVITY, key: '', required: true, example: 'center' }, params: [], modifierOf: ['crop', 'cut', 'scrop'] },
  { name: 'pad', segment: 'imageMogr2', group: 'resize', label: 'Pad', help: PAD.help, main: { ...PAD, key: '', required: true, example: '1' }, params: [], modifierOf: ['thumbnail'] },
  { name: 'color', segment: 'imageMogr2', group: 'resize', label: 'Pad colour', help: PAD_COLOR.help, main: { ...PAD_COLOR, key: '', required: true, example: '#FFFFFF' }, params: [], modifierOf: ['thumbnail'] },
  { name: 'imageView2', segment: 'imageView2', group: 'resize', label: 'Quick thumbnail (imageView2)', help: 'Template scaling modes 0–5 with optional format and quality.',
    main: choice('', 'Mode', '0 long/short edge max, 1 cover+crop, 2 fit, 3 cover, 4 long/short edge min, 5 edge min+crop.', ['0', '1', '2', '3', '4', '5'], { example: '2' }),
    params: [
      int('w', 'Width', 'Pixels.', 1, MAX_SIDE_ARGUMENT, { softMax: 9999, example: '400' }),
      int('h', 'Height', 'Pixels.', 1, MAX_SIDE_ARGUMENT, { softMax: 9999 }),
      choice('format', 'Format', 'Output format.', VIEW2_FORMATS),
      ...VIEW_QUALITY,
      IGNORE_ERROR,
    ] },
  { name: 'watermark/1', segment: 'watermark', group: 'watermark', label: 'Image watermark', help: 'Overlay an image from the same bucket (an http:// COS URL).',
    params: [
      { key: 'image', type: 'base64-url', label: 'Image URL', help: 'http:// URL of an image in the same bucket (or give image_key).',
        example: 'http://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/logo.png' },
      { key: 'image_key', type: 'base64-text', label: 'Image key', help: 'Object key of the watermark image, instead of image (SDK form).' },
      ...WATERMARK_COMMON,
      choice('blogo', 'Oversized watermark', '1: scale it to the input, 2: crop it to the input.', ['1', '2']),
    ] },
  { name: 'watermark/2', segment: 'watermark', group: 'watermark', label: 'Text watermark', help: 'Draw text over the image.',
    params: [
      { key: 'text', type: 'base64-text', label: 'Text', help: 'The watermark text.', required: true, example: 'Sample' },
      { key: 'font', type: 'base64-text', label: 'Font', help: 'Font file name, e.g. tahoma.ttf.', defaultValue: 'tahoma.ttf' },
      int('fontsize', 'Font size', 'Points.', 1, MAX_FONT_SIZE, { defaultValue: '13' }),
      color('fill', 'Text colour', 'Text colour.', '#3D3D3D'),
      ...WATERMARK_COMMON,
      int('shadow', 'Shadow', '0–100 (0: none).', 0, 100, { defaultValue: '0' }),
    ] },
  { name: 'style', segment: 'style', group: 'other', label: 'Saved style', help: 'Apply a style saved on the bucket (Pic-Operations only).',
    main: { key: '', type: 'name', label: 'Style name', help: 'The name given when the style was saved.', required: true, example: 'mystyle' }, params: [] },
  { name: 'imageInfo', segment: 'info', group: 'other', label: 'Image info', help: 'Return the image’s format, size and dimensions as JSON.', params: [] },
  { name: 'exif', segment: 'info', group: 'other', label: 'EXIF', help: 'Return the EXIF data as JSON.', params: [] },
  { name: 'imageAve', segment: 'info', group: 'other', label: 'Average colour', help: 'Return the average colour as JSON.', params: [] },
];

const BY_NAME = new Map(OPERATIONS.map((op) => [op.name, op]));

export function findOperation(name: string): OpSpec | undefined {
  return BY_NAME.get(name);
}

/** The spec of a parameter of an operation, `key` '' meaning the positional argument. */
export function findParam(op: OpSpec, key: string): ParamSpec | undefined {
  return key === '' ? op.main : op.params.find((p) => p.key === key);
}

/** imageMogr2 keywords that take no argument (docs/rules.md#syntax). */
export const ZERO_ARG_MOGR = new Set(['auto-orient', 'strip']);
