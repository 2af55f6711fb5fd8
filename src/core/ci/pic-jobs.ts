/**
 * Asynchronous picture jobs on the CI host (docs/processing-jobs.md): create a job for a stored
 * object, describe it, and follow it to the end by polling with a growing interval and a deadline.
 * `processWithJobs` runs a whole Pic-Operations header as one job per rule and answers the same
 * `UploadResult` shape upload-time processing gives, so `<cos-results>` can show either.
 */
import { abortReason, sleep as abortableSleep, throwIfAborted } from '../http/abort.js';
import { CosError } from '../http/errors.js';
import type { RequestRunner } from '../client-request.js';
import { decodeFileId, resolveFileId } from '../rules/file-id.js';
import { parsePicOperations } from '../rules/pic-header.js';
import { readXmlResponse } from '../xml/responses.js';
import type { RequestOptions, UploadResult } from '../types.js';
import { buildPicJobRequestXml, mapJobsDetail } from './pic-job-xml.js';
import type { PicJob, PicJobRequest, PicJobWaitOptions } from './types.js';

export interface PicJobsOptions {
  runner: RequestRunner;
  bucket: string;
  region: string;
  /** Where a result key lives, without the scheme (as COS writes `Location`). */
  location: (key: string) => string;
  /** `pic_jobs` (the long-documented path, default) or `jobs` (the newer one); the emulator answers both. */
  path?: 'pic_jobs' | 'jobs';
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const FINISHED = new Set(['Success', 'Failed', 'Cancel']);

export class PicJobsApi {
  readonly #o: PicJobsOptions;

  constructor(options: PicJobsOptions) {
    this.#o = options;
  }

  get #path(): string {
    return this.#o.path ?? 'pic_jobs';
  }

  /** Creates one job; resolves with its first description (usually State Submitted). */
  async submit(request: PicJobRequest, options: RequestOptions = {}): Promise<PicJob> {
    const body = buildPicJobRequestXml(request, this.#o.bucket, this.#o.region);
    return this.#o.runner.run(
      { method: 'POST', key: this.#path, headers: { 'Content-Type': 'application/xml' }, body, signal: options.signal },
      (response) => readXmlResponse(response, 'Response', (r) => {
        const detail = r.child('JobsDetail');
        if (!detail) throw r.fail('<Response> to a job submission has no <JobsDetail>');
        return mapJobsDetail(detail, this.#o.location);
      }),
    );
  }

  /** The job now. An id CI does not know (it lists it under NonExistJobIds) rejects with CosError `NoSuchJob`. */
  async describe(jobId: string, options: RequestOptions = {}): Promise<PicJob> {
    if (!/^[A-Za-z0-9_-]+$/.test(jobId)) {
      throw new CosError({ code: 'InvalidArgument', message: `"${jobId}" is not a job id`, source: 'client', retryable: false });
    }
    return this.#o.runner.run({ method: 'GET', key: `${this.#path}/${jobId}`, signal: options.signal }, (response) =>
      readXmlResponse(response, 'Response', (r) => {
        const detail = r.child('JobsDetail');
        if (detail) return mapJobsDetail(detail, this.#o.location);
        throw new CosError({
          code: 'NoSuchJob',
          message: `CI does not know picture job ${jobId}`,
          status: response.status,
          requestId: response.headers['x-ci-request-id'] || response.headers['x-cos-request-id'] || undefined,
          retryable: false,
        });
      }));
  }

  /**
   * Polls until the job is Success, Failed or Cancel and resolves with that description (a failed job
   * resolves too: read `state` and `code`). Rejects with CosError `JobTimeout` past the deadline, or with
   * the signal's reason when aborted.
   */
  async wait(jobId: string, options: PicJobWaitOptions = {}): Promise<PicJob> {
    const now = this.#o.now ?? Date.now;
    const sleep = this.#o.sleep ?? abortableSleep;
    const deadline = now() + (options.timeoutMs ?? 600_000);
    let interval = options.intervalMs ?? 500;
    for (;;) {
      throwIfAborted(options.signal);
      const job = await this.describe(jobId, { signal: options.signal });
      options.onUpdate?.(job);
      if (FINISHED.has(job.state)) return job;
      const left = deadline - now();
      if (left <= 0) {
        throw new CosError({ code: 'JobTimeout', message: `Picture job ${jobId} is still ${job.state} after the deadline`, source: 'client', retryable: false });
      }
      await sleep(Math.min(interval, left), options.signal);
      if (options.signal?.aborted) throw abortReason(options.signal);
      interval = Math.min(interval * 1.5, options.maxIntervalMs ?? 5000);
    }
  }

  /**
   * Runs every rule of a Pic-Operations header on a stored object as a job (fileids resolved against the
   * input key as COS resolves them on upload) and waits for all. Resolves with the `UploadResult` shape;
   * rejects with the first failed job's code and message (the original is never touched).
   */
  async processWithJobs(inputKey: string, picOperations: string, options: PicJobWaitOptions & { userData?: string } = {}): Promise<UploadResult> {
    const { value } = parsePicOperations(picOperations);
    if (value.rules.length === 0) {
      throw new CosError({ code: 'InvalidPicOperations', message: 'The Pic-Operations header has no rules to run as jobs', source: 'client', retryable: false });
    }
    const jobs = await Promise.all(value.rules.map((rule) => this.submit({
      inputKey,
      rule: rule.rule,
      outputKey: resolveFileId(inputKey, decodeFileId(rule.fileid)),
      outputBucket: rule.bucket,
      isPicInfo: value.isPicInfo,
      userData: options.userData,
    }, options)));
    const finished = await Promise.all(jobs.map((job) => this.wait(job.jobId, options)));
    const failed = finished.find((job) => job.state !== 'Success' || !job.result);
    if (failed) {
      throw new CosError({
        code: failed.code && failed.code !== 'Success' ? failed.code : 'JobFailed',
        message: failed.message || `Picture job ${failed.jobId} ended ${failed.state}`,
        source: 'cos',
        retryable: false,
      });
    }
    const original = finished[0].originalInfo;
    return {
      originalInfo: { key: inputKey, location: this.#o.location(inputKey), etag: original?.etag ?? '', imageInfo: original?.imageInfo },
      processResults: finished.map((job) => job.result!),
    };
  }
}
