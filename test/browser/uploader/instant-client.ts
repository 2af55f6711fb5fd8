import { fixture, html } from '@open-wc/testing';
import { UploadManager } from '../../../src/core/upload/manager.js';
import { MemoryResumeStore } from '../../../src/core/upload/resume-store.js';
import type { ObjectClient, PutObjectOptions } from '../../../src/core/types.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';

// Shared by the many-files suites: an element over the real manager whose client answers at once.

/** A client that answers every PUT at once (after one progress report); multipart is never used here. */
export class InstantClient implements ObjectClient {
  puts = 0;
  /** When set, PUTs never answer (the files stay queued or uploading). */
  hold = false;
  async putObject(key: string, body: Blob, options: PutObjectOptions = {}) {
    this.puts += 1;
    if (this.hold) await new Promise((_, reject) => options.signal?.addEventListener('abort', () => reject(options.signal!.reason)));
    options.onProgress?.(body.size, body.size);
    return { key, etag: `"${this.puts}"`, location: `instant/${key}` };
  }
  initiateMultipartUpload(): never { throw new Error('not used'); }
  uploadPart(): never { throw new Error('not used'); }
  listParts(): never { throw new Error('not used'); }
  completeMultipartUpload(): never { throw new Error('not used'); }
  abortMultipartUpload(): never { throw new Error('not used'); }
}

export function manyFiles(count: number, size = 8): File[] {
  const bytes = new Uint8Array(size);
  return Array.from({ length: count }, (_, i) => new File([bytes], `photo-${i}.txt`, { type: 'text/plain' }));
}

export async function uploaderWith(client: InstantClient) {
  const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
  const manager = new UploadManager({ client, resumeStore: new MemoryResumeStore(), concurrency: 6, ...el.managerHooks() });
  el.manager = manager;
  await el.updateComplete;
  return { el, manager };
}

