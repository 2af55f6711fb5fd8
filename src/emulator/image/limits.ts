/**
 * Processing limits (docs/rules.md#limits): the emulator enforces the classic imageMogr2 limits
 * (32 MB, 30,000 px per side, 250 MP in; 9,999 px per side out). Violations raise the documented
 * errors unless the segment carries `ignore-error/1` (docs/rules.md#ignore-error).
 */
import { MAX_OUTPUT_SIDE } from '../../core/rules/limits.js';
import { ImageError } from './errors.js';

export { MAX_OUTPUT_SIDE, MAX_PIPELINE_SEGMENTS } from '../../core/rules/limits.js';

export const MAX_INPUT_BYTES = 32 * 1024 * 1024;
export const MAX_INPUT_SIDE = 30_000;
export const MAX_INPUT_PIXELS = 250_000_000;
/** GIF inputs: at most 300 frames (docs/rules.md#limits). */
export const MAX_GIF_FRAMES = 300;

/** `max` is larger only for picture jobs (docs/processing-jobs.md). */
export function assertInputBytes(size: number, max = MAX_INPUT_BYTES): void {
  if (size > max) {
    throw new ImageError('ImageTooLarge', `The image is ${size} bytes; image processing accepts at most ${max} bytes (${Math.round(max / 1048576)} MB).`);
  }
}

export function assertInputDimensions(width: number, height: number, frames: number): void {
  if (width > MAX_INPUT_SIDE || height > MAX_INPUT_SIDE) {
    throw new ImageError('ImageResolutionExceed', `The image is ${width}x${height}; each side must be at most ${MAX_INPUT_SIDE} px.`);
  }
  if (width * height * frames > MAX_INPUT_PIXELS) {
    throw new ImageError('ImageResolutionExceed', `The image has ${width * height * frames} pixels (all frames); at most ${MAX_INPUT_PIXELS} are accepted.`);
  }
}

export function assertOutputDimensions(width: number, height: number): void {
  if (width > MAX_OUTPUT_SIDE || height > MAX_OUTPUT_SIDE) {
    throw new ImageError('ImageResolutionExceed', `The result would be ${width}x${height}; each output side must be at most ${MAX_OUTPUT_SIDE} px.`);
  }
}
