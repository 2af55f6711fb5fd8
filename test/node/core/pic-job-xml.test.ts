// The picture-job XML on its own: the submit body (escaping, optional parts), the mapping of a documented
// JobsDetail answer, and how the library chooses between image_process and jobs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildPicJobRequestXml, mapJobsDetail } from '../../../src/core/ci/pic-job-xml.js';
import { reprocessingMode, SYNC_PROCESSING_LIMIT } from '../../../src/core/ci/mode.js';
import { parseXml } from '../../../src/core/xml/parse.js';
import { XmlReader } from '../../../src/core/xml/nodes.js';

const ctx = { status: 200, headers: {} };
async function detailOf(xml: string) {
  const doc = await parseXml(xml, ctx);
  return new XmlReader(doc.element, 'Response', ctx).child('JobsDetail')!;
}

describe('picture-job XML', () => {
  it('escapes keys, rules and user data, and leaves optional elements out', async () => {
    const xml = buildPicJobRequestXml({ inputKey: 'a&b/<photo>.png', rule: 'imageMogr2/thumbnail/100x', outputKey: 'out/"q".png', userData: "it's" }, 'b-1250000000', 'ap-guangzhou');
    assert.ok(xml.startsWith('<Request><Tag>PicProcess</Tag><Input><Object>a&amp;b/&lt;photo&gt;.png</Object></Input>'));
    assert.match(xml, /<Output><Region>ap-guangzhou<\/Region><Bucket>b-1250000000<\/Bucket><Object>out\/&quot;q&quot;.png<\/Object><\/Output>/);
    assert.match(xml, /<UserData>it&apos;s<\/UserData>|<UserData>it's<\/UserData>/);
    assert.doesNotMatch(xml, /QueueId|CallBack/);
    const parsed = await parseXml(xml, ctx);
    assert.equal(new XmlReader(parsed.element, 'Request', ctx).child('Input')!.text('Object'), 'a&b/<photo>.png');
    const withCallback = buildPicJobRequestXml({ inputKey: 'a.png', rule: 'r', outputKey: 'b.png', callbackUrl: 'https://x.test/cb?a=1&b=2', queueId: 'p1' }, 'b-1', 'r');
    assert.match(withCallback, /<QueueId>p1<\/QueueId><CallBack>https:\/\/x.test\/cb\?a=1&amp;b=2<\/CallBack><CallBackFormat>XML<\/CallBackFormat>/);
  });

  it('maps a documented Submitted answer (times "-") and a finished one into the UploadResult object shape', async () => {
    const submitted = mapJobsDetail(await detailOf('<Response><JobsDetail><Code>Success</Code><Message/><JobId>c93984788066911ed89ed352d4d9d2084</JobId><State>Submitted</State><CreationTime>2022-07-18T15:16:43+0800</CreationTime><EndTime>-</EndTime><StartTime>-</StartTime><QueueId>p2911917386e148639319e13c285cc774</QueueId><Tag>PicProcess</Tag><Input><Object>input/deer.jpg</Object></Input><Operation><Output><Object>output/out.jpg</Object></Output><UserData>This is my data.</UserData></Operation></JobsDetail></Response>'), (k) => `host/${k}`);
    assert.deepEqual(submitted, {
      jobId: 'c93984788066911ed89ed352d4d9d2084', state: 'Submitted', code: 'Success', message: '', inputKey: 'input/deer.jpg', outputKey: 'output/out.jpg',
      userData: 'This is my data.', creationTime: '2022-07-18T15:16:43+0800', startTime: undefined, endTime: undefined, originalInfo: undefined, result: undefined,
    });
    const done = mapJobsDetail(await detailOf('<Response><JobsDetail><Code>Success</Code><JobId>c1</JobId><State>Success</State><Input><Object>in.png</Object></Input><Operation><Output><Object>out.webp</Object></Output><PicProcessResult><ObjectName>out.webp</ObjectName><OriginalInfo><Etag>&quot;abc&quot;</Etag><ImageInfo><Format>PNG</Format><Width>640</Width><Height>427</Height></ImageInfo></OriginalInfo><ProcessResult><Format>webp</Format><Width>200</Width><Height>133</Height><Quality>90</Quality><Size>4096</Size><FrameCount>1</FrameCount><Etag>&quot;def&quot;</Etag></ProcessResult></PicProcessResult></Operation></JobsDetail></Response>'), (k) => `host/${k}`);
    assert.deepEqual(done.result, { key: 'out.webp', location: 'host/out.webp', format: 'webp', width: 200, height: 133, size: 4096, quality: 90, etag: '"def"', frameCount: 1 });
    assert.deepEqual(done.originalInfo, { etag: '"abc"', imageInfo: { format: 'PNG', width: 640, height: 427, quality: undefined, ave: undefined, orientation: undefined, frameCount: undefined } });
  });

  it('refuses an answer whose state it does not know', async () => {
    assert.throws(() => mapJobsDetail(new XmlReader({ JobId: 'c1', State: 'Exploded' }, 'JobsDetail', ctx), (k) => k), /unknown <State>/);
  });

  it('chooses image_process for small images in small batches, jobs for large images or many at once', () => {
    assert.equal(reprocessingMode(1000, 1), 'cloud');
    assert.equal(reprocessingMode(SYNC_PROCESSING_LIMIT, 5), 'cloud');
    assert.equal(reprocessingMode(SYNC_PROCESSING_LIMIT + 1, 1), 'async');
    assert.equal(reprocessingMode(1000, 6), 'async');
    assert.equal(reprocessingMode(1000, 6, { jobThreshold: 10 }), 'cloud');
  });
});
