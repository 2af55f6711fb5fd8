/**
 * The grammar's numeric limits, owned here and used by the validator (`values.ts`, the catalogue) and by the
 * emulator, so the editor and the emulator cannot drift apart (docs/rules.md#editor-and-emulator-agreement).
 */

/** No COS page allows an image side above this, in or out: a larger pixel argument can never work. */
export const MAX_SIDE_ARGUMENT = 50_000;
/** Output sides above this fail on the classic limits (docs/rules.md#limits); the editor warns. */
export const MAX_OUTPUT_SIDE = 9_999;
/** `thumbnail/!<S>p`: undocumented range, our choice (docs/rules.md#thumbnail). */
export const MAX_SCALE_PERCENT = 1000;
/** A pipeline joins at most this many segments with `|` (docs/rules.md#pipelines). */
export const MAX_PIPELINE_SEGMENTS = 10;
/** `iradius`/`rradius`: less than half of the shorter side, whose largest value is MAX_SIDE_ARGUMENT. */
export const MAX_RADIUS = MAX_SIDE_ARGUMENT / 2;
/** `blur` sigma: above 0, at most this (our choice; docs/rules.md#adjustments). */
export const MAX_BLUR_SIGMA = 50;
/** Watermark `fontsize` in points (our choice). */
export const MAX_FONT_SIZE = 1000;

/** Colour names the legacy documentation accepted besides `#RRGGBB` (docs/rules.md#base64-values). */
export const LEGACY_COLOR_NAMES: Readonly<Record<string, string>> = {
  white: '#FFFFFF', black: '#000000', red: '#FF0000', green: '#008000', blue: '#0000FF',
  gray: '#808080', grey: '#808080', yellow: '#FFFF00',
};

/** `format/<fmt>` values the documentation lists (docs/rules.md#format-cgif-interlace). */
export const IMAGE_FORMATS = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp', 'avif', 'heif', 'heic', 'yjpeg', 'tpg', 'svgc'] as const;
/** `imageView2/…/format/<fmt>` values the documentation lists (docs/rules.md#imageview2). */
export const VIEW2_FORMATS = ['jpg', 'bmp', 'gif', 'png', 'webp', 'yjpeg'] as const;
