import type { ObjectClient, PutObjectOptions, UploadOutcome } from '../types.js';
import { CosError } from '../http/errors.js';
import { sendVerified } from '../integrity/verify.js';
import type { Crc64EngineName, WasmChecksum } from '../integrity/crc64-engine.js';
import type { TransferRun } from './attempt.js';
import { RequestPriority } from './queue.js';

export interface SimpleTransferInit {
  file: Blob;
  key: string;
  client: ObjectClient;
  /** Content-Type and the page's extra headers. */
  headers: Record<string, string>;
  picOperations?: string;
  /** CRC-64 checking of the answer; absent: off. `localCrc64` hands over the file's CRC when read ahead. */
  integrity?: { unchecked(): void; localCrc64?(file: Blob): Promise<string> | undefined; wasmChecksum?: WasmChecksum };
  /** Shared by the manager's files: the first POST refused with 403 turns POST Object off for all. */
  postObject?: { enabled: boolean };
}

/** Headers POST Object takes as form fields; anything else goes by PUT. */
const POSTABLE_HEADER = /^(content-type|cache-control|content-disposition|content-encoding|expires|x-cos-meta-[\w.-]+|x-cos-storage-class|x-cos-acl)$/i;

/**
 * The single-request side of one upload: PUT Object with the Pic-Operations, or POST Object where it can
 * carry the request (docs/integrity-and-wan.md#post-object-for-small-files), the answer's CRC checked.
 */
export class SimpleTransfer {
  readonly #init: SimpleTransferInit;
  #loaded = 0;

  constructor(init: SimpleTransferInit) {
    this.#init = init;
  }

  /** Bytes of the file sent in the current attempt. */
  get loaded(): number {
    return this.#loaded;
  }

  /** An interrupted attempt's bytes no longer count. */
  resetLoaded(): void {
    this.#loaded = 0;
  }

  /** The header sent with the PUT: read when the request goes out, so an edit made while queued applies. */
  setPicOperations(header: string | undefined): void {
    this.#init.picOperations = header;
  }

  /** Resolves with the outcome, or undefined when the run was superseded (paused, cancelled). */
  async run(run: TransferRun): Promise<UploadOutcome | undefined> {
    const { client, integrity, file, key } = this.#init;
    const setLoaded = (loaded: number) => {
      this.#loaded = Math.min(loaded, file.size);
      run.progressed();
    };
    const options = {
      signal: run.signal,
      headers: this.#init.headers,
      onProgress: (loaded: number) => run.isCurrent() && setLoaded(loaded),
    };
    let viaPost = false;
    const putOnce = async (opts: typeof options & PutObjectOptions) => {
      // Read when the request goes out: a row edit may have replaced it while the file waited for a slot.
      opts.picOperations = this.#init.picOperations;
      viaPost = this.#canPost();
      if (viaPost) {
        try {
          return await client.postObject!(key, file, opts);
        } catch (err) {
          if (!(err instanceof CosError && err.status === 403) || !this.#init.postObject) throw err;
          // The keys' policy does not allow PostObject (a backend granting PutObject only): PUT from now on.
          this.#init.postObject.enabled = false;
          viaPost = false;
          if (run.isCurrent()) setLoaded(0);
        }
      }
      return client.putObject(key, file, opts);
    };
    const put = await run.send(
      RequestPriority.start,
      (onRetry) => {
        const sendOnce = () => putOnce({ ...options, onRetry });
        return integrity
          ? sendVerified({
            what: 'The file', body: file, signal: run.signal, send: sendOnce, localCrc64: integrity.localCrc64?.(file),
            hash: { wasmChecksum: integrity.wasmChecksum },
            onResend: () => run.isCurrent() && setLoaded(0),
            // COS documents no CRC header on POST answers: its absence there says nothing about CORS.
            onUnchecked: () => viaPost || integrity.unchecked(),
          })
          : sendOnce();
      },
      () => setLoaded(0),
    );
    if (!run.isCurrent()) return undefined;
    setLoaded(file.size);
    const { crc64, localCrc64, crc64Engine } = put as { crc64?: string; localCrc64?: string; crc64Engine?: Crc64EngineName };
    const checksum = crc64 !== undefined && localCrc64 && crc64Engine ? { crc64: localCrc64, engine: crc64Engine } : undefined;
    return { key: put.key || key, etag: put.etag, location: put.location, uploadResult: put.uploadResult, ...(checksum && { checksum }) };
  }

  /**
   * POST Object saves a small file one round trip (its URL never changes, so the browser's CORS preflight
   * is cached) but carries no Pic-Operations and only form-field headers.
   */
  #canPost(): boolean {
    const { client, picOperations, headers, postObject, key } = this.#init;
    return postObject?.enabled === true && !picOperations && !!client.postObject && client.canPostObject?.() === true &&
      Object.keys(headers).every((name) => POSTABLE_HEADER.test(name)) && !key.includes('${filename}');
  }
}
