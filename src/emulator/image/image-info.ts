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
    md5: createHash('md5').update(bytes).digest('hex'),
    frame_count: String(source.frames),
    bit_depth: String(source.bitDepth),
    vertical_dpi: dpi,
    horizontal_dpi: dpi,
  });
}

export async function imageAveJson(bytes: Buffer): Promise<string> {
  return JSON.stringify({ RGB: await averageColorOf(await inspectImage(bytes)) });
}

/** `<ImageInfo>` of the original: upper-case format as in the docs/protocol.md#result-xml sample; FrameCount only for animations. */
export async function imageInfoXml(source: SourceImage): Promise<string> {
  return wrap('ImageInfo', [
    el('Format', source.format.toUpperCase()),
    el('Width', source.width),
    el('Height', source.height),
    el('Quality', source.quality),
    el('Ave', await averageColorOf(source)),
    el('Orientation', source.orientation),
    source.frames > 1 ? el('FrameCount', source.frames) : '',
  ].join(''));
}

/** `Format` of a processed object: lower-case, `jpg` for JPEG (the docs/protocol.md#result-xml sample shows `png`). */
export function resultFormatName(format: ImageFormat): string {
  return format === 'jpeg' ? 'jpg' : format;
}
