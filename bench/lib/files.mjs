// Test files generated on disk (never in page memory): random bytes, each 4 MiB block different.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const BLOCK = 4 * 1024 * 1024;

export function writeRandomFile(path, size) {
  const block = randomBytes(Math.min(BLOCK, Math.max(size, 1)));
  const fd = openSync(path, 'w');
  try {
    for (let offset = 0, n = 0; offset < size; offset += block.length, n += 1) {
      block.writeUInt32LE(n, 0);
      writeSync(fd, block, 0, Math.min(block.length, size - offset));
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

export function writeSmallFiles(dir, count, size) {
  mkdirSync(dir, { recursive: true });
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => writeRandomFile(join(dir, `small-${String(i + 1).padStart(width, '0')}.bin`), size));
}

/** Refuses to start when the disk cannot hold what the run writes (test files + uploaded objects + parts). */
export function assertFreeDisk(dir, neededBytes) {
  const { bavail, bsize } = statfsSync(dir);
  const free = bavail * bsize;
  if (free < neededBytes) {
    throw new Error(`not enough free disk under ${dir}: ${(free / 2 ** 30).toFixed(1)} GiB free, ${(neededBytes / 2 ** 30).toFixed(1)} GiB needed`);
  }
  return free;
}
