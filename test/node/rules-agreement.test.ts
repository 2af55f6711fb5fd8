// The editor's validator (src/core/rules) and the emulator's compiler (src/emulator/image) must agree on every rule,
// and every rule they accept must come out of the emulator at the size the core predicts
// (docs/rules.md#editor-and-emulator-agreement). Property-based, with fixed seeds so a failure reproduces.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import sharp from 'sharp';
import { parseRule, parseRuleModel } from '../../src/core/rules/parse.js';
import { predictOutputSize } from '../../src/core/rules/output-size.js';
import { ImageError, UnsupportedError } from '../../src/emulator/image/errors.js';
import { compileRule, runRule } from '../../src/emulator/image/pipeline.js';
import { inspectImage } from '../../src/emulator/image/source.js';
import { rule } from './rules-agreement/arbitraries.js';
import { geometryRule } from './rules-agreement/geometry-arbitraries.js';

const RUNS = 10_000;

type Verdict = 'accepted' | 'unsupported' | 'rejected';

function emulatorVerdict(text: string): { verdict: Verdict; message?: string } {
  try {
    compileRule(text, 'download');
    return { verdict: 'accepted' };
  } catch (error) {
    if (!(error instanceof ImageError)) throw error; // a crash, not a verdict
    return { verdict: error instanceof UnsupportedError ? 'unsupported' : 'rejected', message: error.message };
  }
}

const editorErrors = (text: string) => parseRule(text).issues.filter((issue) => issue.severity === 'error');

describe('editor and emulator agree on rules', () => {
  it(`${RUNS} generated rules: editor-valid exactly when the emulator accepts (or knows the feature but cannot run it)`, () => {
    const seen = { valid: 0, invalid: 0, unsupported: 0, pipelines: 0 };
    fc.assert(
      fc.property(rule, (text) => {
        const errors = editorErrors(text);
        const { verdict, message } = emulatorVerdict(text);
        const editorValid = errors.length === 0;
        seen[editorValid ? 'valid' : 'invalid']++;
        if (verdict === 'unsupported') seen.unsupported++;
        if (text.includes('|')) seen.pipelines++;
        const detail = editorValid ? `emulator: ${message}` : `editor: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`;
        assert.equal(editorValid, verdict !== 'rejected', `${JSON.stringify(text)}: ${detail}`);
      }),
      { seed: 20_261_206, numRuns: RUNS, endOnFailure: true },
    );
    // The generator must exercise both sides of the line, not only one.
    assert.ok(seen.valid > RUNS / 5 && seen.invalid > RUNS / 5, JSON.stringify(seen));
    assert.ok(seen.unsupported > 50 && seen.pipelines > RUNS / 10, JSON.stringify(seen));
  });

  it('the documented disagreements stay settled', () => {
    for (const [text, valid] of [
      ['imageMogr2/thumbnail/!2000p', false],
      ['imageMogr2/thumbnail/60000x', false],
      ['imageMogr2/crop/60000x10', false],
      ['imageMogr2/thumbnail/20000x', true], // over 9,999: a warning; the run then fails on the output size
      ['imageMogr2/rotate/400/ignore-error/1', true], // ignore-error/1 covers a value over its limit
      ['imageMogr2/thumbnail/abc/ignore-error/1', false], // but not a malformed one
      ['imageMogr2/format/jxl', false],
      ['imageMogr2/foo/1', false],
      ['imageMogr2/format/tpg', true], // documented; the emulator says it cannot produce it
      ['imageInfo|imageMogr2/strip', false],
      ['watermark/2/text/dGV4dA/scatype/1', false],
    ] as const) {
      assert.equal(editorErrors(text).length === 0, valid, `editor on ${text}`);
      assert.equal(emulatorVerdict(text).verdict !== 'rejected', valid, `emulator on ${text}`);
    }
  });
});

describe('accepted rules come out at the predicted size', () => {
  const inputs = [
    { width: 97, height: 61 },
    { width: 64, height: 200 },
    { width: 120, height: 120 },
  ];
  const images = Promise.all(
    inputs.map(async (size) => {
      const png = await sharp({ create: { ...size, channels: 3, background: { r: 40, g: 120, b: 200 } } }).png().toBuffer();
      return { size, source: await inspectImage(png) };
    }),
  );

  it('300 generated geometry rules on three inputs, rendered with sharp', async () => {
    const loaded = await images;
    const seen = { rendered: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(geometryRule, fc.integer({ min: 0, max: loaded.length - 1 }), async (text, which) => {
        const model = parseRuleModel(text);
        if (editorErrors(text).length > 0) return; // the agreement test covers these
        const { size, source } = loaded[which];
        const predicted = predictOutputSize(model, size);
        let actual: { width: number; height: number } | string;
        try {
          const result = await runRule(source, compileRule(text, 'download'));
          assert.equal(result.kind, 'image');
          actual = result.kind === 'image' ? { width: result.image.width, height: result.image.height } : 'json';
          const meta = result.kind === 'image' ? await sharp(result.image.data).metadata() : undefined;
          assert.deepEqual({ width: meta?.width, height: meta?.height }, actual, 'the encoded image has the reported size');
          seen.rendered++;
        } catch (error) {
          if (!(error instanceof ImageError)) throw error;
          actual = `${error.code}: ${error.message}`;
          seen.failed++;
        }
        const where = `${text} on ${size.width}x${size.height}`;
        if (predicted.kind === 'error') assert.equal(typeof actual, 'string', `${where}: predicted "${predicted.message}", got ${JSON.stringify(actual)}`);
        else assert.deepEqual(actual, predicted.kind === 'image' ? predicted.size : predicted, where);
      }),
      { seed: 7, numRuns: 300, endOnFailure: true },
    );
    assert.ok(seen.rendered > 150 && seen.failed > 3, JSON.stringify(seen));
  });
});
