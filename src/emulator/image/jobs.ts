/**
 * Asynchronous picture jobs (docs/protocol.md#picture-jobs, `POST /pic_jobs`): submit answers at once with
 * State Submitted; jobs then run one at a time in the background, and `get` reports Running,
 * Success (with PicProcessResult) or Failed (with Code/Message).
 */
import { createHash, randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { ImageError, invalidArgument } from './errors.js';
import { contentTypeOf, type EncodedImage } from './encode.js';
import { imageInfoXml, resultFormatName } from './image-info.js';
import { asImageError, compileRule, runRule, type CompiledSegment } from './pipeline.js';
import { inspectImage } from './source.js';
import type { ObjectIO } from './state.js';
import { el, quoteEtag, wrap } from './xml.js';

type JobState = 'Submitted' | 'Running' | 'Success' | 'Failed';

interface Job {
  id: string;
  state: JobState;
  code: string;
  message: string;
  creationTime: string;
  startTime?: string;
  endTime?: string;
  inputKey: string;
  rule: string;
  isPicInfo: boolean;
  segments: CompiledSegment[];
  output: { bucket: string; region: string; key: string };
  userData: string;
  jobLevel: string;
  result?: string;
  done: Promise<void>;
}

export interface PicJobs {
  /** Parses a `<Request>` body; answers `<Response><JobsDetail>…` with State Submitted. Throws InvalidArgument for a bad request or rule. */
  submit(xmlBody: string): Promise<string>;
  /** The job's `<Response><JobsDetail>…` now, or undefined for an unknown id. */
  get(jobId: string): string | undefined;
  /** Resolves once the job has finished (Success or Failed); for tests and the server's synchronous modes. */
  settled(jobId: string): Promise<void>;
}

const QUEUE_ID = 'p' + '0'.repeat(31) + '1';
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true });
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, '+0000');
const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? '' : String(value));

function parseRequest(xmlBody: string, bucket: string, region: string) {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xmlBody) as Record<string, unknown>;
  } catch (error) {
    throw invalidArgument(`The request body is not valid XML: ${(error as Error).message}`);
  }
  const request = doc.Request as Record<string, unknown> | undefined;
  if (!request || typeof request !== 'object') throw invalidArgument('The body must be a <Request> element.');
  if (text(request.Tag) !== 'PicProcess') throw invalidArgument(`Tag must be PicProcess; got "${text(request.Tag)}".`);
  const inputKey = text((request.Input as Record<string, unknown> | undefined)?.Object).replace(/^\/+/, '');
  if (!inputKey) throw invalidArgument('Input/Object is required.');
  const operation = request.Operation as Record<string, unknown> | undefined;
  if (!operation || typeof operation !== 'object') throw invalidArgument('Operation is required.');
  if (operation.TemplateId !== undefined) throw invalidArgument('TemplateId is not supported by the emulator; put the rule inline in Operation/PicProcess.');
  const pic = (operation.PicProcess ?? {}) as Record<string, unknown>;
  const rule = text(pic.ProcessRule ?? pic.Rule ?? operation.Rule);
  if (!rule) throw invalidArgument('Operation/PicProcess/ProcessRule (or Rule) is required.');
  const out = (operation.Output ?? {}) as Record<string, unknown>;
  const outputKey = text(out.Object).replace(/^\/+/, '');
  if (!outputKey) throw invalidArgument('Operation/Output/Object is required.');
  const outBucket = text(out.Bucket) || bucket;
  const outRegion = text(out.Region) || region;
  if (outBucket !== bucket || outRegion !== region) {
    throw invalidArgument(`Output ${outBucket}/${outRegion}: the emulator writes job results into ${bucket} (${region}) only.`);
  }
  return {
    inputKey, rule, outputKey,
    isPicInfo: !['false', '0'].includes(text(pic.IsPicInfo ?? 'true').toLowerCase()),
    userData: text(operation.UserData),
    jobLevel: text(operation.JobLevel) || '0',
  };
}

function resultXml(job: Job, originalEtag: string, info: string, image: EncodedImage, etag: string): string {
  return wrap('PicProcessResult', [
    el('ObjectName', job.output.key),
    wrap('OriginalInfo', el('Etag', quoteEtag(originalEtag)) + info),
    wrap('ProcessResult', [
      el('Format', resultFormatName(image.format)), el('Width', image.width), el('Height', image.height),
      el('Quality', image.quality), el('Size', image.data.length), el('FrameCount', image.frames), el('Etag', quoteEtag(etag)),
    ].join('')),
  ].join(''));
}

function detailXml(job: Job, bucket: string, region: string): string {
  const output = wrap('Output', el('Region', job.output.region) + el('Bucket', job.output.bucket) + el('Object', job.output.key));
  const pic = wrap('PicProcess', el('IsPicInfo', String(job.isPicInfo)) + el('ProcessRule', job.rule));
  return wrap('Response', wrap('JobsDetail', [
    el('Code', job.code), el('Message', job.message), el('JobId', job.id), el('State', job.state),
    el('CreationTime', job.creationTime), el('StartTime', job.startTime ?? '-'), el('EndTime', job.endTime ?? '-'),
    el('QueueId', QUEUE_ID), el('Tag', 'PicProcess'),
    wrap('Input', el('Region', region) + el('Bucket', bucket) + el('Object', job.inputKey)),
    wrap('Operation', pic + output + el('UserData', job.userData) + el('JobLevel', job.jobLevel) + (job.result ?? '')),
  ].join('')));
}

async function execute(job: Job, io: ObjectIO): Promise<void> {
  job.state = 'Running';
  job.startTime = now();
  try {
    const original = await io.read(job.inputKey);
    if (!original) throw new ImageError('NoSuchKey', `Input object "${job.inputKey}" does not exist.`, 404);
    const source = await inspectImage(original, false);
    const result = await runRule(source, job.segments, io);
    if (result.kind !== 'image') throw invalidArgument('The rule does not produce an image.');
    const { etag } = await io.write(job.output.key, result.image.data, contentTypeOf(result.image.format));
    const info = job.isPicInfo ? await imageInfoXml(source) : '';
    job.result = resultXml(job, createHash('md5').update(original).digest('hex'), info, result.image, etag);
    job.state = 'Success';
  } catch (error) {
    const e = asImageError(error);
    job.state = 'Failed';
    job.code = e.code;
    job.message = e.message;
  }
  job.endTime = now();
}

/** Jobs live in memory for the emulator's lifetime. */
export function createPicJobs(io: ObjectIO, bucket: string, region: string): PicJobs {
  const jobs = new Map<string, Job>();
  let queue: Promise<void> = Promise.resolve();
  return {
    async submit(xmlBody) {
      const request = parseRequest(xmlBody, bucket, region);
      const segments = compileRule(request.rule, 'upload');
      const job: Job = {
        id: 'c' + randomBytes(16).toString('hex'), state: 'Submitted', code: 'Success', message: '', creationTime: now(),
        inputKey: request.inputKey, rule: request.rule, isPicInfo: request.isPicInfo, segments,
        output: { bucket, region, key: request.outputKey }, userData: request.userData, jobLevel: request.jobLevel,
        done: Promise.resolve(),
      };
      jobs.set(job.id, job);
      job.done = queue = queue.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => execute(job, io));
      return detailXml(job, bucket, region);
    },
    get(jobId) {
      const job = jobs.get(jobId);
      return job && detailXml(job, bucket, region);
    },
    async settled(jobId) {
      await jobs.get(jobId)?.done;
    },
  };
}
