/**
 * Asynchronous picture jobs (docs/processing-jobs.md): submit answers at once with State Submitted;
 * jobs then run one at a time in the background (Submitted → Running → Success or Failed with a CI
 * error code), each state change saved through a JobStore so a restarted emulator still knows the job
 * and finishes the ones it had not finished. A job with a CallBack URL is POSTed there when it ends.
 */
import { createHash, randomBytes } from 'node:crypto';
import { contentTypeOf, type EncodedImage } from './encode.js';
import { ImageError, invalidArgument } from './errors.js';
import { imageInfoXml, resultFormatName } from './image-info.js';
import {
  DEFAULT_QUEUE_ID, callbackBody, describeXml, jobsDetailXml, parseJobRequest, type JobRecord,
} from './job-xml.js';
import { asImageError, compileRule, runRule } from './pipeline.js';
import { inspectImage } from './source.js';
import type { ObjectIO } from './state.js';
import { el, quoteEtag, wrap } from './xml.js';

export interface PicJobs {
  /** Parses a `<Request>` body; answers `<Response><JobsDetail>…` with State Submitted. Throws InvalidArgument for a bad request or rule. */
  submit(xmlBody: string): Promise<string>;
  /** `<Response><JobsDetail>…` now, or `<Response><NonExistJobIds>` for an unknown id (as CI answers). */
  describe(jobId: string): string;
  /** The job's `<Response><JobsDetail>…` now, or undefined for an unknown id. */
  get(jobId: string): string | undefined;
  /** Resolves once the job has finished (Success or Failed); for tests. */
  settled(jobId: string): Promise<void>;
  /** Stops running jobs and saving state (a process that exits); the store keeps what was saved. */
  dispose(): void;
}

/** Where jobs survive a restart; the emulator keeps one JSON file per job beside the bucket's objects. */
export interface JobStore {
  load(): Promise<JobRecord[]>;
  save(job: JobRecord): Promise<void>;
}

export interface PicJobsOptions {
  store?: JobStore;
  /** How long a job waits in Submitted before it runs (tests use it to see the states); default 0. Read as each job starts. */
  delayMs?: number | (() => number);
  /** Largest input a job processes; default 32 MB as for the synchronous modes. */
  maxInputBytes?: number;
  /** Delivers the completion callback; default a POST with fetch (failures are logged, never retried). */
  notify?: (url: string, body: string, contentType: string) => Promise<void>;
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, '+0000');

async function postCallback(url: string, body: string, contentType: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': contentType }, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
}

function resultXml(job: JobRecord, originalEtag: string, info: string, image: EncodedImage, etag: string): string {
  return wrap('PicProcessResult', [
    el('ObjectName', job.output.key),
    wrap('OriginalInfo', el('Etag', quoteEtag(originalEtag)) + info),
    wrap('ProcessResult', [
      el('Format', resultFormatName(image.format)), el('Width', image.width), el('Height', image.height),
      el('Quality', image.quality), el('Size', image.data.length), el('FrameCount', image.frames), el('Etag', quoteEtag(etag)),
    ].join('')),
  ].join(''));
}

async function execute(job: JobRecord, io: ObjectIO, maxInputBytes: number): Promise<void> {
  try {
    const original = await io.read(job.inputKey);
    if (!original) throw new ImageError('NoSuchKey', `Input object "${job.inputKey}" does not exist.`, 404);
    if (original.length > maxInputBytes) {
      throw new ImageError('ImageTooLarge', `The image is ${original.length} bytes; picture jobs accept at most ${maxInputBytes} bytes.`);
    }
    const source = await inspectImage(original, false, maxInputBytes);
    const result = await runRule(source, compileRule(job.rule, 'upload'), io, maxInputBytes);
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

export function createPicJobs(io: ObjectIO, bucket: string, region: string, options: PicJobsOptions = {}): PicJobs {
  const jobs = new Map<string, JobRecord>();
  const done = new Map<string, Promise<void>>();
  const maxInputBytes = options.maxInputBytes ?? 32 * 1024 * 1024;
  const notify = options.notify ?? postCallback;
  let disposed = false;
  let queue: Promise<void> = Promise.resolve();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const wait = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(() => { timers.delete(timer); resolve(); }, ms);
    timers.add(timer);
  });
  const save = async (job: JobRecord) => {
    if (!disposed) await options.store?.save(job);
  };

  async function run(job: JobRecord): Promise<void> {
    const delay = options.delayMs;
    await wait(typeof delay === 'function' ? delay() : delay ?? 0);
    if (disposed) return;
    job.state = 'Running';
    job.startTime = now();
    await save(job);
    await execute(job, io, maxInputBytes);
    if (disposed) return;
    await save(job);
    if (job.callback) {
      const { body, contentType } = callbackBody(job, bucket, region);
      await notify(job.callback, body, contentType).catch((err: unknown) => {
        console.error(`[cos-emulator] callback for job ${job.id} to ${job.callback} failed: ${(err as Error).message}`);
      });
    }
  }

  function enqueue(job: JobRecord): void {
    const finished = queue.then(() => run(job)).catch((err: unknown) => console.error('[cos-emulator] picture job', job.id, err));
    queue = finished;
    done.set(job.id, finished);
  }

  // Jobs saved by an earlier process: finished ones are only described, the others run again from the start.
  const loaded = (options.store?.load() ?? Promise.resolve([])).then((records) => {
    for (const job of records.sort((a, b) => a.creationTime.localeCompare(b.creationTime))) {
      jobs.set(job.id, job);
      if (job.state === 'Submitted' || job.state === 'Running') {
        job.state = 'Submitted';
        job.startTime = undefined;
        enqueue(job);
      }
    }
  });
  queue = loaded;

  return {
    async submit(xmlBody) {
      await loaded;
      const request = parseJobRequest(xmlBody, bucket, region);
      compileRule(request.rule, 'upload');
      const job: JobRecord = {
        id: 'c' + randomBytes(16).toString('hex'), state: 'Submitted', code: 'Success', message: '', creationTime: now(),
        inputKey: request.inputKey, rule: request.rule, isPicInfo: request.isPicInfo,
        output: { bucket, region, key: request.outputKey }, userData: request.userData, jobLevel: request.jobLevel,
        queueId: request.queueId ?? DEFAULT_QUEUE_ID, callback: request.callback, callbackFormat: request.callbackFormat,
      };
      jobs.set(job.id, job);
      await save(job);
      enqueue(job);
      return wrap('Response', jobsDetailXml(job, bucket, region));
    },
    describe(jobId) {
      return describeXml(jobs.get(jobId), jobId, bucket, region);
    },
    get(jobId) {
      const job = jobs.get(jobId);
      return job && describeXml(job, jobId, bucket, region);
    },
    async settled(jobId) {
      await loaded;
      await done.get(jobId);
    },
    dispose() {
      disposed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
