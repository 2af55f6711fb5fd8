import type { UploadEvent, UploadManagerApi, UploadOutcome, UploadSnapshot, UploadStatus } from '../../../src/core/types.js';
import type { ManagerHooks } from '../../../src/elements/uploader/upload-controller.js';

type FileLike = Blob & { name?: string };

/**
 * An UploadManagerApi driven by the test: files are added like the real manager does (keyFor,
 * picOperationsFor, beforeStart veto), then the test moves them along with progress/succeed/fail.
 */
export class FakeManager implements UploadManagerApi {
  readonly calls: string[] = [];
  readonly picOperations = new Map<string, string | undefined>();
  #uploads: UploadSnapshot[] = [];
  #listeners = new Set<(uploads: readonly UploadSnapshot[]) => void>();
  #eventListeners = new Set<(event: UploadEvent) => void>();
  #nextId = 1;

  constructor(private readonly hooks: ManagerHooks = {}) {}

  add(files: readonly FileLike[]): UploadSnapshot[] {
    this.calls.push(`add:${files.length}`);
    const added = files.map((file) => {
      const key = this.hooks.keyFor?.(file) ?? file.name ?? 'blob';
      this.picOperations.set(key, this.hooks.picOperationsFor?.(file, key));
      const upload: UploadSnapshot = Object.freeze({
        id: `fake-${this.#nextId++}`, file, name: file.name ?? key, size: file.size, type: file.type, key,
        status: 'queued', loaded: 0, total: file.size, speed: 0, multipart: false, parts: [], resumedParts: 0,
      });
      this.#uploads.push(upload);
      this.#emit('added', upload);
      return upload;
    });
    for (const upload of added) {
      if (this.hooks.beforeStart?.(upload) === false) this.#set(upload.id, { status: 'cancelled' }, 'skipped');
      else this.#set(upload.id, { status: 'uploading' }, 'start');
    }
    this.#notify();
    return added.map((u) => this.get(u.id));
  }

  get(id: string): UploadSnapshot {
    const upload = this.#uploads.find((u) => u.id === id);
    if (!upload) throw new Error(`no upload ${id}`);
    return upload;
  }

  /** Test controls. */
  progress(id: string, loaded: number, extra: Partial<UploadSnapshot> = {}): void {
    this.#set(id, { loaded, ...extra }, 'progress');
  }
  succeed(id: string, outcome: Partial<UploadOutcome> = {}): void {
    const upload = this.get(id);
    const result = { key: upload.key, etag: '"etag-1"', location: `bucket/${upload.key}`, ...outcome };
    this.#set(id, { status: 'done', loaded: upload.total, result }, 'success');
    this.#maybeComplete();
  }
  fail(id: string, error: NonNullable<UploadSnapshot['error']>): void {
    this.#set(id, { status: 'failed', error }, 'error');
    this.#maybeComplete();
  }
  setStatus(id: string, status: UploadStatus): void {
    this.#set(id, { status });
  }

  pause(id: string): void {
    this.calls.push(`pause:${id}`);
    this.#set(id, { status: 'paused' }, 'paused');
  }
  resume(id: string): void {
    this.calls.push(`resume:${id}`);
    this.#set(id, { status: 'uploading' }, 'resumed');
  }
  async cancel(id: string): Promise<void> {
    this.calls.push(`cancel:${id}`);
    this.#set(id, { status: 'cancelled' }, 'cancelled');
  }
  retry(id: string): void {
    this.calls.push(`retry:${id}`);
    this.#set(id, { status: 'uploading', error: undefined }, 'start');
  }
  remove(id: string): void {
    this.calls.push(`remove:${id}`);
    this.#uploads = this.#uploads.filter((u) => u.id !== id);
    this.#notify();
  }
  pauseAll(): void {
    this.calls.push('pauseAll');
  }
  resumeAll(): void {
    this.calls.push('resumeAll');
  }
  async cancelAll(): Promise<void> {
    this.calls.push('cancelAll');
    for (const u of this.#uploads) if (u.status !== 'done') this.#set(u.id, { status: 'cancelled' }, 'cancelled');
  }
  snapshot(): readonly UploadSnapshot[] {
    return [...this.#uploads];
  }
  subscribe(listener: (uploads: readonly UploadSnapshot[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  on(listener: (event: UploadEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }
  async idle(): Promise<void> {}

  get listenerCount(): number {
    return this.#listeners.size + this.#eventListeners.size;
  }

  #set(id: string, change: Partial<UploadSnapshot>, event?: Exclude<UploadEvent['type'], 'complete' | 'warning'>): void {
    const next = Object.freeze({ ...this.get(id), ...change });
    this.#uploads = this.#uploads.map((u) => (u.id === id ? next : u));
    if (event) this.#emit(event, next);
    this.#notify();
  }
  #emit(type: Exclude<UploadEvent['type'], 'complete' | 'warning'>, upload: UploadSnapshot): void {
    for (const listener of this.#eventListeners) listener({ type, upload });
  }
  #notify(): void {
    for (const listener of this.#listeners) listener(this.snapshot());
  }
  #maybeComplete(): void {
    if (this.#uploads.some((u) => ['queued', 'uploading', 'completing'].includes(u.status))) return;
    for (const listener of this.#eventListeners) listener({ type: 'complete', uploads: this.snapshot() });
  }
}

/** A File with the given name, type and size (bytes are zeros). */
export function fileOf(name: string, type = 'image/png', size = 16): File {
  return new File([new Uint8Array(size)], name, { type, lastModified: 1700000000000 });
}

/**
 * Resolves once throttled updates have rendered: two frames, because a frame the element asked for
 * during the awaited work may come right after one requested before it.
 */
export async function nextRender(el: { updateComplete: Promise<boolean> }): Promise<void> {
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  await el.updateComplete;
}
