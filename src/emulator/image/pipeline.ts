/** Compiling a whole rule (all segments validated up front) and running it on one input (docs/rules.md#pipelines). */
import { ImageError, invalidArgument, UnsupportedError } from './errors.js';
import { encodeState, type EncodedImage } from './encode.js';
import { imageAveJson, imageInfoJson } from './image-info.js';
import { compileMogr } from './mogr.js';
import type { SegmentPlan } from './plan.js';
import { assertSourceLimits, type SourceImage } from './source.js';
import { createState, restore, snapshot, type ObjectIO } from './state.js';
import { tokenizeRule, type RuleSegment } from './tokenize.js';
import { compileView2 } from './view2.js';
import { compileWatermark } from './watermark.js';

/** Upload rules must produce an object; download rules may end in a JSON query. */
export type RulePurpose = 'upload' | 'download';

export type CompiledSegment = { kind: 'process'; plan: SegmentPlan } | { kind: 'info'; name: 'imageInfo' | 'imageAve' };

export type RuleResult = { kind: 'image'; image: EncodedImage } | { kind: 'json'; body: string };

/** Tokenizes and validates every segment; throws InvalidArgument before anything runs. */
export function compileRule(rule: string, purpose: RulePurpose): CompiledSegment[] {
  const segments = tokenizeRule(rule);
  let unsupported: UnsupportedError | undefined;
  const compiled = segments.map((segment, index): CompiledSegment | undefined => {
    try {
      return compileSegment(segment, index === segments.length - 1, purpose);
    } catch (error) {
      if (!(error instanceof UnsupportedError)) throw error;
      unsupported ??= error;
      return undefined;
    }
  });
  if (unsupported) throw unsupported;
  return compiled as CompiledSegment[];
}

function compileSegment(segment: RuleSegment, last: boolean, purpose: RulePurpose): CompiledSegment {
  {
    switch (segment.name) {
      case 'imageMogr2':
        return { kind: 'process', plan: compileMogr(segment.steps) };
      case 'imageView2':
        return { kind: 'process', plan: compileView2(segment.steps) };
      case 'watermark':
        return { kind: 'process', plan: compileWatermark(segment.steps) };
      case 'imageInfo':
      case 'imageAve':
        if (purpose === 'upload') throw invalidArgument(`${segment.name} answers with JSON and cannot produce an object in Pic-Operations.`);
        if (!last) throw invalidArgument(`${segment.name} must be the last segment of a pipeline.`);
        return { kind: 'info', name: segment.name };
      case 'exif':
        throw new UnsupportedError('exif is not supported by the emulator.');
      case 'style':
        throw new UnsupportedError(`Saved styles (style/${segment.steps[0].value}) are not available in the emulator; use the rule itself.`);
    }
  }
}

/**
 * Runs compiled segments left to right, each on the previous result. A segment with
 * `ignore-error/1` that fails is undone, so its input passes through unchanged (docs/rules.md#ignore-error).
 */
export async function runRule(source: SourceImage, segments: CompiledSegment[], io?: ObjectIO, maxInputBytes?: number): Promise<RuleResult> {
  const state = createState(source, io);
  const first = segments[0];
  try {
    assertSourceLimits(source, maxInputBytes);
  } catch (error) {
    if (first?.kind === 'process' && first.plan.ignoreError) return { kind: 'image', image: await encodeState(state) };
    throw error;
  }
  for (const segment of segments) {
    if (segment.kind === 'info') {
      const { data } = await encodeState(state);
      return { kind: 'json', body: segment.name === 'imageInfo' ? await imageInfoJson(data) : await imageAveJson(data) };
    }
    const saved = snapshot(state);
    try {
      await segment.plan.run(state);
      state.changed = true;
    } catch (error) {
      if (!segment.plan.ignoreError) throw error;
      restore(state, saved);
    }
  }
  return { kind: 'image', image: await encodeState(state) };
}

/** Marks errors that are not ImageErrors (sharp failures) as processing failures of the input. */
export function asImageError(error: unknown): ImageError {
  if (error instanceof ImageError) return error;
  return new ImageError('InvalidImageFormat', `Image processing failed: ${(error as Error)?.message ?? String(error)}`);
}
