/** Image descriptions: `?imageInfo` JSON (docs/rules.md#imageinfo-and-imageave), `?imageAve` JSON (docs/rules.md#imageinfo-and-imageave) and the Pic-Operations `<ImageInfo>` (docs/protocol.md#result-xml). */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { averageColor } from './raster.js';
import { decodeRaster, inspectImage, type ImageFormat, type SourceImage } from './source.js';
import { el, wrap } from './xml.js';

/** Mean colour as `0xrrggbb` (the `Ave` / `RGB` value). */
export async function averageColorOf(source: SourceImage): Promise<string> {
  if (source.format === 'bmp') return averageColor(await decodeRaster(source));
  const { channels } = await sharp(source.bytes, { limitInputPixels: false }).stats();
  const mean = (i: number) => Math.round(channels[Math.min(i, channels.length >= 3 ? i : 0)].mean);
  return '0x' + [0, 1, 2].map((i) => mean(i).toString(16).padStart(2, '0')).join('');
}

/**
 * `?imageInfo`: every value is a string, as in the documented response. DPI defaults to 72 when the
 * file records none (our inference); `dynamic_range` is not emulated.
 */
export async function imageInfoJson(bytes: Buffer): Promise<string> {
  const source = await inspectImage(bytes);
  const dpi = String(Math.round(source.density ?? 72));
  return JSON.stringify({
    format: source.format,
    width: String(source.width),
    height: String(source.height),
    size: String(bytes.length),
    md5: md5Hex(bytes),
    frame_count: String(source.frames),
    bit_depth: String(source.bitDepth),
    vertical_dpi: dpi,
    horizontal_dpi: dpi,
  });
}

export async function imageAveJson(bytes: Buffer): Promise<string> {
  return JSON.stringify({ RGB: await averageColorOf(await inspectImage(bytes)) });
}

export function md5Hex(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

/**
 * `<ImageInfo>` of the original with every field COS documents (docs/edge-cases.md): upper-case
 * format as in the documented sample, FrameCount 1 for still images, the MD5 of the stored bytes, and
 * the DPI only when the file records one (never a made-up default).
 */
export async function imageInfoXml(source: SourceImage): Promise<string> {
  const dpi = source.density === undefined ? undefined : Math.round(source.density);
  return wrap('ImageInfo', [
    el('Format', source.format.toUpperCase()),
    el('Width', source.width),
    el('Height', source.height),
    el('Quality', source.quality),
    el('Ave', await averageColorOf(source)),
    el('Orientation', source.orientation),
    el('FrameCount', source.frames),
    el('Md5', md5Hex(source.bytes)),
    el('BitDepth', source.bitDepth),
    dpi === undefined ? '' : el('VerticalDpi', dpi) + el('HorizontalDpi', dpi),
  ].join(''));
}

/** `Format` of a processed object: lower-case, `jpg` for JPEG (the docs/protocol.md#result-xml sample shows `png`). */
export function resultFormatName(format: ImageFormat): string {
  return format === 'jpeg' ? 'jpg' : format;
}
