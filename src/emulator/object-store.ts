import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HashingFileWriter, type WrittenFile } from './body.js';

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
}

export type NewObject = Omit<ObjectMeta, 'dataFile' | 'lastModified' | 'key' | 'size' | 'crc64' | 'etag'> & { etag?: string };

/**
 * Objects on disk: `<root>/objects/<h[0..2]>/<h>.json` (metadata) and `<h>.<random>.data`, where h is
 * the SHA-256 of the key, so any key (`..`, `/`, NUL…) maps to a safe file name.
 * A write renames a finished temp file into place, then atomically replaces the metadata that points at it:
 * readers see the old object or the new one, never a partial one.
 */
export class ObjectStore {
  readonly tmpDir: string;
  #objectsDir: string;
  #locks = new Map<string, Promise<unknown>>();

  constructor(root: string) {
    this.tmpDir = join(root, 'tmp');
    this.#objectsDir = join(root, 'objects');
  }

  async init(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(this.#objectsDir, { recursive: true });
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

  /** Opens the data for reading (inclusive byte range), re-reading metadata once if a writer replaced it meanwhile. */
  async open(key: string, range?: { start: number; end: number }): Promise<{ meta: ObjectMeta; stream: ReadStream } | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const meta = await this.head(key);
      if (!meta) return undefined;
      const stream = createReadStream(this.dataPath(meta), { ...range, highWaterMark: 1 << 20 });
      try {
        await new Promise<void>((resolve, reject) => {
          stream.once('open', () => resolve());
          stream.once('error', reject);
        });
        return { meta, stream };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    return undefined;
  }

  async readBuffer(key: string): Promise<Buffer | undefined> {
    const meta = await this.head(key);
    if (!meta) return undefined;
    return readFile(this.dataPath(meta));
  }

  /** Moves a finished temp file into place as `key` and returns the stored metadata. */
  async commit(key: string, file: WrittenFile, init: NewObject): Promise<ObjectMeta> {
    return this.#withLock(key, async () => {
      const { dir, hash, meta: metaPath } = this.#paths(key);
      await mkdir(dir, { recursive: true });
      const dataFile = `${hash}.${Date.now().toString(36)}${randomBytes(6).toString('hex')}.data`;
      await rename(file.path, join(dir, dataFile));
      const meta: ObjectMeta = {
        key,
        size: file.size,
        etag: init.etag ?? `"${file.md5}"`,
        crc64: file.crc64,
        lastModified: Date.now(),
        contentType: init.contentType,
        headers: init.headers,
        dataFile,
      };
      const previous = await this.head(key);
      const tmpMeta = join(this.tmpDir, `${dataFile}.json`);
      await writeFile(tmpMeta, JSON.stringify(meta));
      await rename(tmpMeta, metaPath);
      if (previous && previous.dataFile !== dataFile) await rm(join(dir, previous.dataFile), { force: true });
      return meta;
    });
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
      const { dir, meta } = this.#paths(key);
      await rm(meta, { force: true });
      await rm(join(dir, previous.dataFile), { force: true });
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
