/**
 * The in-memory image between operations: every frame as 8-bit RGBA, so operations run strictly in
 * rule order (docs/rules.md#order-of-execution) — one sharp pipeline per operation, never sharp's own fixed operation order.
 */
import sharp from 'sharp';
import type { Sharp } from 'sharp';

export interface Raster {
  /** One RGBA buffer per frame (animated GIF/WebP have several). */
  frames: Buffer[];
  width: number;
  height: number;
  /** Whether transparency matters (input had alpha, or an op made transparent pixels). */
  alpha: boolean;
  delay?: number[];
  loop?: number;
}

export interface RgbaFrame {
  data: Buffer;
  width: number;
  height: number;
}

export function frameSharp(data: Buffer, width: number, height: number): Sharp {
  return sharp(data, { raw: { width, height, channels: 4 } });
}

/** Runs a pipeline and reads its pixels back as RGBA. */
export async function readRgba(image: Sharp): Promise<RgbaFrame> {
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data: info.channels === 4 ? data : expandToRgba(data, info.channels), width: info.width, height: info.height };
}

function expandToRgba(data: Buffer, channels: number): Buffer {
  const pixels = data.length / channels;
  const out = Buffer.alloc(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    const s = p * channels;
    const gray = channels <= 2;
    out[p * 4] = data[s];
    out[p * 4 + 1] = gray ? data[s] : data[s + 1];
    out[p * 4 + 2] = gray ? data[s] : data[s + 2];
    out[p * 4 + 3] = channels === 2 ? data[s + 1] : channels === 4 ? data[s + 3] : 255;
  }
  return out;
}

/** Applies the same sharp operation to every frame. */
export async function mapFrames(raster: Raster, op: (image: Sharp) => Sharp, alpha = raster.alpha): Promise<Raster> {
  const frames = await Promise.all(raster.frames.map((f) => readRgba(op(frameSharp(f, raster.width, raster.height)))));
  return { ...raster, frames: frames.map((f) => f.data), width: frames[0].width, height: frames[0].height, alpha };
}

/** Applies a per-pixel function to the RGB channels of every frame (alpha untouched). */
export function mapPixels(raster: Raster, fn: (r: number, g: number, b: number, out: Uint8Array) => void): Raster {
  const px = new Uint8Array(3);
  const frames = raster.frames.map((f) => {
    const out = Buffer.from(f);
    for (let i = 0; i < out.length; i += 4) {
      fn(out[i], out[i + 1], out[i + 2], px);
      out[i] = px[0];
      out[i + 1] = px[1];
      out[i + 2] = px[2];
    }
    return out;
  });
  return { ...raster, frames };
}

/** Mean colour of the first frame (`Ave`, imageAve), as `0xrrggbb`. */
export function averageColor(raster: Raster): string {
  const f = raster.frames[0];
  let r = 0;
  let g = 0;
  let b = 0;
  const n = f.length / 4;
  for (let i = 0; i < f.length; i += 4) {
    r += f[i];
    g += f[i + 1];
    b += f[i + 2];
  }
  const hex = (v: number) => Math.round(v / n).toString(16).padStart(2, '0');
  return `0x${hex(r)}${hex(g)}${hex(b)}`;
}
