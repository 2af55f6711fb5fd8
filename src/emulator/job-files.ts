import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRecord } from './image/job-xml.js';
import type { JobStore } from './image/jobs.js';

/**
 * Picture jobs on disk: `<bucket dir>/ci-jobs/<jobId>.json`, written to a temp name and renamed in,
 * so a crash leaves the previous state of a job or the new one, never half a file.
 */
export function fileJobStore(bucketDir: string): JobStore {
  const dir = join(bucketDir, 'ci-jobs');
  return {
    async load() {
      await mkdir(dir, { recursive: true });
      const records: JobRecord[] = [];
      for (const name of await readdir(dir)) {
        if (!/^c[0-9a-f]{32}\.json$/.test(name)) continue;
        try {
          records.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as JobRecord);
        } catch (err) {
          console.error(`[cos-emulator] skipping unreadable picture job ${name}: ${(err as Error).message}`);
        }
      }
      return records;
    },
    async save(job) {
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.${job.id}.${randomBytes(4).toString('hex')}.tmp`);
      await writeFile(tmp, JSON.stringify(job));
      await rename(tmp, join(dir, `${job.id}.json`));
    },
  };
}

/** Whether any job was ever saved under this bucket directory. */
export function hasSavedJobs(bucketDir: string): boolean {
  try {
    return readdirSync(join(bucketDir, 'ci-jobs')).some((name) => name.endsWith('.json'));
  } catch {
    return false;
  }
}
