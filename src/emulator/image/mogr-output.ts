/** imageMogr2 output settings: format, quality/rquality/lquality, interlace, strip, size-limit, cgif, minisize (docs/rules.md#operations). */
import { invalidArgument, OutOfRangeError, UnsupportedError } from './errors.js';
import { parseChoice, parseRangedInteger, requireRange } from './params.js';
import type { OpCompiler } from './plan.js';
import type { OutputFormat } from './state.js';

const FORMATS: Record<string, OutputFormat> = {
  jpg: 'jpeg', jpeg: 'jpeg', yjpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', bmp: 'bmp', avif: 'avif',
};

/** Documented targets the emulator cannot produce: a clear error instead of a silent substitute. */
const UNSUPPORTED_FORMATS: Record<string, string> = {
  heif: 'sharp here has no HEVC encoder',
  heic: 'sharp here has no HEVC encoder',
  tpg: 'TPG is a proprietary Tencent format',
  svgc: 'SVGC is not documented well enough to emulate',
};

/** Maps a `format/<fmt>` value (also used by imageView2). */
export function parseOutputFormat(value: string | undefined): OutputFormat {
  const name = value ?? '';
  const format = Object.hasOwn(FORMATS, name) ? FORMATS[name] : undefined;
  if (format) return format;
  const why = Object.hasOwn(UNSUPPORTED_FORMATS, name) ? UNSUPPORTED_FORMATS[name] : undefined;
  if (why) throw new UnsupportedError(`format/${name} is a valid CI target but the emulator cannot produce it (${why}).`);
  throw invalidArgument(`Unknown output format "${value}" (expected jpg, png, webp, gif, bmp, avif, heif, tpg).`);
}

const format: OpCompiler = (value) => {
  const target = parseOutputFormat(value);
  return async (state) => {
    state.settings.format = target;
  };
};

function qualityOp(kind: 'quality' | 'rquality' | 'lquality'): OpCompiler {
  return (value) => {
    const m = /^(-?\d+)(!?)$/.exec(value ?? '');
    if (!m || (m[2] && kind !== 'quality')) throw invalidArgument(`${kind} must be an integer${kind === 'quality' ? ', optionally followed by !' : ''}; got "${value}".`);
    const q = requireRange(kind, +m[1], kind === 'quality' ? 0 : 1, 100);
    return async (state) => {
      state.settings.quality = { kind, value: q, force: m[2] === '!' };
    };
  };
}

function flag(name: 'interlace' | 'minisize'): OpCompiler {
  return (value) => {
    parseChoice(name, value, ['0', '1']);
    return async (state) => {
      state.settings[name] = value === '1';
    };
  };
}

const strip: OpCompiler = () => async (state) => {
  state.settings.strip = true;
};

/** `size-limit/<n>k|m[!]` (docs/rules.md#strip-size-limit-minisize). */
const sizeLimit: OpCompiler = (value) => {
  const m = /^(\d{1,9})([km])(!?)$/.exec(value ?? '');
  if (!m) throw invalidArgument(`size-limit must look like 15k, 2m or 15k!; got "${value}".`);
  const bytes = +m[1] * (m[2] === 'k' ? 1024 : 1024 * 1024);
  if (bytes < 1) throw new OutOfRangeError('size-limit must be greater than 0.');
  return async (state) => {
    state.settings.sizeLimit = { bytes, keepSmaller: m[3] === '!' };
  };
};

/** `cgif/1` keeps 30 frames, `cgif/<2–100>` that many (docs/rules.md#format-cgif-interlace). */
const cgif: OpCompiler = (value) => {
  const n = parseRangedInteger('cgif', value, 1, 100);
  return async (state) => {
    state.settings.maxFrames = n === 1 ? 30 : n;
  };
};

export const OUTPUT_OPS: Record<string, OpCompiler> = {
  format, quality: qualityOp('quality'), rquality: qualityOp('rquality'), lquality: qualityOp('lquality'),
  interlace: flag('interlace'), minisize: flag('minisize'), strip, 'size-limit': sizeLimit, cgif,
};
