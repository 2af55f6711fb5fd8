/**
 * A client's picture jobs, imported on first use: most pages upload without background processing, so the job
 * API and its XML stay out of the upload path of the standalone bundle (docs/bundle-size.md). Same methods and
 * results as `PicJobsApi`; a failed import is tried again on the next call.
 */
import type { PicJobsApi, PicJobsOptions } from './pic-jobs.js';

/** What `CosClient.picJobs` offers: the methods of `PicJobsApi`. */
export type PicJobs = Pick<PicJobsApi, 'submit' | 'describe' | 'wait' | 'processWithJobs'>;

export function lazyPicJobs(options: PicJobsOptions): PicJobs {
  let loading: Promise<PicJobsApi> | undefined;
  const api = (): Promise<PicJobsApi> => {
    if (loading) return loading;
    const load = import('./pic-jobs.js').then((m) => new m.PicJobsApi(options));
    loading = load;
    load.catch(() => {
      if (loading === load) loading = undefined;
    });
    return load;
  };
  return {
    submit: async (...args) => (await api()).submit(...args),
    describe: async (...args) => (await api()).describe(...args),
    wait: async (...args) => (await api()).wait(...args),
    processWithJobs: async (...args) => (await api()).processWithJobs(...args),
  };
}
