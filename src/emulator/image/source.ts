/**
 * Identifying and decoding an input image. Accepted inputs follow docs/rules.md#limits (JPEG, PNG,
 * GIF, WebP, BMP, HEIF/AVIF); anything else is InvalidImageFormat. Limits are checked before
 * pixels are decoded.
 */
import sharp from 'sharp';
import type { Metadata, OutputInfo } from 'sharp';
import { decodeBmp, isBmp, readBmpHeader } from './bmp.js';
import { ImageError, invalidImageFormat } from './errors.js';
import { estimateJpegQuality, extractExifSegment } from './jpeg-meta.js';
import { MAX_GIF_FRAMES, assertInputBytes, assertInputDimensions } from './limits.js';
import type { Raster } from './raster.js';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heif' | 'bmp';

/** What the pipeline needs to know about its input, read once from the encoded bytes. */
export interface SourceImage {
  bytes: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
  frames: number;
  /** Estimated for JPEG; 100 for lossless formats; 90 when it cannot be told (our inference, docs/rules.md#quality). */
  quality: number;
  lossy: boolean;
  /** EXIF orientation, 1 when absent. */
  orientation: number;
  /** JPEG APP1 Exif segment, carried into JPEG outputs unless `strip`. */
  exif?: Buffer;
  hasAlpha: boolean;
  bitDepth: number;
  /** Pixels per inch when the file records it. */
  density?: number;
  delay?: number[];
  loop?: number;
}

const SHARP_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif']);

/**
 * Reads format, size and metadata without decoding pixels. With `enforceLimits` false the caller
 * checks `assertSourceLimits` itself (so `ignore-error/1` can turn a violation into "return the input").
 */
export async function inspectImage(bytes: Buffer, enforceLimits = true, maxBytes?: number): Promise<SourceImage> {
  if (enforceLimits) assertInputBytes(bytes.length);
  let source: SourceImage;
  try {
    source = isBmp(bytes) ? inspectBmp(bytes) : await inspectWithSharp(bytes);
  } catch (error) {
    assertInputBytes(bytes.length, maxBytes);
    throw error;
  }
  if (enforceLimits) assertSourceLimits(source);
  return source;
}

/** Input limits of docs/rules.md#limits: bytes, pixels per side and in total, GIF frames. */
export function assertSourceLimits(source: SourceImage, maxBytes?: number): void {
  assertInputBytes(source.bytes.length, maxBytes);
  assertInputDimensions(source.width, source.height, source.frames);
  if (source.format === 'gif' && source.frames > MAX_GIF_FRAMES) {
    throw new ImageError('ImageResolutionExceed', `The GIF has ${source.frames} frames; at most ${MAX_GIF_FRAMES} are processed.`);
  }
}

async function inspectWithSharp(bytes: Buffer): Promise<SourceImage> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw invalidImageFormat('The object is not an image that image processing supports (JPEG, PNG, GIF, WebP, BMP, HEIF/AVIF).');
  }
  if (!SHARP_FORMATS.has(meta.format)) {
    throw invalidImageFormat(`Image format "${meta.format}" is not supported by image processing.`);
  }
  const format: ImageFormat = meta.format === 'heif' ? (meta.compression === 'av1' ? 'avif' : 'heif') : (meta.format as ImageFormat);
  const frames = meta.pages ?? 1;
  const height = meta.pageHeight ?? meta.height;
  const lossy = format === 'jpeg' || format === 'webp' || format === 'avif' || format === 'heif';
  return {
    bytes,
    format,
    width: meta.width,
    height,
    frames,
    quality: format === 'jpeg' ? (estimateJpegQuality(bytes) ?? 90) : lossy ? 90 : 100,
    lossy,
    orientation: meta.orientation ?? 1,
    exif: format === 'jpeg' ? extractExifSegment(bytes) : undefined,
    hasAlpha: meta.hasAlpha,
    bitDepth: meta.bitsPerSample ?? (meta.depth === 'ushort' ? 16 : 8),
    density: meta.density,
    delay: meta.delay,
    loop: meta.loop,
  };
}

function inspectBmp(bytes: Buffer): SourceImage {
  const header = readBmpHeader(bytes);
  return {
    bytes,
    format: 'bmp',
    width: header.width,
    height: header.height,
    frames: 1,
    quality: 100,
    lossy: false,
    orientation: 1,
    hasAlpha: header.bitsPerPixel === 32,
    bitDepth: 8,
    density: header.ppm > 0 ? Math.round(header.ppm * 0.0254) : undefined,
  };
}

/** Decodes every frame to 8-bit sRGB RGBA, in stored orientation (auto-orient is an explicit op). */
export async function decodeRaster(source: SourceImage): Promise<Raster> {
  if (source.format === 'bmp') {
    const bmp = decodeBmp(source.bytes);
    return { frames: [bmp.data], width: bmp.width, height: bmp.height, alpha: bmp.hasAlpha };
  }
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(source.bytes, { animated: source.frames > 1, limitInputPixels: false })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw invalidImageFormat(`The ${source.format} image could not be decoded: ${(error as Error).message}`);
  }
  const { width, channels } = decoded.info;
  if (channels !== 4) throw invalidImageFormat(`Decoding gave ${channels} channels instead of RGBA.`);
  const pageHeight = decoded.info.pageHeight ?? decoded.info.height;
  const frameBytes = width * pageHeight * 4;
  const frames: Buffer[] = [];
  for (let i = 0; i < source.frames; i++) frames.push(Buffer.from(decoded.data.subarray(i * frameBytes, (i + 1) * frameBytes)));
  return { frames, width, height: pageHeight, alpha: source.hasAlpha, delay: source.delay, loop: source.loop };
}
