/**
 * Minimal BMP codec: sharp/libvips cannot read or write BMP, yet CI accepts BMP input and offers
 * `format/bmp` (docs/rules.md#limits, docs/rules.md#format-cgif-interlace). Covers uncompressed 24/32-bit files (BI_RGB and
 * BI_BITFIELDS with the usual masks), bottom-up or top-down; anything else is reported as unsupported.
 */
import { invalidImageFormat } from './errors.js';

export interface RgbaImage {
  data: Buffer;
  width: number;
  height: number;
  hasAlpha: boolean;
}

export function isBmp(bytes: Buffer): boolean {
  return bytes.length > 26 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

/** Header fields only: enough for limit checks and imageInfo without decoding pixels. */
export function readBmpHeader(bytes: Buffer): { width: number; height: number; bitsPerPixel: number; ppm: number } {
  if (bytes.length < 54) throw invalidImageFormat('The BMP file is truncated.');
  const headerSize = bytes.readUInt32LE(14);
  if (headerSize < 40) throw invalidImageFormat('Only BMP files with a BITMAPINFOHEADER (or newer) are supported.');
  return {
    width: bytes.readInt32LE(18),
    height: Math.abs(bytes.readInt32LE(22)),
    bitsPerPixel: bytes.readUInt16LE(28),
    ppm: bytes.readInt32LE(38),
  };
}

export function decodeBmp(bytes: Buffer): RgbaImage {
  const { width, height, bitsPerPixel } = readBmpHeader(bytes);
  const topDown = bytes.readInt32LE(22) < 0;
  const compression = bytes.readUInt32LE(30);
  const offset = bytes.readUInt32LE(10);
  if (width < 1 || height < 1) throw invalidImageFormat('The BMP file has no pixels.');
  if ((bitsPerPixel !== 24 && bitsPerPixel !== 32) || (compression !== 0 && compression !== 3)) {
    throw invalidImageFormat(`BMP with ${bitsPerPixel} bits per pixel and compression ${compression} is not supported by the emulator (24/32-bit uncompressed only).`);
  }
  const bytesPerPixel = bitsPerPixel / 8;
  const stride = Math.ceil((width * bytesPerPixel) / 4) * 4;
  if (offset + stride * height > bytes.length) throw invalidImageFormat('The BMP pixel data is truncated.');
  const hasAlpha = bitsPerPixel === 32 && bytes.readUInt32LE(14) >= 56 && compression === 3 && bytes.readUInt32LE(66) !== 0;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = offset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const s = row + x * bytesPerPixel;
      const d = (y * width + x) * 4;
      data[d] = bytes[s + 2];
      data[d + 1] = bytes[s + 1];
      data[d + 2] = bytes[s];
      data[d + 3] = hasAlpha ? bytes[s + 3] : 255;
    }
  }
  return { data, width, height, hasAlpha };
}

/** Encodes RGB(A) pixels (alpha already flattened by the caller) as a 24-bit bottom-up BMP at 72 dpi. */
export function encodeBmp(rgb: Buffer, width: number, height: number, channels: number): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(stride * height, 34);
  out.writeInt32LE(2835, 38);
  out.writeInt32LE(2835, 42);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * channels;
      const d = row + x * 3;
      out[d] = rgb[s + 2];
      out[d + 1] = rgb[s + 1];
      out[d + 2] = rgb[s];
    }
  }
  return out;
}
