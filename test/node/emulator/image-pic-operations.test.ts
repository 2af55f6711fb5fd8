/** Pic-Operations (docs/protocol.md#pic-operations): header validation, fileid resolution, outputs and the UploadResult XML. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { ImageError, processPicOperations, resolveFileId } from '../../../src/emulator/image/index.js';
import { makeImage, memoryIO, meta } from './fixtures/images/helpers.js';

const BUCKET = 'examplebucket-1250000000';
const REGION = 'ap-chengdu';
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Object' });

let original: Buffer;
const originalEtag = () => `"${createHash('md5').update(original).digest('hex')}"`;

before(async () => {
  original = await makeImage(640, 427, 'jpeg', { quality: 85 });
});

function call(header: unknown, options: { key?: string; input?: Buffer; ctx?: ReturnType<typeof memoryIO> } = {}) {
  const ctx = options.ctx ?? memoryIO();
  const key = options.key ?? 'p1/test1.jpg';
  const run = processPicOperations({
    bucket: BUCKET, region: REGION, host: `${BUCKET}.cos.${REGION}.myqcloud.com`, key,
    original: options.input ?? original, originalEtag: originalEtag(),
    header: typeof header === 'string' ? header : JSON.stringify(header), io: ctx.io,
  });
  return { ctx, run };
}

const rejectsWith = (promise: Promise<unknown>, code: string, pattern: RegExp) =>
  assert.rejects(promise, (e: unknown) => e instanceof ImageError && e.code === code && e.status === 400 && pattern.test(e.message));

describe('UploadResult XML', () => {
  it('carries OriginalInfo with ImageInfo and one Object per rule, in rule order', async () => {
    const { ctx, run } = call({
      is_pic_info: 1,
      rules: [
        { fileid: 'thumb/a.webp', rule: 'imageMogr2/thumbnail/200x/format/webp' },
        { fileid: '/out/b.png', rule: 'imageMogr2/crop/100x100/gravity/center/format/png' },
      ],
    });
    const result = await run;
    const doc = parser.parse(result.xml).UploadResult;
    const info = doc.OriginalInfo;
    assert.equal(info.Key, 'p1/test1.jpg');
    assert.equal(info.Location, `${BUCKET}.cos.${REGION}.myqcloud.com/p1/test1.jpg`);
    assert.equal(info.ETag, originalEtag());
    assert.match(result.xml, /<ETag>&quot;[0-9a-f]{32}&quot;<\/ETag>/);
    assert.deepEqual(
      { ...info.ImageInfo, Ave: undefined },
      {
        Format: 'JPEG', Width: '640', Height: '427', Quality: '85', Orientation: '1', Ave: undefined, FrameCount: '1',
        Md5: createHash('md5').update(original).digest('hex'), BitDepth: '8', VerticalDpi: '72', HorizontalDpi: '72',
      },
    );
    assert.match(info.ImageInfo.Ave, /^0x[0-9a-f]{6}$/);
    const [first, second] = doc.ProcessResults.Object;
    const stored = ctx.store.get('p1/thumb/a.webp')!;
    assert.deepEqual(first, {
      Key: 'p1/thumb/a.webp', Location: `${BUCKET}.cos.${REGION}.myqcloud.com/p1/thumb/a.webp`, Format: 'webp',
      Width: '200', Height: '133', Size: String(stored.data.length), Quality: '85', ETag: stored.etag, FrameCount: '1',
      Md5: createHash('md5').update(stored.data).digest('hex'), BitDepth: '8',
    });
    assert.equal(stored.contentType, 'image/webp');
    assert.equal(second.Key, 'out/b.png');
    assert.equal(second.Format, 'png');
    assert.equal(second.Quality, '100');
    assert.equal(`${second.Width}x${second.Height}`, '100x100');
    const png = await meta(ctx.store.get('out/b.png')!.data);
    assert.equal(`${png.format} ${png.width}x${png.height}`, 'png 100x100');
    assert.deepEqual(ctx.writes, ['p1/thumb/a.webp', 'out/b.png']);
    assert.equal(result.imageInfoXml, result.xml.match(/<ImageInfo>.*<\/ImageInfo>/)![0]);
    assert.equal(result.processResultsXml, result.xml.match(/<ProcessResults>.*<\/ProcessResults>/)![0]);
  });

  it('omits ImageInfo without is_pic_info and answers an empty ProcessResults without rules', async () => {
    const result = await call({ is_pic_info: 0 }).run;
    assert.equal(result.imageInfoXml, undefined);
    assert.doesNotMatch(result.xml, /ImageInfo/);
    assert.match(result.xml, /<ProcessResults><\/ProcessResults>/);
  });

  it('escapes XML text in keys', async () => {
    const { run } = call({ rules: [{ fileid: 'a&b<c>.png', rule: 'imageMogr2/format/png' }] }, { key: 'x "q".jpg' });
    const result = await run;
    assert.match(result.xml, /<Key>a&amp;b&lt;c&gt;.png<\/Key>/);
    assert.match(result.xml, /<Key>x &quot;q&quot;.jpg<\/Key>/);
    assert.equal(parser.parse(result.xml).UploadResult.OriginalInfo.Key, 'x "q".jpg');
  });

  it('reports FrameCount for animated input and output', async () => {
    const { makeAnimatedGif } = await import('./fixtures/images/helpers.js');
    const gif = await makeAnimatedGif(40, 30, 3);
    const { run } = call({ is_pic_info: 1, rules: [{ fileid: 'small.gif', rule: 'imageMogr2/thumbnail/20x' }] }, { key: 'anim.gif', input: gif });
    const doc = parser.parse((await run).xml).UploadResult;
    assert.equal(doc.OriginalInfo.ImageInfo.FrameCount, '3');
    assert.equal(doc.OriginalInfo.ImageInfo.Format, 'GIF');
    assert.equal(doc.ProcessResults.Object[0].FrameCount, '3');
    assert.equal(`${doc.ProcessResults.Object[0].Width}x${doc.ProcessResults.Object[0].Height}`, '20x15');
  });
});

describe('fileid resolution (docs/protocol.md#pic-operations)', () => {
  it('leading slash is absolute, otherwise relative to the input folder', () => {
    assert.equal(resolveFileId('p1/test1.jpg', '/p2/test2.jpg'), 'p2/test2.jpg');
    assert.equal(resolveFileId('p1/test1.jpg', 'p2/test2.jpg'), 'p1/p2/test2.jpg');
    assert.equal(resolveFileId('test1.jpg', 'p2/test2.jpg'), 'p2/test2.jpg');
    assert.equal(resolveFileId('a/b/c.jpg', 'd.jpg'), 'a/b/d.jpg');
  });
  it('percent-decodes a URL-encoded non-ASCII fileid, and only that', () => {
    assert.equal(resolveFileId('p1/a.jpg', '%E7%BC%A9%E7%95%A5%E5%9B%BE.jpg'), 'p1/缩略图.jpg');
    assert.equal(resolveFileId('p1/a.jpg', 'a%20b.jpg'), 'p1/a%20b.jpg');
  });
  it('accepts a raw UTF-8 header delivered as latin1 by node:http', async () => {
    const header = Buffer.from(JSON.stringify({ rules: [{ fileid: '/缩略图.png', rule: 'imageMogr2/format/png' }] }), 'utf8').toString('latin1');
    const { ctx, run } = call(header);
    await run;
    assert.ok(ctx.store.has('缩略图.png'));
  });
  it('a fileid equal to the input key replaces the original, and OriginalInfo carries the new ETag', async () => {
    const ctx = memoryIO({ 'p1/test1.jpg': original });
    const { run } = call({ rules: [{ fileid: 'test1.jpg', rule: 'imageMogr2/thumbnail/100x' }] }, { ctx });
    const doc = parser.parse((await run).xml).UploadResult;
    const stored = ctx.store.get('p1/test1.jpg')!;
    assert.equal((await meta(stored.data)).width, 100);
    assert.equal(doc.OriginalInfo.ETag, stored.etag);
    assert.notEqual(doc.OriginalInfo.ETag, originalEtag());
    assert.equal(doc.ProcessResults.Object[0].ETag, stored.etag);
  });
});

describe('header and rule validation', () => {
  const rule = (i: number) => ({ fileid: `out/${i}.png`, rule: 'imageMogr2/thumbnail/10x/format/png' });

  it('allows five rules and rejects six', async () => {
    const five = await call({ rules: [0, 1, 2, 3, 4].map(rule) }).run;
    assert.equal(parser.parse(five.xml).UploadResult.ProcessResults.Object.length, 5);
    const { ctx, run } = call({ rules: [0, 1, 2, 3, 4, 5].map(rule) });
    await rejectsWith(run, 'InvalidPicOperations', /at most 5 rules/);
    assert.equal(ctx.writes.length, 0);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['malformed JSON', '{"rules":[', /not valid JSON/],
    ['a JSON array', '[]', /must be a JSON object/],
    ['rules not an array', { rules: 'x' }, /must be an array/],
    ['a missing fileid', { rules: [{ rule: 'imageMogr2/strip' }] }, /fileid is required/],
    ['a fileid ending in /', { rules: [{ fileid: 'thumbs/', rule: 'imageMogr2/strip' }] }, /must not end with "\/"/],
    ['a missing rule', { rules: [{ fileid: 'a.jpg' }] }, /rule is required/],
    ['an unknown operation', { rules: [{ fileid: 'a.jpg', rule: 'imageMogr2/explode/1' }] }, /rules\[0\]\.rule .*Unknown imageMogr2 operation/],
    ['an unparsable rule', { rules: [{ fileid: 'a.jpg', rule: 'imageMogr2/thumbnail/huge' }] }, /thumbnail geometry/],
    ['imageInfo as a rule', { rules: [{ fileid: 'a.jpg', rule: 'imageInfo' }] }, /cannot produce an object/],
    ['a saved style (docs/rules.md#documented-rule-strings #23 style/test)', { rules: [{ fileid: 'a.jpg', rule: 'style/test' }] }, /Saved styles/],
    ['another bucket', { rules: [{ bucket: 'other-1250000000', fileid: 'a.jpg', rule: 'imageMogr2/strip' }] }, /input bucket/],
    ['a bad is_pic_info', { is_pic_info: 2 }, /is_pic_info must be 0 or 1/],
  ];
  for (const [what, header, pattern] of bad) {
    it(`rejects ${what} with InvalidPicOperations`, async () => {
      const { ctx, run } = call(header);
      await rejectsWith(run, 'InvalidPicOperations', pattern);
      assert.equal(ctx.writes.length, 0);
    });
  }

  it('a rule that fails while running writes no output at all (validate-then-write)', async () => {
    const { ctx, run } = call({
      rules: [
        { fileid: 'ok.png', rule: 'imageMogr2/thumbnail/10x/format/png' },
        { fileid: 'bad.png', rule: 'imageMogr2/thumbnail/20000x' },
      ],
    });
    await rejectsWith(run, 'ImageResolutionExceed', /at most 9999 px/);
    assert.deepEqual(ctx.writes, []);
  });

  it('a non-image input is InvalidImageFormat, with or without rules when is_pic_info=1', async () => {
    const text = Buffer.from('just some text');
    await rejectsWith(call({ rules: [rule(0)] }, { input: text }).run, 'InvalidImageFormat', /not an image/);
    await rejectsWith(call({ is_pic_info: 1 }, { input: text }).run, 'InvalidImageFormat', /not an image/);
    const plain = await call({ is_pic_info: 0, rules: [] }, { input: text }).run;
    assert.match(plain.xml, /<OriginalInfo><Key>p1\/test1.jpg<\/Key>/);
  });
});

describe('documented limits (docs/rules.md#limits)', () => {
  it('an input over 32 MB is ImageTooLarge', async () => {
    await rejectsWith(call({ rules: [{ fileid: 'a.jpg', rule: 'imageMogr2/strip' }] }, { input: Buffer.alloc(32 * 1024 * 1024 + 1) }).run, 'ImageTooLarge', /32 MB/);
  });
  it('an input wider than 30,000 px is ImageResolutionExceed; ignore-error/1 stores the input unchanged', async () => {
    const wide = await sharp({ create: { width: 30_001, height: 1, channels: 3, background: '#123456' } }).png().toBuffer();
    await rejectsWith(call({ rules: [{ fileid: 'a.png', rule: 'imageMogr2/thumbnail/100x' }] }, { input: wide }).run, 'ImageResolutionExceed', /30000/);
    const { ctx, run } = call({ rules: [{ fileid: 'a.png', rule: 'imageMogr2/thumbnail/100x/ignore-error/1' }] }, { input: wide });
    await run;
    assert.deepEqual(ctx.store.get('p1/a.png')!.data, wide);
  });
  it('an output over 9,999 px is ImageResolutionExceed', async () => {
    await rejectsWith(call({ rules: [{ fileid: 'a.jpg', rule: 'imageMogr2/thumbnail/10000x600!' }] }).run, 'ImageResolutionExceed', /9999/);
  });
});
