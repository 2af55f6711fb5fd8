/**
 * Encoding the final raster with the collected output settings (docs/rules.md#format-cgif-interlace, docs/rules.md#quality,
 * docs/rules.md#strip-size-limit-minisize): format, quality family, progressive JPEG, strip, size-limit, cgif, minisize.
 */
import sharp from 'sharp';
import { encodeBmp } from './bmp.js';
import { invalidArgument } from './errors.js';
import { insertExifSegment, withExifOrientation } from './jpeg-meta.js';
import type { Raster } from './raster.js';
import type { ImageFormat, SourceImage } from './source.js';
import { currentRaster, type OutputFormat, type QualitySetting, type WorkState } from './state.js';

export interface EncodedImage {
  data: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
  /** Encoder quality for lossy outputs; 100 for lossless ones (as in the docs/protocol.md#result-xml sample). */
  quality: number;
  frames: number;
}

const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', avif: 'image/avif', heif: 'image/heif', bmp: 'image/bmp',
};

export function contentTypeOf(format: ImageFormat): string {
  return CONTENT_TYPES[format];
}

const LOSSY: ReadonlySet<ImageFormat> = new Set(['jpeg', 'webp', 'avif']);
const ANIMATED: ReadonlySet<ImageFormat> = new Set(['gif', 'webp']);

/**
 * quality/rquality/lquality against the input quality (docs/rules.md#quality). Without a setting JPEG inputs keep
 * their estimated quality; other inputs encode at 90 (our inference).
 */
export function resolveQuality(setting: QualitySetting | undefined, source: SourceImage): number {
  const base = source.quality;
  let q: number;
  if (!setting) q = source.lossy ? base : 90;
  else if (setting.kind === 'rquality') q = Math.round((base * setting.value) / 100);
  else if (setting.kind === 'lquality') q = Math.max(base, setting.value);
  else q = setting.force ? setting.value : Math.min(base, setting.value);
  return Math.min(100, Math.max(1, q));
}

/** The bytes a rule produces; the input itself when nothing ran (e.g. every segment hit ignore-error). */
export async function encodeState(state: WorkState): Promise<EncodedImage> {
  const { source, settings } = state;
  const original: EncodedImage = {
    data: source.bytes, format: source.format, width: source.width, height: source.height, quality: source.quality, frames: source.frames,
  };
  if (!state.changed) return original;
  const raster = await currentRaster(state);
  const format: OutputFormat = settings.format ?? (source.format === 'heif' ? 'jpeg' : source.format);
  const frames = ANIMATED.has(format) ? pickFrames(raster, format === 'gif' ? settings.maxFrames : undefined) : { frames: [raster.frames[0]] };
  let quality = resolveQuality(settings.quality, source);
  let data = await encodeFrames(raster, frames, format, quality, settings.interlace === true);
  const limit = settings.sizeLimit;
  if (limit && LOSSY.has(format) && data.length > limit.bytes) {
    ({ data, quality } = await shrinkToLimit(limit.bytes, quality, (q) => encodeFrames(raster, frames, format, q, settings.interlace === true)));
  }
  if ((limit?.keepSmaller || settings.minisize) && source.bytes.length <= data.length) return original;
  if (format === 'jpeg' && !settings.strip && source.exif) {
    data = insertExifSegment(data, withExifOrientation(source.exif, state.orientation));
  }
  return {
    data, format, width: raster.width, height: raster.height,
    quality: LOSSY.has(format) ? quality : 100, frames: frames.frames.length,
  };
}

/** cgif: keep `max` frames spread evenly, each kept frame lasting as long as the ones it replaces. */
function pickFrames(raster: Raster, max: number | undefined): { frames: Buffer[]; delay?: number[] } {
  const n = raster.frames.length;
  if (!max || max >= n) return { frames: raster.frames, delay: raster.delay };
  const frames: Buffer[] = [];
  const delay: number[] = [];
  for (let k = 0; k < max; k++) {
    const from = Math.floor((k * n) / max);
    const to = Math.floor(((k + 1) * n) / max);
    frames.push(raster.frames[from]);
    delay.push((raster.delay ?? []).slice(from, to).reduce((a, b) => a + b, 0) || 100);
  }
  return { frames, delay };
}

async function encodeFrames(raster: Raster, picked: { frames: Buffer[]; delay?: number[] }, format: OutputFormat, quality: number, progressive: boolean): Promise<Buffer> {
  const { width, height } = raster;
  const n = picked.frames.length;
  let image = sharp(Buffer.concat(picked.frames), {
    raw: { width, height: height * n, channels: 4, ...(n > 1 ? { pageHeight: height } : {}) },
  });
  if (format === 'jpeg' || format === 'bmp') image = image.flatten({ background: '#ffffff' });
  else if (!raster.alpha) image = image.removeAlpha();
  const animation = n > 1 ? { loop: raster.loop ?? 0, delay: picked.delay?.length === n ? picked.delay : undefined } : {};
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality, progressive }).toBuffer();
    case 'png':
      return image.png().toBuffer();
    case 'webp':
      return image.webp({ quality, ...animation }).toBuffer();
    case 'gif':
      return image.gif(animation).toBuffer();
    case 'avif':
      return image.avif({ quality }).toBuffer();
    case 'bmp': {
      const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
      return encodeBmp(data, info.width, info.height, info.channels);
    }
    default:
      throw invalidArgument(`Output format ${String(format)} is not supported.`);
  }
}

/** size-limit: the highest quality whose output fits, found by bisection; quality 1 if none fits. */
async function shrinkToLimit(limit: number, start: number, encode: (q: number) => Promise<Buffer>): Promise<{ data: Buffer; quality: number }> {
  let lo = 1;
  let hi = start - 1;
  let best: { data: Buffer; quality: number } | undefined;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const data = await encode(mid);
    if (data.length <= limit) {
      best = { data, quality: mid };
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best ?? { data: await encode(1), quality: 1 };
}
