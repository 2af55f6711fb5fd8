// The documentation's own Pic-Operations example, replayed against the emulator, answers every field the
// documentation lists for OriginalInfo/ImageInfo and for each processed Object, with values computed from the images;
// the core client parses all of them (docs/edge-cases.md, "UploadResult fields").
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { gradientPixels } from './fixtures/images/helpers.js';
import { startLab, type Lab } from '../reliability/helpers.js';

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Object' });
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** A 640×427 JPEG (the documented sample's size) that records 300 DPI. */
async function documentedJpeg(): Promise<Buffer> {
  return sharp(gradientPixels(640, 427), { raw: { width: 640, height: 427, channels: 4 } })
    .removeAlpha().withMetadata({ density: 300 }).jpeg({ quality: 100 }).toBuffer();
}

describe('the documentation\'s UploadResult example, field for field', { timeout: 60_000 }, () => {
  let lab: Lab;
  let jpeg: Buffer;
  before(async () => {
    lab = await startLab();
    jpeg = await documentedJpeg();
  });
  after(() => lab.close());

  const header = () => JSON.stringify({ is_pic_info: 1, rules: [{ bucket: lab.emu.bucket, fileid: 'test.png', rule: 'imageMogr2/format/png' }] });

  it('PUT filename.jpg with the documented Pic-Operations: every documented element, computed from the bytes', async () => {
    const client = lab.client();
    const response = await client.request({ method: 'PUT', key: 'filename.jpg', headers: { 'Pic-Operations': header() }, body: new Blob([new Uint8Array(jpeg)]) });
    const doc = parser.parse(response.text).UploadResult;
    const info = doc.OriginalInfo;
    assert.deepEqual(Object.keys(info), ['Key', 'Location', 'ETag', 'ImageInfo']);
    assert.equal(info.Key, 'filename.jpg');
    assert.equal(info.Location, `${lab.emu.bucket}.cos.${lab.emu.region}.myqcloud.com/filename.jpg`);
    assert.equal(info.ETag, `"${md5(jpeg)}"`);
    assert.deepEqual(Object.keys(info.ImageInfo), [
      'Format', 'Width', 'Height', 'Quality', 'Ave', 'Orientation', 'FrameCount', 'Md5', 'BitDepth', 'VerticalDpi', 'HorizontalDpi',
    ]);
    assert.deepEqual({ ...info.ImageInfo, Ave: undefined }, {
      Format: 'JPEG', Width: '640', Height: '427', Quality: '100', Ave: undefined, Orientation: '1', FrameCount: '1',
      Md5: md5(jpeg), BitDepth: '8', VerticalDpi: '300', HorizontalDpi: '300',
    });
    assert.match(info.ImageInfo.Ave, /^0x[0-9a-f]{6}$/);

    const [object] = doc.ProcessResults.Object;
    const stored = Buffer.from(await (await client.getObject('test.png')).arrayBuffer());
    assert.deepEqual(Object.keys(object), ['Key', 'Location', 'Format', 'Width', 'Height', 'Size', 'Quality', 'ETag', 'FrameCount', 'Md5', 'BitDepth']);
    assert.deepEqual(object, {
      Key: 'test.png', Location: `${lab.emu.bucket}.cos.${lab.emu.region}.myqcloud.com/test.png`, Format: 'png',
      Width: '640', Height: '427', Size: String(stored.length), Quality: '100', ETag: `"${md5(stored)}"`, FrameCount: '1',
      Md5: md5(stored), BitDepth: '8',
    });
  });

  it('the core client parses every field of that answer', async () => {
    const client = lab.client();
    const { uploadResult } = await client.putObject('filename.jpg', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), { picOperations: header() });
    const imageInfo = uploadResult!.originalInfo.imageInfo!;
    assert.deepEqual({ ...imageInfo, ave: undefined }, {
      format: 'JPEG', width: 640, height: 427, quality: 100, ave: undefined, orientation: 1, frameCount: 1,
      md5: md5(jpeg), bitDepth: 8, verticalDpi: 300, horizontalDpi: 300,
    });
    const [processed] = uploadResult!.processResults;
    const stored = Buffer.from(await (await client.getObject('test.png')).arrayBuffer());
    assert.deepEqual([processed.md5, processed.bitDepth, processed.frameCount, processed.size], [md5(stored), 8, 1, stored.length]);
  });

  it('values follow the image: a 16-bit PNG without a resolution has BitDepth 16 and no DPI', async () => {
    const png16 = await sharp(gradientPixels(64, 48), { raw: { width: 64, height: 48, channels: 4 } })
      .toColourspace('rgb16').png().toBuffer();
    const client = lab.client();
    const { uploadResult } = await client.putObject('deep.png', new Blob([new Uint8Array(png16)]), { picOperations: JSON.stringify({ is_pic_info: 1 }) });
    const imageInfo = uploadResult!.originalInfo.imageInfo!;
    assert.deepEqual([imageInfo.format, imageInfo.bitDepth, imageInfo.md5], ['PNG', 16, md5(png16)]);
    assert.deepEqual([imageInfo.verticalDpi, imageInfo.horizontalDpi], [undefined, undefined], 'no DPI is invented');
  });
});
