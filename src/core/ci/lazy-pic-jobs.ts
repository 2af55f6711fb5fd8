/**
 * A client's picture jobs, imported on first use: most pages upload without background processing, so the job
 * API and its XML stay out of the upload path of the standalone bundle (docs/bundle-size.md). Same methods and
 * results as `PicJobsApi`; a failed import is tried again on the next call.
 */
import type { PicJobsApi, PicJobsOptions } from './pic-jobs.js';
import { lazyImport } from '../lazy-import.js';

/** What `CosClient.picJobs` offers: the methods of `PicJobsApi`. */
export type PicJobs = Pick<PicJobsApi, 'submit' | 'describe' | 'wait' | 'processWithJobs'>;

export function lazyPicJobs(options: PicJobsOptions): PicJobs {
  const api = lazyImport<PicJobsApi>('the picture-job calls', () => import('./pic-jobs.js').then((m) => new m.PicJobsApi(options)));
  return {
    submit: async (...args) => (await api()).submit(...args),
    describe: async (...args) => (await api()).describe(...args),
    wait: async (...args) => (await api()).wait(...args),
    processWithJobs: async (...args) => (await api()).processWithJobs(...args),
  };
}
