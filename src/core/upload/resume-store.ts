import type { ResumeRecord, ResumeStore } from '../types.js';

function copyRecord(record: ResumeRecord): ResumeRecord {
  return { ...record, parts: { ...record.parts } };
}

/** Keeps records for the life of the page (tests, Node, browsers without IndexedDB). */
export class MemoryResumeStore implements ResumeStore {
  readonly #records = new Map<string, ResumeRecord>();

  async get(fingerprint: string): Promise<ResumeRecord | undefined> {
    const record = this.#records.get(fingerprint);
    return record && copyRecord(record);
  }

  async put(record: ResumeRecord): Promise<void> {
    this.#records.set(record.fingerprint, copyRecord(record));
  }

  async delete(fingerprint: string): Promise<void> {
    this.#records.delete(fingerprint);
  }

  async list(): Promise<ResumeRecord[]> {
    return [...this.#records.values()].map(copyRecord);
  }

  /** Number of records held (for tests and debugging). */
  get size(): number {
    return this.#records.size;
  }
}

export interface IndexedDbResumeStoreOptions {
  /** Default 'cos-uploader'. */
  databaseName?: string;
  /** Default 'multipart-uploads'. Created with the database, so give each store name its own database. */
  storeName?: string;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('IndexedDB transaction aborted', 'AbortError'));
  });
}

/**
 * Records in IndexedDB, so an upload survives a page reload. The database is opened on first use,
 * never at construction or import, so this module loads anywhere.
 */
export class IndexedDbResumeStore implements ResumeStore {
  readonly databaseName: string;
  readonly storeName: string;
  #db?: Promise<IDBDatabase>;

  constructor(options: IndexedDbResumeStoreOptions = {}) {
    this.databaseName = options.databaseName ?? 'cos-uploader';
    this.storeName = options.storeName ?? 'multipart-uploads';
  }

  async get(fingerprint: string): Promise<ResumeRecord | undefined> {
    const tx = (await this.#open()).transaction(this.storeName, 'readonly');
    return (await requestResult(tx.objectStore(this.storeName).get(fingerprint))) as ResumeRecord | undefined;
  }

  async put(record: ResumeRecord): Promise<void> {
    const tx = (await this.#open()).transaction(this.storeName, 'readwrite');
    tx.objectStore(this.storeName).put(copyRecord(record));
    await transactionDone(tx);
  }

  async delete(fingerprint: string): Promise<void> {
    const tx = (await this.#open()).transaction(this.storeName, 'readwrite');
    tx.objectStore(this.storeName).delete(fingerprint);
    await transactionDone(tx);
  }

  async list(): Promise<ResumeRecord[]> {
    const tx = (await this.#open()).transaction(this.storeName, 'readonly');
    return (await requestResult(tx.objectStore(this.storeName).getAll())) as ResumeRecord[];
  }

  /** Closes the connection (it reopens on the next call). */
  async close(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    (await db?.catch(() => undefined))?.close();
  }

  #open(): Promise<IDBDatabase> {
    if (this.#db) return this.#db;
    const opening = new Promise<IDBDatabase>((resolve, reject) => {
      if (typeof indexedDB === 'undefined') throw new Error('IndexedDbResumeStore: IndexedDB is not available here');
      const request = indexedDB.open(this.databaseName, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(this.storeName)) {
          request.result.createObjectStore(this.storeName, { keyPath: 'fingerprint' });
        }
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading or deleting the database: let it, and reopen on the next call.
        db.onversionchange = () => {
          db.close();
          this.#db = undefined;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error(`IndexedDbResumeStore: opening "${this.databaseName}" is blocked by another tab`));
    });
    opening.catch(() => {
      if (this.#db === opening) this.#db = undefined;
    });
    this.#db = opening;
    return opening;
  }
}

/** IndexedDB where the environment has it, memory elsewhere. */
export function defaultResumeStore(): ResumeStore {
  return typeof indexedDB === 'undefined' ? new MemoryResumeStore() : new IndexedDbResumeStore();
}
