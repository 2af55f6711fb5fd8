import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { HashingFileWriter, type WrittenFile } from './body.js';
import {
  partSegments, readSegments, removeOrphanData, segmentStream, stageParts, type ByteRange, type ObjectPart,
} from './object-data.js';

/** What HEAD returns, stored as JSON beside the data file. */
export interface ObjectMeta {
  key: string;
  size: number;
  /** Quoted, as in the `ETag` header. */
  etag: string;
  crc64: string;
  lastModified: number;
  contentType: string;
  /** Stored standard headers (cache-control, content-disposition, content-encoding, expires) and x-cos-meta-*. */
  headers: Record<string, string>;
  /** File name of the data inside the object's directory; a new name per write makes replacement atomic. */
  dataFile: string;
  /** Set for a completed multipart object: `dataFile` is then a directory holding these part files, in order. */
  parts?: ObjectPart[];
}

export type NewObject = Omit<ObjectMeta, 'dataFile' | 'lastModified' | 'key' | 'size' | 'crc64' | 'etag' | 'parts'> & { etag?: string };

/** Points inside a commit where a test can park it to see what a crash there would leave on disk. */
export type CommitStep = 'staged' | 'committed';


/**
 * Objects on disk: `<root>/objects/<h[0..2]>/<h>.json` (metadata) and `<h>.<random>.data`, where h is
 * the SHA-256 of the key, so any key (`..`, `/`, NUL…) maps to a safe file name. A completed multipart
 * object is a directory `<h>.<random>.parts` of its part files instead, listed in order by the metadata.
 * A write puts the new data in place under a fresh name, then atomically replaces the metadata that points
 * at it (the commit point): readers see the old object or the new one, never a partial or mixed one.
 * Data no metadata points at is the leftover of an interrupted write and is removed on start.
 */
export class ObjectStore {
  readonly tmpDir: string;
  /** Test hook: awaited at each CommitStep, so a test can hold a commit there like a crash would. */
  commitHook?: (step: CommitStep) => Promise<void>;
  #objectsDir: string;
  #locks = new Map<string, Promise<unknown>>();
  /** Open readers per data path: replaced data is removed only once its last reader is done. */
  #readers = new Map<string, number>();
  #removeWhenUnread = new Set<string>();

  constructor(root: string) {
    this.tmpDir = join(root, 'tmp');
    this.#objectsDir = join(root, 'objects');
  }

  async init(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(this.#objectsDir, { recursive: true });
    await removeOrphanData(this.#objectsDir);
  }

  #paths(key: string): { dir: string; meta: string; hash: string } {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    const dir = join(this.#objectsDir, hash.slice(0, 2));
    return { dir, hash, meta: join(dir, `${hash}.json`) };
  }

  async head(key: string): Promise<ObjectMeta | undefined> {
    try {
      const meta = JSON.parse(await readFile(this.#paths(key).meta, 'utf8')) as ObjectMeta;
      return meta.key === key ? meta : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  dataPath(meta: ObjectMeta): string {
    return join(this.#paths(meta.key).dir, meta.dataFile);
  }

  /** Opens the data for reading (inclusive byte range); the data stays on disk until the stream closes. */
  async open(key: string, range?: ByteRange): Promise<{ meta: ObjectMeta; stream: Readable } | undefined> {
    const lease = await this.#lease(key);
    if (!lease) return undefined;
    const { meta, release } = lease;
    const path = this.dataPath(meta);
    const stream = meta.parts
      ? segmentStream(partSegments(path, meta.parts, range))
      : createReadStream(path, { ...range, highWaterMark: 1 << 20 });
    stream.once('close', release);
    if (meta.parts) return { meta, stream };
    try {
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
    } catch (err) {
      stream.destroy();
      throw err;
    }
    return { meta, stream };
  }

  async readBuffer(key: string): Promise<Buffer | undefined> {
    const lease = await this.#lease(key);
    if (!lease) return undefined;
    try {
      const path = this.dataPath(lease.meta);
      return lease.meta.parts ? await readSegments(partSegments(path, lease.meta.parts)) : await readFile(path);
    } finally {
      lease.release();
    }
  }

  /** Moves a finished temp file into place as `key` and returns the stored metadata. */
  async commit(key: string, file: WrittenFile, init: NewObject): Promise<ObjectMeta> {
    return this.#withLock(key, async () => {
      const { dir, hash } = this.#paths(key);
      await mkdir(dir, { recursive: true });
      const dataFile = `${hash}.${uniqueSuffix()}.data`;
      await rename(file.path, join(dir, dataFile));
      const meta = { key, size: file.size, etag: init.etag ?? `"${file.md5}"`, crc64: file.crc64, ...this.#stamp(init), dataFile };
      try {
        return await this.#publish(meta);
      } catch (err) {
        await rm(join(dir, dataFile), { force: true });
        throw err;
      }
    });
  }

  /**
   * Stores a completed multipart upload as `key` from its part files, in order, without copying them:
   * they are linked (or moved) into the object's parts directory before the metadata commits.
   */
  async commitParts(key: string, sources: { path: string; size: number }[], init: NewObject & { etag: string; crc64: string }): Promise<ObjectMeta> {
    return this.#withLock(key, async () => {
      const { dir, hash } = this.#paths(key);
      await mkdir(dir, { recursive: true });
      const dataFile = `${hash}.${uniqueSuffix()}.parts`;
      const staged = await stageParts(join(dir, dataFile), sources);
      const size = staged.parts.reduce((n, p) => n + p.size, 0);
      const meta = { key, size, etag: init.etag, crc64: init.crc64, ...this.#stamp(init), dataFile, parts: staged.parts };
      try {
        return await this.#publish(meta);
      } catch (err) {
        await staged.undo();
        throw err;
      }
    });
  }

  #stamp(init: NewObject): Pick<ObjectMeta, 'lastModified' | 'contentType' | 'headers'> {
    return { lastModified: Date.now(), contentType: init.contentType, headers: init.headers };
  }

  /** The commit point: the metadata is renamed over the old one, then the replaced data goes. Caller holds the lock. */
  async #publish(meta: ObjectMeta): Promise<ObjectMeta> {
    const { dir, meta: metaPath } = this.#paths(meta.key);
    const previous = await this.head(meta.key);
    const tmpMeta = join(this.tmpDir, `${meta.dataFile}.json`);
    await writeFile(tmpMeta, JSON.stringify(meta));
    try {
      await this.commitHook?.('staged');
      await rename(tmpMeta, metaPath);
    } catch (err) {
      await rm(tmpMeta, { force: true });
      throw err;
    }
    await this.commitHook?.('committed');
    if (previous && previous.dataFile !== meta.dataFile) await this.#discard(join(dir, previous.dataFile));
    return meta;
  }

  /** Stores a buffer (image processing outputs). */
  async putBuffer(key: string, data: Buffer, contentType: string): Promise<ObjectMeta> {
    const writer = new HashingFileWriter(this.tmpDir);
    try {
      await writer.write(data);
      const file = await writer.finish();
      return await this.commit(key, file, { contentType, headers: {} });
    } catch (err) {
      await writer.abort();
      throw err;
    }
  }

  async delete(key: string): Promise<boolean> {
    return this.#withLock(key, async () => {
      const previous = await this.head(key);
      if (!previous) return false;
      await rm(this.#paths(key).meta, { force: true });
      await this.#discard(this.dataPath(previous));
      return true;
    });
  }

  /** Every stored object's metadata (for listing); fine for the small data sets of tests and demos. */
  async list(): Promise<ObjectMeta[]> {
    const out: ObjectMeta[] = [];
    for (const shard of await readdir(this.#objectsDir).catch(() => [] as string[])) {
      for (const name of await readdir(join(this.#objectsDir, shard)).catch(() => [] as string[])) {
        if (!name.endsWith('.json')) continue;
        try {
          out.push(JSON.parse(await readFile(join(this.#objectsDir, shard, name), 'utf8')) as ObjectMeta);
        } catch {}
      }
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Reads the metadata and registers a reader of its data under the key's lock, so no commit can slip in between. */
  async #lease(key: string): Promise<{ meta: ObjectMeta; release(): void } | undefined> {
    return this.#withLock(key, async () => {
      const meta = await this.head(key);
      if (!meta) return undefined;
      const path = this.dataPath(meta);
      this.#readers.set(path, (this.#readers.get(path) ?? 0) + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (this.#readers.get(path) ?? 1) - 1;
        if (left > 0) {
          this.#readers.set(path, left);
          return;
        }
        this.#readers.delete(path);
        if (this.#removeWhenUnread.delete(path)) rm(path, { recursive: true, force: true }).catch(() => undefined);
      };
      return { meta, release };
    });
  }

  async #discard(path: string): Promise<void> {
    if (this.#readers.has(path)) this.#removeWhenUnread.add(path);
    else await rm(path, { recursive: true, force: true });
  }

  async #withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.#locks.set(key, settled);
    try {
      return await next;
    } finally {
      if (this.#locks.get(key) === settled) this.#locks.delete(key);
    }
  }
}

function uniqueSuffix(): string {
  return Date.now().toString(36) + randomBytes(6).toString('hex');
}
