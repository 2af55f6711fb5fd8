import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CosClient } from '../../core/client.js';
import { reprocessingMode, type ModeOptions } from '../../core/ci/mode.js';
import type { PicJobState } from '../../core/ci/types.js';
import { picOperationsForFile } from '../../core/rules/pic-header.js';
import type { UploadResult } from '../../core/types.js';
import type { ListedObject } from '../../core/xml/list-objects.js';
import { CosProcessingCompleteEvent, CosProcessingErrorEvent } from '../../events/processing-complete.js';

/** Where one listed object is in a reprocessing run. */
export interface ItemProgress {
  status: 'queued' | 'processing' | 'done' | 'failed';
  mode: 'cloud' | 'async';
  /** The slowest job's state while picture jobs run. */
  jobState?: PicJobState;
  result?: UploadResult;
  error?: { code: string; message: string; status: number; requestId?: string };
}

const IMAGE_KEY = /\.(jpe?g|png|gif|webp|bmp|tiff?|heic|heif|avif)$/i;
const JOB_ORDER: PicJobState[] = ['Submitted', 'Running', 'Success', 'Failed', 'Pause', 'Cancel'];

/**
 * The state behind `<cos-library>`: pages of GET Bucket under a prefix (images only), the selection, and
 * reprocessing runs that apply a Pic-Operations header to each selected object, synchronously or as jobs
 * (`reprocessingMode`), a few objects at a time, each with its own progress.
 */
export class LibraryController implements ReactiveController {
  objects: ListedObject[] = [];
  /** Objects under the prefix that are not images (not listed). */
  skipped = 0;
  loading = false;
  listError?: { code: string; message: string };
  nextMarker?: string;
  readonly selected = new Set<string>();
  /** Each image's latest run (earlier runs' outcomes stay until the image runs again). */
  readonly progress = new Map<string, ItemProgress>();
  /** Keys of the latest run, for its summary. */
  lastRun: string[] = [];
  #abort = new AbortController();
  #listing = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
  }

  get running(): boolean {
    return [...this.progress.values()].some((p) => p.status === 'queued' || p.status === 'processing');
  }

  /** Lists the first page again (`more` false) or the next page. */
  async list(client: CosClient, prefix: string, pageSize: number, more = false): Promise<void> {
    const ticket = ++this.#listing;
    if (!more) {
      this.objects = [];
      this.skipped = 0;
      this.nextMarker = undefined;
      this.selected.clear();
    }
    this.loading = true;
    this.listError = undefined;
    this.host.requestUpdate();
    try {
      const page = await client.listObjects(prefix, { marker: more ? this.nextMarker : undefined, maxKeys: pageSize, signal: this.#abort.signal });
      if (ticket !== this.#listing) return;
      const images = page.objects.filter((o) => IMAGE_KEY.test(o.key));
      this.objects = [...this.objects, ...images];
      this.skipped += page.objects.length - images.length;
      this.nextMarker = page.isTruncated ? page.nextMarker : undefined;
    } catch (err) {
      if (ticket !== this.#listing) return;
      const e = err as { code?: string; message?: string };
      this.listError = { code: e.code ?? 'ListFailed', message: e.message ?? String(err) };
    } finally {
      if (ticket === this.#listing) this.loading = false;
      this.host.requestUpdate();
    }
  }

  toggle(key: string, on: boolean): void {
    if (on) this.selected.add(key);
    else this.selected.delete(key);
    this.host.requestUpdate();
  }

  selectAll(on: boolean): void {
    this.selected.clear();
    if (on) for (const o of this.objects) this.selected.add(o.key);
    this.host.requestUpdate();
  }

  /** Applies the header to every selected object, `concurrency` at a time; resolves when all ended. */
  async reprocess(client: CosClient, picOperations: string, options: ModeOptions & { concurrency?: number; pollIntervalMs?: number } = {}): Promise<void> {
    const batch = this.objects.filter((o) => this.selected.has(o.key));
    this.lastRun = batch.map((o) => o.key);
    for (const o of batch) this.progress.set(o.key, { status: 'queued', mode: reprocessingMode(o.size, batch.length, options) });
    this.host.requestUpdate();
    const queue = [...batch];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await this.#one(client, next.key, picOperations, options.pollIntervalMs);
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 3, batch.length) }, worker));
  }

  async #one(client: CosClient, key: string, header: string, pollIntervalMs = 1000): Promise<void> {
    const item = this.progress.get(key)!;
    item.status = 'processing';
    this.host.requestUpdate();
    const signal = this.#abort.signal;
    const states = new Map<string, PicJobState>();
    try {
      // `{name}`, `{ext}`, `{filename}` in fileids name each object's outputs after it, as on upload.
      header = picOperationsForFile(header, { name: key.split('/').pop() ?? key });
      item.result = item.mode === 'cloud'
        ? await client.imageProcess(key, header, { signal })
        : await client.picJobs.processWithJobs(key, header, {
            signal,
            intervalMs: pollIntervalMs,
            onUpdate: (job) => {
              states.set(job.jobId, job.state);
              item.jobState = [...states.values()].sort((a, b) => JOB_ORDER.indexOf(a) - JOB_ORDER.indexOf(b))[0];
              this.host.requestUpdate();
            },
          });
      item.status = 'done';
      this.host.dispatchEvent(new CosProcessingCompleteEvent({ key, mode: item.mode, uploadResult: item.result }));
    } catch (err) {
      if (signal.aborted) return;
      const e = err as { code?: string; message?: string; status?: number; requestId?: string };
      item.status = 'failed';
      item.error = { code: e.code ?? 'ProcessingFailed', message: e.message ?? String(err), status: e.status ?? 0, requestId: e.requestId };
      this.host.dispatchEvent(new CosProcessingErrorEvent({ key, mode: item.mode, error: item.error }));
    }
    this.host.requestUpdate();
  }
}
