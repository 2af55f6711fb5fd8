import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cosError } from './errors.js';
import type { WrittenFile } from './body.js';

/** A multipart upload as Initiate recorded it: the metadata the final object will carry. */
export interface UploadInfo {
  uploadId: string;
  key: string;
  initiated: number;
  contentType: string;
  headers: Record<string, string>;
}

export interface StoredPart {
  partNumber: number;
  /** Lower-case hex MD5; the part ETag is this value quoted. */
  md5: string;
  crc64: string;
  size: number;
  lastModified: number;
  path: string;
}

/** `00001-<md5>-<crc64>.part`: one rename publishes the data together with its checksums. */
const PART_FILE = /^(\d{5})-([0-9a-f]{32})-(\d+)\.part$/;
const UPLOAD_ID = /^\d{10}[0-9a-f]{48}$/;

/**
 * Multipart uploads on disk, `<root>/uploads/<uploadId>/upload.json` plus one file per part.
 * Parts are written to temp files and renamed in, so an interrupted UploadPart leaves the previous
 * state intact; everything survives a restart. The index of open uploads is the only memory state.
 */
export class MultipartStore {
  #dir: string;
  #tmpDir: string;
  #uploads = new Map<string, UploadInfo>();

  constructor(root: string, tmpDir: string) {
    this.#dir = join(root, 'uploads');
    this.#tmpDir = tmpDir;
  }

  /** (Re)loads the index of open uploads from disk. */
  async load(): Promise<void> {
    this.#uploads.clear();
    await mkdir(this.#dir, { recursive: true });
    for (const id of await readdir(this.#dir)) {
      if (!UPLOAD_ID.test(id)) continue;
      try {
        const info = JSON.parse(await readFile(join(this.#dir, id, 'upload.json'), 'utf8')) as UploadInfo;
        this.#uploads.set(id, info);
      } catch {}
    }
  }

  async initiate(key: string, contentType: string, headers: Record<string, string>, nowMs: number): Promise<UploadInfo> {
    const uploadId = `${Math.floor(nowMs / 1000)}`.padStart(10, '0').slice(-10) + randomBytes(24).toString('hex');
    const info: UploadInfo = { uploadId, key, initiated: nowMs, contentType, headers };
    const dir = join(this.#dir, uploadId);
    await mkdir(dir, { recursive: true });
    const tmp = join(this.#tmpDir, `${uploadId}.upload.json`);
    await writeFile(tmp, JSON.stringify(info));
    await rename(tmp, join(dir, 'upload.json'));
    this.#uploads.set(uploadId, info);
    return info;
  }

  /** The upload, checked against the key in the URL; NoSuchUpload otherwise. */
  get(uploadId: string, key: string): UploadInfo {
    const info = this.#uploads.get(uploadId);
    if (!info || info.key !== key) throw cosError('NoSuchUpload');
    return info;
  }

  /** Open uploads sorted by key, then initiation time (ListMultipartUploads order). */
  list(): UploadInfo[] {
    return [...this.#uploads.values()].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated - b.initiated || (a.uploadId < b.uploadId ? -1 : 1));
  }

  /** Publishes a received part, replacing an earlier upload of the same number. */
  async putPart(info: UploadInfo, partNumber: number, file: WrittenFile): Promise<void> {
    const dir = join(this.#dir, info.uploadId);
    const prefix = String(partNumber).padStart(5, '0');
    const name = `${prefix}-${file.md5}-${file.crc64}.part`;
    try {
      await rename(file.path, join(dir, name));
    } catch (err) {
      await rm(file.path, { force: true });
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw cosError('NoSuchUpload');
      throw err;
    }
    for (const other of await readdir(dir)) {
      if (other !== name && other.startsWith(prefix + '-')) await rm(join(dir, other), { force: true });
    }
  }

  /** Uploaded parts in ascending order. */
  async parts(info: UploadInfo): Promise<StoredPart[]> {
    const dir = join(this.#dir, info.uploadId);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      throw cosError('NoSuchUpload');
    }
    const byNumber = new Map<number, StoredPart>();
    for (const name of names) {
      const m = PART_FILE.exec(name);
      if (!m) continue;
      const path = join(dir, name);
      const st = await stat(path).catch(() => undefined);
      if (!st) continue;
      const part = { partNumber: Number(m[1]), md5: m[2], crc64: m[3], size: st.size, lastModified: st.mtimeMs, path };
      const seen = byNumber.get(part.partNumber);
      if (!seen || seen.lastModified < part.lastModified) byNumber.set(part.partNumber, part);
    }
    return [...byNumber.values()].sort((a, b) => a.partNumber - b.partNumber);
  }

  /**
   * A Complete takes the upload for itself before committing: from then on an Abort or a second Complete
   * finds no such upload, so an abort can never "succeed" on an upload that ends up stored.
   */
  claim(info: UploadInfo): void {
    if (this.#uploads.get(info.uploadId) !== info) throw cosError('NoSuchUpload');
    this.#uploads.delete(info.uploadId);
  }

  /** Gives a claimed upload back after a Complete that failed before committing. */
  unclaim(info: UploadInfo): void {
    this.#uploads.set(info.uploadId, info);
  }

  /** Forgets the upload and deletes its files (on Abort; after Complete, the object keeps its own links to the chosen parts). */
  async remove(info: UploadInfo): Promise<void> {
    this.#uploads.delete(info.uploadId);
    const dir = join(this.#dir, info.uploadId);
    const trash = join(this.#tmpDir, `${info.uploadId}.removed`);
    try {
      await rename(dir, trash);
    } catch {
      return;
    }
    await rm(trash, { recursive: true, force: true });
  }
}
