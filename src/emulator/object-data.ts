import { createReadStream } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/** One file of a completed multipart object's manifest; the object is these files in manifest order. */
export interface ObjectPart {
  /** File name inside the object's parts directory. */
  file: string;
  size: number;
}

/** Bytes `start..end` (inclusive) of one file. */
interface Segment {
  path: string;
  start: number;
  end: number;
}

export type ByteRange = { start: number; end: number };

/** Which files, and which bytes of each, hold `range` of a manifest object whose parts live in `dir`. */
export function partSegments(dir: string, parts: ObjectPart[], range?: ByteRange): Segment[] {
  const from = range?.start ?? 0;
  const to = range?.end ?? parts.reduce((n, p) => n + p.size, 0) - 1;
  const segments: Segment[] = [];
  let offset = 0;
  for (const part of parts) {
    if (offset > to) break;
    const last = offset + part.size - 1;
    if (part.size > 0 && last >= from) {
      segments.push({ path: join(dir, part.file), start: Math.max(from, offset) - offset, end: Math.min(to, last) - offset });
    }
    offset += part.size;
  }
  return segments;
}

async function* chunksOf(segments: Segment[]): AsyncGenerator<Buffer> {
  for (const s of segments) yield* createReadStream(s.path, { start: s.start, end: s.end, highWaterMark: 1 << 20 });
}

/** One byte stream over the segments, opening each file only when the previous one is done. */
export function segmentStream(segments: Segment[]): Readable {
  return Readable.from(chunksOf(segments), { objectMode: false, highWaterMark: 1 << 20 });
}

export async function readSegments(segments: Segment[]): Promise<Buffer> {
  const buffers: Buffer[] = [];
  for (const s of segments) buffers.push((await readFile(s.path)).subarray(s.start, s.end + 1));
  return Buffer.concat(buffers);
}

/** Errors meaning "this file system has no hard links": fall back to moving the part files. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV']);
const LINKS_AT_ONCE = 32;

/**
 * Puts the part files into a new directory under manifest names, without copying a byte: hard links, so the
 * multipart upload stays intact (and Complete retryable) until the object is committed; moves where the file
 * system has no hard links (then `undo` moves them back if the commit fails before its commit point).
 */
export async function stageParts(dir: string, sources: { path: string; size: number }[]): Promise<{ parts: ObjectPart[]; undo(): Promise<void> }> {
  await mkdir(dir);
  const parts = sources.map((s, i) => ({ file: `${String(i + 1).padStart(5, '0')}.part`, size: s.size }));
  let moved = false;
  const place = async (i: number) => {
    const target = join(dir, parts[i].file);
    if (!moved) {
      try {
        await link(sources[i].path, target);
        return;
      } catch (err) {
        if (!NO_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
        moved = true;
      }
    }
    await rename(sources[i].path, target);
  };
  const undo = async () => {
    if (moved) {
      for (const [i, part] of parts.entries()) await rename(join(dir, part.file), sources[i].path).catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < sources.length; i += LINKS_AT_ONCE) {
      await Promise.all(sources.slice(i, i + LINKS_AT_ONCE).map((_, j) => place(i + j)));
    }
  } catch (err) {
    await undo();
    throw err;
  }
  return { parts, undo };
}

/** `<sha256 of key>.<unique>.data` (a single file) or `.parts` (a manifest object's directory). */
const DATA_ENTRY = /^([0-9a-f]{64})\.[0-9a-z]+\.(data|parts)$/;

/**
 * Removes data entries that no object metadata points at: what a crash between staging and the commit
 * (or between the commit and removing the replaced data) leaves behind. Run on start, before any request.
 */
export async function removeOrphanData(objectsDir: string): Promise<void> {
  for (const shard of await readdir(objectsDir)) {
    const shardDir = join(objectsDir, shard);
    const names = await readdir(shardDir).catch(() => [] as string[]);
    const live = new Map<string, string>();
    const unreadable = new Set<string>();
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const hash = name.slice(0, -'.json'.length);
      try {
        live.set(hash, (JSON.parse(await readFile(join(shardDir, name), 'utf8')) as { dataFile: string }).dataFile);
      } catch {
        unreadable.add(hash);
      }
    }
    for (const name of names) {
      const m = DATA_ENTRY.exec(name);
      if (m && !unreadable.has(m[1]) && live.get(m[1]) !== name) await rm(join(shardDir, name), { recursive: true, force: true });
    }
  }
}
