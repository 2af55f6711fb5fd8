/**
 * JPEG byte-level helpers: quality estimate from the quantisation table (needed for
 * quality/rquality/lquality, docs/rules.md#quality, and ImageInfo Quality) and EXIF carry-over,
 * because sharp drops metadata once pixels go through raw buffers.
 */
import { orientationTag } from '../../core/rules/jpeg-orientation.js';

/** Sum of the IJG/Annex K luminance table, the base every libjpeg-style encoder scales. */
const STANDARD_LUMA_SUM = 3688;

interface Segment {
  marker: number;
  start: number;
  end: number;
}

function* segments(jpeg: Buffer): Generator<Segment> {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return;
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1];
    if (marker === 0xda || marker === 0xd9) return;
    const end = i + 2 + jpeg.readUInt16BE(i + 2);
    yield { marker, start: i, end };
    i = end;
  }
}

/**
 * Estimated IJG quality (1–100) from luminance table 0, or undefined when there is none.
 * quality ≤ 50 scales the table by 5000/q %, above by (200−2q) %.
 */
export function estimateJpegQuality(jpeg: Buffer): number | undefined {
  for (const seg of segments(jpeg)) {
    if (seg.marker !== 0xdb) continue;
    let p = seg.start + 4;
    while (p < seg.end) {
      const precision = jpeg[p] >> 4;
      const id = jpeg[p] & 15;
      const size = precision ? 128 : 64;
      if (id === 0) {
        let sum = 0;
        for (let k = 0; k < 64; k++) sum += precision ? jpeg.readUInt16BE(p + 1 + 2 * k) : jpeg[p + 1 + k];
        if (sum <= 64) return 100;
        const scale = (sum * 100) / STANDARD_LUMA_SUM;
        const q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
        return Math.min(100, Math.max(1, Math.round(q)));
      }
      p += 1 + size;
    }
  }
  return undefined;
}

/** The APP1 `Exif` segment (marker included) of a JPEG, if any. */
export function extractExifSegment(jpeg: Buffer): Buffer | undefined {
  for (const seg of segments(jpeg)) {
    if (seg.marker === 0xe1 && jpeg.toString('latin1', seg.start + 4, seg.start + 10) === 'Exif\0\0') {
      return Buffer.from(jpeg.subarray(seg.start, seg.end));
    }
  }
  return undefined;
}

/** Copy of an APP1 Exif segment with IFD0 Orientation set to `value` (1 after auto-orient). */
export function withExifOrientation(app1: Buffer, value: number): Buffer {
  const copy = Buffer.from(app1);
  const at = orientationOffset(copy);
  if (at) {
    if (at.little) copy.writeUInt16LE(value, at.offset);
    else copy.writeUInt16BE(value, at.offset);
  }
  return copy;
}

/** The APP1 segment's TIFF block starts after its marker, length and `Exif\0\0`. */
function orientationOffset(app1: Buffer): { offset: number; little: boolean } | undefined {
  return orientationTag(app1, 10, app1.length);
}

/** Inserts an APP1 segment right after SOI (replacing any Exif segment the encoder wrote). */
export function insertExifSegment(jpeg: Buffer, app1: Buffer): Buffer {
  const existing = extractExifSegment(jpeg);
  const body = existing ? removeSegment(jpeg, existing.length) : jpeg;
  return Buffer.concat([body.subarray(0, 2), app1, body.subarray(2)]);
}

function removeSegment(jpeg: Buffer, length: number): Buffer {
  for (const seg of segments(jpeg)) {
    if (seg.marker === 0xe1 && seg.end - seg.start === length) {
      return Buffer.concat([jpeg.subarray(0, seg.start), jpeg.subarray(seg.end)]);
    }
  }
  return jpeg;
}
