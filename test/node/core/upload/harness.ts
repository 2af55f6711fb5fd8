import { MemoryResumeStore } from '../../../../src/core/upload/resume-store.js';
import { UploadManager, type UploadEngineOptions } from '../../../../src/core/upload/manager.js';
import type { UploadEvent, UploadSnapshot } from '../../../../src/core/types.js';
import { FakeObjectClient, MiB } from './fake-client.js';

export interface Harness {
  manager: UploadManager;
  client: FakeObjectClient;
  store: MemoryResumeStore;
  events: UploadEvent[];
  lists: (readonly UploadSnapshot[])[];
  eventTypes: (id?: string) => string[];
}

/** A manager over a fake client and a memory store, with 1 MiB parts above 1 MiB and no retry waits. */
export function createHarness(options: Partial<UploadEngineOptions> = {}, client = new FakeObjectClient(), store = new MemoryResumeStore()): Harness {
  const manager = new UploadManager({
    client,
    resumeStore: store,
    multipartThreshold: MiB,
    partSize: MiB,
    concurrency: 3,
    retryDelays: [0, 0, 0],
    ...options,
  });
  const events: UploadEvent[] = [];
  const lists: (readonly UploadSnapshot[])[] = [];
  manager.on((e) => events.push(e));
  manager.subscribe((l) => lists.push(l));
  const eventTypes = (id?: string) => events
    .filter((e) => id === undefined || (e.type !== 'complete' && e.upload.id === id))
    .map((e) => e.type)
    .filter((t, i, all) => t !== 'progress' || all[i - 1] !== 'progress');
  return { manager, client, store, events, lists, eventTypes };
}

/** Resolves once `predicate` holds for the manager's list (checked after every change). */
export function waitFor(manager: UploadManager, predicate: (uploads: readonly UploadSnapshot[]) => boolean, timeoutMs = 5000): Promise<readonly UploadSnapshot[]> {
  return new Promise((resolve, reject) => {
    if (predicate(manager.snapshot())) return resolve(manager.snapshot());
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`waitFor timed out; statuses: ${manager.snapshot().map((u) => u.status).join(',')}`));
    }, timeoutMs);
    const stop = manager.subscribe((uploads) => {
      if (!predicate(uploads)) return;
      clearTimeout(timer);
      stop();
      resolve(uploads);
    });
  });
}

export const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));
