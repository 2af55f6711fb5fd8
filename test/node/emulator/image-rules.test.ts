/** A representative set of the documented rule strings (docs/rules.md#documented-rule-strings), plus download-time query handling and errors. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ImageError, extractRule, processOnDownload, tokenizeRule } from '../../../src/emulator/image/index.js';
import { b64, makeImage, memoryIO, meta } from './fixtures/images/helpers.js';

describe('documented rule strings on a 640x427 JPEG', () => {
  let original: Buffer;
  let mark: Buffer;
  const ctx = memoryIO();
  before(async () => {
    original = await makeImage(640, 427);
    mark = await makeImage(80, 40, 'png');
    ctx.store.set('shuiyin.jpg', { data: mark, contentType: 'image/png', etag: '"m"' });
  });

  const run = (rule: string) => processOnDownload({ key: 'in.jpg', original, rawQuery: rule, io: ctx.io });

  const expectations: Array<[string, string, string]> = [
    ['#1', 'imageMogr2/thumbnail/!50p', 'jpeg 320x214'],
    ['#2', 'imageMogr2/thumbnail/!50px', 'jpeg 320x427'],
    ['#3', 'imageMogr2/cut/600x600x100x10', 'jpeg 540x417'],
    ['#4', 'imageMogr2/crop/300x400/gravity/center', 'jpeg 300x400'],
    ['#5', 'imageMogr2/rradius/100', 'jpeg 640x427'],
    ['#6', 'imageMogr2/scrop/100x600', 'jpeg 100x427'],
    ['#7', 'imageMogr2/format/png', 'png 640x427'],
    ['#9', 'imageMogr2/rquality/60', 'jpeg 640x427'],
    ['#10', 'imageMogr2/blur/8x5', 'jpeg 640x427'],
    ['#11', 'imageMogr2/bright/70', 'jpeg 640x427'],
    ['#12', 'imageMogr2/contrast/-50', 'jpeg 640x427'],
    ['#13', 'imageMogr2/strip', 'jpeg 640x427'],
    ['#14', 'imageMogr2/strip/format/png/size-limit/15k!', 'jpeg 640x427'],
    ['#15', 'watermark/1/image/aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn/gravity/southeast', 'jpeg 640x427'],
    ['#16', 'watermark/1/image/aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn/gravity/southeast/batch/1/degree/45/dissolve/40/', 'jpeg 640x427'],
    ['#17', 'watermark/2/text/6IW-6K6v5LqRwrfkuIfosaHkvJjlm74/fill/IzNEM0QzRA/fontsize/20/dissolve/50/gravity/northeast/dx/20/dy/20/batch/1/degree/45', 'jpeg 640x427'],
    ['#22', 'imageView2/format/png', 'png 640x427'],
    ['#24', 'imageView2/0/w/400/h/300', 'jpeg 400x267'],
    ['#25', 'imageView2/3/w/400/format/png', 'png 600x400'],
    ['#26', 'imageMogr2/thumbnail/200x', 'jpeg 200x133'],
    ['#27', 'imageMogr2/thumbnail/200x400!', 'jpeg 200x400'],
    ['#28', 'imageMogr2/thumbnail/35000@', 'jpeg 229x152'],
    ['#29', 'imageMogr2/crop/!600x600-20a20/quality/85!', 'jpeg 580x407'],
    ['#30', 'imageMogr2/format/jpg/interlace/1', 'jpeg 640x427'],
    ['#31', 'imageMogr2/scrop/300x400', 'jpeg 300x400'],
    ['#32', 'imageMogr2/crop/300x400', 'jpeg 300x400'],
    ['#35', 'imageMogr2/crop/!600x600a20a20', 'jpeg 600x407'],
    ['#36', 'imageMogr2/crop/!600x600-20a20', 'jpeg 580x407'],
    ['#37', 'imageMogr2/thumbnail/!50p|watermark/2/text/Q0xPVUQgSU1BR0U=/gravity/southeast/fontsize/30/fill/IzAwMDAwMA==', 'jpeg 320x214'],
    ['#39', 'imageMogr2/format/webp', 'webp 640x427'],
    ['#41', 'imageMogr2/thumbnail/200x/', 'jpeg 200x133'],
  ];
  for (const [id, rule, expected] of expectations) {
    it(`${id} ${rule} → ${expected}`, async () => {
      const result = await run(rule);
      assert.ok(result);
      const m = await meta(result.body);
      assert.equal(`${m.format} ${m.width}x${m.height}`, expected);
      assert.equal(result.contentType, `image/${m.format}`);
    });
  }

  it('#14 size-limit! returns the smaller of output and input (here the JPEG input)', async () => {
    const result = await run('imageMogr2/strip/format/png/size-limit/15k!');
    assert.deepEqual(result?.body, original);
  });

  it('#30 interlace/1 gives a progressive JPEG', async () => assert.equal((await meta((await run('imageMogr2/format/jpg/interlace/1'))!.body)).isProgressive, true));

  it('#34 imageAve answers the mean colour', async () => {
    const result = await run('imageAve');
    assert.equal(result?.contentType, 'application/json');
    assert.match(JSON.parse(result!.body.toString()).RGB, /^0x[0-9a-f]{6}$/);
  });

  for (const [id, rule, pattern] of [
    ['#8', 'imageMogr2/format/tpg', /format\/tpg.*cannot produce/],
    ['#40', 'imageMogr2/format/heif', /format\/heif.*cannot produce/],
    ['#33', 'exif', /exif is not supported/],
    ['#38', 'watermark/3/type/3/text/ dGVuY2VudCBjbG91ZA==', /watermark\/3/],
  ] as Array<[string, string, RegExp]>) {
    it(`${id} ${rule} is a clear 400 error`, async () => {
      await assert.rejects(run(rule), (e: unknown) => e instanceof ImageError && e.status === 400 && e.code === 'InvalidArgument' && pattern.test(e.message));
    });
  }
});

describe('download-time query handling (docs/rules.md#where-a-rule-appears)', () => {
  it('finds no processing in signature and response-* parameters', () => {
    assert.equal(extractRule(''), null);
    assert.equal(extractRule('response-content-type=image%2Fpng&response-cache-control=max-age%3D600'), null);
    assert.equal(extractRule('q-sign-algorithm=sha1&q-ak=AK&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list=&q-signature=abc'), null);
  });
  it('takes the rule after a signature, encoded or not, and keeps base64 padding inside it', () => {
    assert.equal(extractRule('q-sign-algorithm=sha1&q-signature=abc&imageMogr2/thumbnail/!50px'), 'imageMogr2/thumbnail/!50px');
    assert.equal(extractRule('imageMogr2%2Fthumbnail%2F200x='), 'imageMogr2/thumbnail/200x');
    assert.equal(extractRule('imageMogr2/thumbnail/!50p%7Cwatermark/2/text/Q0xPVUQgSU1BR0U=/gravity/south'), 'imageMogr2/thumbnail/!50p|watermark/2/text/Q0xPVUQgSU1BR0U=/gravity/south');
    assert.equal(extractRule('imageInfo'), 'imageInfo');
  });
  it('does not treat a style reference as a query rule (styles are reached through the style separator)', () => {
    assert.equal(extractRule('style/test'), null);
  });
  it('returns null for an ordinary GET', async () => {
    const { io } = memoryIO();
    assert.equal(await processOnDownload({ key: 'a', original: Buffer.from('not an image'), rawQuery: 'response-content-type=text%2Fplain', io }), null);
  });
});

describe('rule errors', () => {
  let original: Buffer;
  const { io } = memoryIO();
  before(async () => {
    original = await makeImage(64, 48);
  });
  const rejects = (rule: string, code: string, pattern: RegExp, input?: Buffer) =>
    assert.rejects(processOnDownload({ key: 'a.jpg', original: input ?? original, rawQuery: rule, io }), (e: unknown) => e instanceof ImageError && e.code === code && e.status === 400 && pattern.test(e.message));

  it('unknown operations and malformed values are 400 InvalidArgument', async () => {
    await rejects('imageMogr2/explode/1', 'InvalidArgument', /Unknown imageMogr2 operation "explode"/);
    await rejects('imageMogr2/thumbnail', 'InvalidArgument', /needs a value/);
    await rejects('imageMogr2/thumbnail/abc', 'InvalidArgument', /thumbnail geometry/);
    await rejects('imageMogr2/rotate/400', 'InvalidArgument', /between 0 and 360/);
    await rejects('imageMogr2/gravity/middle/crop/10x10', 'InvalidArgument', /Unknown gravity/);
    await rejects('imageView2/9/w/10', 'InvalidArgument', /mode must be one of 0, 1, 2, 3, 4, 5/);
    await rejects('imageMogr2/format/xyz', 'InvalidArgument', /Unknown output format/);
    await rejects('watermark/2/text/!!!', 'InvalidArgument', /base64/);
    await rejects('watermark/1/image/' + b64('http://x.cos.ap-guangzhou.myqcloud.com/missing.png'), 'InvalidArgument', /does not exist/);
    await rejects('imageMogr2/thumbnail/10x|imageMogr2//strip', 'InvalidArgument', /empty token/);
    await rejects(new Array(11).fill('imageMogr2/strip').join('|'), 'InvalidArgument', /at most 10 segments/);
  });
  it('a non-image is InvalidImageFormat', async () => {
    await rejects('imageMogr2/thumbnail/10x', 'InvalidImageFormat', /not an image/, Buffer.from('plain text, definitely not pixels'));
    await rejects('imageInfo', 'InvalidImageFormat', /not an image/, Buffer.from('%PDF-1.4'));
  });
  it('an output over 9,999 px is ImageResolutionExceed unless ignore-error/1 returns the input', async () => {
    await rejects('imageMogr2/thumbnail/10000x', 'ImageResolutionExceed', /at most 9999/);
    const result = await processOnDownload({ key: 'a.jpg', original, rawQuery: 'imageMogr2/thumbnail/10000x/ignore-error/1', io });
    assert.deepEqual(result?.body, original);
  });
  it('ignore-error only undoes its own segment of a pipeline', async () => {
    const result = await processOnDownload({ key: 'a.jpg', original, rawQuery: 'imageMogr2/rotate/999/ignore-error/1|imageMogr2/thumbnail/32x', io });
    const m = await meta(result!.body);
    assert.equal(`${m.width}x${m.height}`, '32x24');
  });
});

describe('tokenizeRule', () => {
  it('splits segments into steps; argument-less keywords take no value', () => {
    assert.deepEqual(tokenizeRule('imageMogr2/auto-orient/thumbnail/200x/strip|imageView2/2/w/100'), [
      { name: 'imageMogr2', steps: [{ key: 'auto-orient' }, { key: 'thumbnail', value: '200x' }, { key: 'strip' }] },
      { name: 'imageView2', steps: [{ key: 'mode', value: '2' }, { key: 'w', value: '100' }] },
    ]);
  });
  it('drops whitespace and one trailing slash', () => {
    assert.deepEqual(tokenizeRule(' imageMogr2/thumbnail/\n200x/ '), [{ name: 'imageMogr2', steps: [{ key: 'thumbnail', value: '200x' }] }]);
  });
  it('rejects unknown segments', () => assert.throws(() => tokenizeRule('imageSlim'), /Unknown processing "imageSlim"/));
});
