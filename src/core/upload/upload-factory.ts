import type { ObjectClient, ResumeStore, UploadManagerOptions } from '../types.js';
import { FileUpload, type FileUploadSettings, type UploadEventType, type UploadFile } from './file-upload.js';
import { MAX_SIMPLE_PUT_SIZE } from './plan.js';
import type { RequestQueue } from './queue.js';
import type { FingerprintClaims } from './resume-keeper.js';
import { MAX_KEY_BYTES } from '../limits.js';
import { CrcReadAhead } from '../integrity/crc-read-ahead.js';

/** Files above this go multipart unless the page sets `multipartThreshold`. */
export const DEFAULT_THRESHOLD = 8 * 1024 * 1024;
const utf8 = new TextEncoder();

/** Which upload holds which fingerprint: two uploads of one file in a page must not share a resume record. */
export class FingerprintClaimsMap implements FingerprintClaims {
  readonly #holders = new Map<string, string>();

  claim(fingerprint: string, id: string): boolean {
    const holder = this.#holders.get(fingerprint);
    if (holder !== undefined && holder !== id) return false;
    this.#holders.set(fingerprint, id);
    return true;
  }

  release(fingerprint: string, id: string): void {
    if (this.#holders.get(fingerprint) === id) this.#holders.delete(fingerprint);
  }

  has(fingerprint: string): boolean {
    return this.#holders.has(fingerprint);
  }
}

/** What the manager answers for every upload it makes. */
export interface UploadHooks {
  onChange(upload: FileUpload, event?: UploadEventType): void;
  /** False skips the file (the page vetoed its start). */
  mayStart(upload: FileUpload): boolean;
  /** An answer carried no readable CRC header, so this file could not be checked. */
  unchecked(upload: FileUpload): void;
}

export interface UploadFactoryOptions extends Pick<UploadManagerOptions, 'keyFor' | 'picOperationsFor' | 'headersFor' | 'multipartThreshold'
  | 'partSize' | 'strictCancel' | 'verifyIntegrity' | 'postObject' | 'wasmChecksum'> {
  client: ObjectClient;
  store: ResumeStore;
  retryDelays?: readonly number[];
  now?: () => number;
  /** Multipart uploads (over the threshold) and single-request ones. */
  queues: { large: RequestQueue; small: RequestQueue };
}

/**
 * Makes the manager's FileUploads: checks each file's key, picks its queue, headers and Pic-Operations. What every
 * upload shares (callbacks, claims, the POST switch) is made once: thousands of files do not each hold copies.
 */
export class UploadFactory {
  readonly claims = new FingerprintClaimsMap();
  readonly #options: UploadFactoryOptions;
  readonly #common: FileUploadSettings;
  /** Small files' CRCs, read many files at a time ahead of their turn; absent with checking off. */
  readonly #crcs?: CrcReadAhead;
  #nextId = 1;
  #turn: Promise<unknown> = Promise.resolve();

  constructor(options: UploadFactoryOptions, hooks: UploadHooks) {
    this.#options = options;
    const crcs = options.verifyIntegrity === false ? undefined : new CrcReadAhead();
    this.#crcs = crcs;
    this.#common = {
      client: options.client,
      store: options.store,
      claims: this.claims,
      multipartThreshold: options.multipartThreshold ?? DEFAULT_THRESHOLD,
      partSize: options.partSize,
      retryDelays: options.retryDelays ?? [1000, 3000, 5000],
      now: options.now ?? Date.now,
      strictCancel: options.strictCancel ?? false,
      onChange: (upload, event) => hooks.onChange(upload, event),
      beforeStart: (upload) => hooks.mayStart(upload),
      // The files' opening steps (fingerprint, resume lookup) run one after another, in add order.
      inTurn: (step) => {
        const result = this.#turn.then(step);
        this.#turn = result.catch(() => undefined);
        return result;
      },
      integrity: crcs && {
        unchecked: (upload) => hooks.unchecked(upload), localCrc64: (file) => crcs.take(file), wasmChecksum: options.wasmChecksum,
      },
      // POST Object for small files, until a refusal shows the keys do not allow it.
      postObject: { enabled: options.postObject !== false },
    };
  }

  /** The object key for the `index`th file of an add: throws when there is none or COS would refuse it. */
  keyFor(file: UploadFile, index: number): string {
    if (!(file instanceof Blob)) throw new TypeError(`UploadManager.add: item ${index} is not a Blob or File`);
    const key = this.#options.keyFor ? this.#options.keyFor(file) : file.name;
    if (typeof key !== 'string' || key === '') {
      throw new TypeError(`UploadManager.add: item ${index} has no object key (a Blob without a name needs options.keyFor)`);
    }
    const bytes = utf8.encode(key).length;
    if (bytes > MAX_KEY_BYTES) throw new RangeError(`UploadManager.add: key "${key.slice(0, 40)}…" is ${bytes} bytes; COS allows ${MAX_KEY_BYTES}`);
    return key;
  }

  create(file: UploadFile, key: string): FileUpload {
    const { headersFor, picOperationsFor, queues } = this.#options;
    const headers: Record<string, string> = file.type ? { 'Content-Type': file.type } : {};
    Object.assign(headers, headersFor?.(file, key));
    const upload = new FileUpload(`upload-${this.#nextId++}`, file, key, this.#common, {
      queue: file.size > Math.min(this.#common.multipartThreshold, MAX_SIMPLE_PUT_SIZE) ? queues.large : queues.small,
      picOperations: picOperationsFor?.(file, key),
      headers,
    });
    if (!upload.multipart) this.#crcs?.add(file, () => upload.status === 'queued' || upload.status === 'uploading');
    return upload;
  }
}
