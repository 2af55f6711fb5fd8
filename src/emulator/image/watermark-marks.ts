/**
 * Producing watermark pixels: an image mark read from the bucket (watermark/1, docs/rules.md#watermarks) or rendered
 * text (watermark/2, docs/rules.md#watermarks). Text goes through sharp's Pango text renderer rather than a hand-sized
 * SVG overlay: Pango measures the glyphs, so the mark is exactly as large as the text.
 */
import sharp from 'sharp';
import { invalidArgument } from './errors.js';
import type { Rgb } from './params.js';
import { toHexColor } from './params.js';
import { readRgba, type RgbaFrame } from './raster.js';
import { decodeRaster, inspectImage } from './source.js';
import type { ObjectIO } from './state.js';
import { escapeXml } from './xml.js';

/**
 * Object keys to try for a watermark reference: the path of a COS URL (`http://<bucket>.cos…/<key>`),
 * or, for path-style emulator URLs (`http://127.0.0.1:9000/<bucket>/<key>`), the path without its first
 * segment; a bare key is used as is.
 */
export function watermarkKeys(reference: string): string[] {
  if (!/^https?:\/\//i.test(reference)) return [reference.replace(/^\/+/, '')];
  let path: string;
  try {
    path = decodeURIComponent(new URL(reference).pathname).replace(/^\/+/, '');
  } catch {
    throw invalidArgument(`The watermark image URL "${reference}" is not a valid URL.`);
  }
  const slash = path.indexOf('/');
  return slash > 0 ? [path, path.slice(slash + 1)] : [path];
}

export async function loadImageMark(io: ObjectIO | undefined, reference: string): Promise<RgbaFrame> {
  if (!io) throw invalidArgument('Image watermarks need access to the bucket.');
  let bytes: Buffer | undefined;
  for (const key of watermarkKeys(reference)) {
    if (key !== '' && (bytes = await io.read(key))) break;
  }
  if (!bytes) throw invalidArgument(`The watermark image "${reference}" does not exist in this bucket (watermark images must be in the same bucket).`);
  const source = await inspectImage(bytes);
  if (source.frames > 1) throw invalidArgument('An animated image cannot be used as a watermark.');
  const raster = await decodeRaster(source);
  return { data: raster.frames[0], width: raster.width, height: raster.height };
}

export interface TextMarkOptions {
  text: string;
  font: string;
  /** Points, rendered at 72 dpi so 1 pt = 1 px (our inference). */
  fontSize: number;
  fill: Rgb;
  /** 0–100: opacity of a dark drop shadow. */
  shadow: number;
}

/** Font file name from the rule (`tahoma.ttf`) → a fontconfig family; DejaVu Sans is the fallback. */
function fontDescription(font: string, size: number): string {
  const family = font.replace(/\.(ttf|ttc|otf)$/i, '').replace(/[,\\/<>&"]/g, ' ').trim();
  return `${family ? family + ',' : ''}DejaVu Sans ${size}`;
}

async function renderText(text: string, font: string, size: number, color: string): Promise<RgbaFrame> {
  const markup = `<span foreground="${color}">${escapeXml(text)}</span>`;
  try {
    return await readRgba(sharp({ text: { text: markup, font: fontDescription(font, size), rgba: true, dpi: 72 } }).ensureAlpha());
  } catch (error) {
    throw invalidArgument(`The watermark text could not be rendered: ${(error as Error).message}`);
  }
}

export async function renderTextMark(options: TextMarkOptions): Promise<RgbaFrame> {
  const text = await renderText(options.text, options.font, options.fontSize, toHexColor(options.fill));
  if (options.shadow <= 0) return text;
  const offset = Math.max(1, Math.round(options.fontSize / 20));
  const shadow = await renderText(options.text, options.font, options.fontSize, '#000000');
  for (let i = 3; i < shadow.data.length; i += 4) shadow.data[i] = Math.round((shadow.data[i] * options.shadow) / 100);
  const raw = (f: RgbaFrame) => ({ width: f.width, height: f.height, channels: 4 as const });
  return readRgba(
    sharp({ create: { width: text.width + offset, height: text.height + offset, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([
        { input: shadow.data, raw: raw(shadow), left: offset, top: offset },
        { input: text.data, raw: raw(text), left: 0, top: 0 },
      ]),
  );
}
