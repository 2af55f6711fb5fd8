/** Asynchronous picture jobs (docs/protocol.md#picture-jobs): submit → Submitted, then Success with the output stored, or Failed. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { ImageError, createPicJobs } from '../../../src/emulator/image/index.js';
import { makeImage, memoryIO, meta } from './fixtures/images/helpers.js';

const BUCKET = 'examplebucket-1250000000';
const REGION = 'ap-chongqing';
const parser = new XMLParser({ parseTagValue: false });

const request = (input: string, rule: string, output: string, extra = '') => `<Request>
  <Tag>PicProcess</Tag>
  <Input><Object>${input}</Object></Input>
  <Operation>
    <PicProcess><IsPicInfo>true</IsPicInfo><ProcessRule>${rule}</ProcessRule></PicProcess>
    <Output><Region>${REGION}</Region><Bucket>${BUCKET}</Bucket><Object>${output}</Object></Output>
    <UserData>my data</UserData>${extra}
  </Operation>
</Request>`;

const detail = (xml: string) => parser.parse(xml).Response.JobsDetail;

describe('createPicJobs', () => {
  let ctx: ReturnType<typeof memoryIO>;
  before(async () => {
    ctx = memoryIO({ 'input/deer.jpg': await makeImage(640, 427) });
  });

  it('answers Submitted, then Success with PicProcessResult and the output stored', async () => {
    const jobs = createPicJobs(ctx.io, BUCKET, REGION);
    const submitted = detail(await jobs.submit(request('input/deer.jpg', 'imageMogr2/thumbnail/!50p/format/png', 'output/out.png')));
    assert.equal(submitted.State, 'Submitted');
    assert.equal(submitted.Tag, 'PicProcess');
    assert.match(submitted.JobId, /^c[0-9a-f]{32}$/);
    assert.equal(submitted.Input.Object, 'input/deer.jpg');
    assert.equal(submitted.Operation.UserData, 'my data');
    assert.equal(ctx.store.has('output/out.png'), false);

    await jobs.settled(submitted.JobId);
    const done = detail(jobs.get(submitted.JobId)!);
    assert.equal(done.State, 'Success');
    assert.equal(done.Code, 'Success');
    const result = done.Operation.PicProcessResult;
    const stored = ctx.store.get('output/out.png')!;
    assert.equal(result.ObjectName, 'output/out.png');
    assert.deepEqual(result.ProcessResult, {
      Format: 'png', Width: '320', Height: '214', Quality: '100', Size: String(stored.data.length), FrameCount: '1', Etag: stored.etag,
    });
    assert.equal(result.OriginalInfo.ImageInfo.Width, '640');
    assert.match(result.OriginalInfo.Etag, /^"[0-9a-f]{32}"$/);
    const m = await meta(stored.data);
    assert.equal(`${m.format} ${m.width}x${m.height}`, 'png 320x214');
    assert.equal(stored.contentType, 'image/png');
  });

  it('accepts <Rule> in PicProcess as well as <ProcessRule>', async () => {
    const jobs = createPicJobs(ctx.io, BUCKET, REGION);
    const xml = request('input/deer.jpg', 'x', 'output/r.jpg').replace('<ProcessRule>x</ProcessRule>', '<Rule>imageMogr2/rotate/90</Rule>');
    const { JobId } = detail(await jobs.submit(xml));
    await jobs.settled(JobId);
    assert.equal(detail(jobs.get(JobId)!).State, 'Success');
    const m = await meta(ctx.store.get('output/r.jpg')!.data);
    assert.equal(`${m.width}x${m.height}`, '427x640');
  });

  it('fails the job (not the submit) when the input is missing or not an image', async () => {
    const jobs = createPicJobs(ctx.io, BUCKET, REGION);
    ctx.store.set('input/notes.txt', { data: Buffer.from('hi'), contentType: 'text/plain', etag: '"n"' });
    const missing = detail(await jobs.submit(request('input/none.jpg', 'imageMogr2/strip', 'output/x.jpg'))).JobId;
    const text = detail(await jobs.submit(request('input/notes.txt', 'imageMogr2/strip', 'output/y.jpg'))).JobId;
    await jobs.settled(text);
    const a = detail(jobs.get(missing)!);
    const b = detail(jobs.get(text)!);
    assert.deepEqual([a.State, a.Code], ['Failed', 'NoSuchKey']);
    assert.deepEqual([b.State, b.Code], ['Failed', 'InvalidImageFormat']);
    assert.equal(a.Operation.PicProcessResult, undefined);
    assert.equal(ctx.store.has('output/x.jpg') || ctx.store.has('output/y.jpg'), false);
  });

  it('rejects malformed requests and rules at submit', async () => {
    const jobs = createPicJobs(ctx.io, BUCKET, REGION);
    const rejects = (xml: string, pattern: RegExp) =>
      assert.rejects(jobs.submit(xml), (e: unknown) => e instanceof ImageError && e.status === 400 && pattern.test(e.message));
    await rejects('<Nope/>', /<Request>/);
    await rejects(request('input/deer.jpg', 'imageMogr2/strip', 'o.jpg').replace('PicProcess</Tag>', 'Transcode</Tag>'), /Tag must be PicProcess/);
    await rejects(request('', 'imageMogr2/strip', 'o.jpg'), /Input\/Object is required/);
    await rejects(request('input/deer.jpg', 'imageMogr2/strip', ''), /Output\/Object is required/);
    await rejects(request('input/deer.jpg', 'imageMogr2/explode/1', 'o.jpg'), /Unknown imageMogr2 operation/);
    await rejects(request('input/deer.jpg', 'imageMogr2/strip', 'o.jpg').replace(`<Bucket>${BUCKET}`, '<Bucket>other-1250000000'), /writes job results into/);
    await rejects(request('input/deer.jpg', 'imageMogr2/strip', 'o.jpg', '<TemplateId>t1</TemplateId>'), /TemplateId/);
  });

  it('get returns undefined for an unknown job id', () => {
    assert.equal(createPicJobs(ctx.io, BUCKET, REGION).get('c0'), undefined);
  });
});
