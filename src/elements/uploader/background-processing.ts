import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SYNC_PROCESSING_LIMIT } from '../../core/ci/mode.js';
import type { PicJobs } from '../../core/ci/lazy-pic-jobs.js';
import type { UploadResult, UploadSnapshot } from '../../core/types.js';
import { CosProcessingCompleteEvent, CosProcessingErrorEvent, type ProcessingMode } from '../../events/processing-complete.js';


/** A file's background processing as its row shows it. */
export interface BackgroundJobView {
  status: 'processing' | 'done' | 'failed';
  result?: UploadResult;
  error?: { code: string; message: string; status: number; requestId?: string };
}

interface BackgroundJob extends BackgroundJobView {
  key: string;
  header: string;
  abort: AbortController;
}

/**
 * Runs an uploader's Pic-Operations as picture jobs after the upload when upload-time processing cannot
 * (the image is over 32 MB: docs/processing-jobs.md) or the page asked for `processing="async"`: the upload goes out without the
 * header, then one job per rule runs on the stored object. Failures leave the original alone and can be retried.
 */
export class BackgroundProcessing implements ReactiveController {
  #diverted = new WeakMap<Blob, string>();
  #jobs = new Map<string, BackgroundJob>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: { mode: () => 'upload' | 'async'; picJobs: () => PicJobs | undefined },
  ) {
    host.addController(this);
  }

  /** The header to send with the upload, or undefined when the rules will run as jobs once the file is stored. */
  divert(file: Blob, header: string | undefined): string | undefined {
    if (!header) return undefined;
    if (this.options.mode() !== 'async' && file.size <= SYNC_PROCESSING_LIMIT) return header;
    this.#diverted.set(file, header);
    return undefined;
  }

  /** A file is stored: starts its jobs when its rules were held back. Says which mode the rules run in. */
  uploaded(upload: UploadSnapshot): ProcessingMode {
    const header = this.#diverted.get(upload.file);
    if (!header) return upload.result?.uploadResult ? 'upload' : 'none';
    this.#start(upload.id, upload.key, header);
    return 'async';
  }

  view(id: string): BackgroundJobView | undefined {
    return this.#jobs.get(id);
  }

  /** Runs a failed file's jobs again (the stored original is the input; nothing is uploaded again). */
  retry(id: string): void {
    const job = this.#jobs.get(id);
    if (job?.status === 'failed') this.#start(id, job.key, job.header);
  }

  /** Forgets (and stops) background work of files no longer listed. */
  keepOnly(ids: readonly string[]): void {
    const keep = new Set(ids);
    for (const [id, job] of this.#jobs) {
      if (keep.has(id)) continue;
      job.abort.abort();
      this.#jobs.delete(id);
    }
  }

  hostDisconnected(): void {
    for (const job of this.#jobs.values()) job.abort.abort();
  }

  #start(id: string, key: string, header: string): void {
    this.#jobs.get(id)?.abort.abort();
    const job: BackgroundJob = { status: 'processing', key, header, abort: new AbortController() };
    this.#jobs.set(id, job);
    this.host.requestUpdate();
    void this.#run(id, job);
  }

  async #run(id: string, job: BackgroundJob): Promise<void> {
    const { signal } = job.abort;
    try {
      const picJobs = this.options.picJobs();
      if (!picJobs) throw Object.assign(new Error('No COS client to run picture jobs with (the upload manager was built outside the element).'), { code: 'NoClient' });
      job.result = await picJobs.processWithJobs(job.key, job.header, { signal, userData: id });
      if (signal.aborted) return;
      job.status = 'done';
      this.host.dispatchEvent(new CosProcessingCompleteEvent({ key: job.key, mode: 'async', uploadResult: job.result, uploadId: id }));
    } catch (err) {
      if (signal.aborted) return;
      const e = err as { code?: string; message?: string; status?: number; requestId?: string };
      job.status = 'failed';
      job.error = { code: e.code ?? 'ProcessingFailed', message: e.message ?? String(err), status: e.status ?? 0, requestId: e.requestId };
      this.host.dispatchEvent(new CosProcessingErrorEvent({ key: job.key, mode: 'async', error: job.error, uploadId: id }));
    }
    this.host.requestUpdate();
  }
}
