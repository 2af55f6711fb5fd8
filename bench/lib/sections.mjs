// The measured sections: latency, the large file, many small files. Each path runs `plan.runs` times; a failure is
// recorded without stopping the other paths, and fails the whole run at the end.
import { summarizeRuns, median } from './report.mjs';

export function createSections({ plan, browser, emulator, timeoutMs, log }) {
  const failures = [];

  /** Runs one measurement; a failure is recorded (and fails the run at the end) without stopping the others. */
  async function attempt(label, action) {
    try {
      return await action();
    } catch (error) {
      failures.push(`${label}: ${error.message}`);
      log(`FAILED ${label}: ${error.message}`);
      return undefined;
    }
  }

  const failed = (label) => ({ failed: failures.find((f) => f.startsWith(label)) ?? `${label}: no run completed` });

  /**
   * Cold: each client on a freshly loaded page (a reload per sample, rotating which goes first), the first upload
   * there, about 200 ms after the load. Both clients are on the page from its load: the SDK's script, and for ours
   * the page's uploader (`?uploader`). Ours is also measured with the element created just before the drop
   * (`late`: its code starts loading two frames before the drop). Warm: later uploads on the same page.
   */
  async function measureLatency() {
    const cold = { ours: [], sdk: [], late: [] };
    const warm = { ours: [], sdk: [] };
    const once = {
      ours: (name) => attempt('latency ours', () => browser.call('dropLatency', { prefix: 'bench/latency/', name }, { timeoutMs })),
      sdk: (name) => attempt('latency sdk', () => browser.call('sdkLatency', { prefix: 'bench/latency/', name }, { timeoutMs })),
    };
    once.late = (name) => attempt('latency ours late', () => browser.call('dropLatency', { prefix: 'bench/latency/', name }, { timeoutMs }));
    const orders = [['ours', 'sdk', 'late'], ['sdk', 'late', 'ours'], ['late', 'ours', 'sdk']];
    for (let i = 0; i < plan.latencyRuns; i += 1) {
      log(`latency ${i + 1}/${plan.latencyRuns}`);
      for (const name of orders[i % orders.length]) {
        await browser.reload(name === 'ours' ? '?uploader' : '');
        const sample = await once[name](`${name}-cold-${i}.bin`);
        if (sample) cold[name].push(sample);
      }
    }
    for (let i = 0; i < plan.latencyRuns; i += 1) {
      for (const name of ['ours', 'sdk']) {
        const sample = await once[name](`${name}-warm-${i}.bin`);
        if (sample) warm[name].push(sample);
      }
    }
    const summary = (name) =>
      warm[name].length && cold[name].length
        ? {
            runs: warm[name].length,
            coldRuns: cold[name].length,
            first: warm[name][0].first,
            firstMs: median(warm[name].map((r) => r.firstMs)),
            coldFirstMs: median(cold[name].map((r) => r.firstMs)),
            firstCos: warm[name][0].firstCos,
            firstCosMs: median(warm[name].map((r) => r.firstCosMs)),
            coldFirstCosMs: median(cold[name].map((r) => r.firstCosMs)),
            ...(name === 'ours' && cold.late.length
              ? { coldLateRuns: cold.late.length, coldLateFirstMs: median(cold.late.map((r) => r.firstMs)), coldLateFirstCosMs: median(cold.late.map((r) => r.firstCosMs)) }
              : {}),
            samples: { cold: cold[name], warm: warm[name], ...(name === 'ours' ? { coldLate: cold.late } : {}) },
          }
        : failed(`latency ${name}`);
    return { ours: summary('ours'), sdk: summary('sdk') };
  }

  const largePaths = {
    raw: async (prefix) => ['runRawPut', { input: 'large', url: await emulator.presign('PUT', `${prefix}large.bin`) }],
    ours: async (prefix) => ['runOurs', { input: 'large', prefix }],
    sdkDefaults: async (prefix) => ['runSdk', { input: 'large', prefix }],
    sdkTuned: async (prefix) => [
      'runSdk',
      { input: 'large', prefix, upload: { ChunkSize: plan.ourDefaults.partSize, ChunkParallelLimit: plan.ourDefaults.concurrency } },
    ],
  };

  async function measureLarge() {
    const names = Object.keys(largePaths);
    const runs = Object.fromEntries(names.map((n) => [n, []]));
    const broken = new Set();
    for (let run = 0; run < plan.runs; run += 1) {
      // Rotate the order so no path always goes first (cold disk cache) or last.
      for (const name of [...names.slice(run % names.length), ...names.slice(0, run % names.length)]) {
        if (broken.has(name)) continue;
        const prefix = `bench/large-${name}-${run}/`;
        const key = `${prefix}large.bin`;
        const result = await attempt(`large ${name}`, async () => {
          const [fn, arg] = await largePaths[name](prefix);
          await emulator.takeLog();
          const measured = await browser.call(fn, arg, { timeoutMs, monitor: true });
          measured.requests = countRequests(await emulator.takeLog());
          await emulator.assertObjects([key], plan.largeBytes);
          await emulator.deleteObject(key);
          return measured;
        });
        if (!result) {
          broken.add(name);
          continue;
        }
        log(`large ${name} run ${run + 1}: ${(result.ms / 1000).toFixed(2)} s, ${(plan.largeBytes / 1e6 / (result.ms / 1000)).toFixed(1)} MB/s`);
        runs[name].push(result);
      }
    }
    return Object.fromEntries(names.map((n) => [n, runs[n].length ? summarizeRuns(runs[n]) : failed(`large ${n}`)]));
  }

  async function measureSmall() {
    const runs = { ours: [], sdk: [] };
    const broken = new Set();
    for (let run = 0; run < plan.runs; run += 1) {
      for (const name of run % 2 ? ['sdk', 'ours'] : ['ours', 'sdk']) {
        if (broken.has(name)) continue;
        const prefix = `bench/small-${name}-${run}/`;
        const result = await attempt(`small ${name}`, async () => {
          await emulator.takeLog();
          const measured = await browser.call(name === 'ours' ? 'runOurs' : 'runSdk', { input: 'small', prefix }, { timeoutMs, monitor: true });
          measured.requests = countRequests(await emulator.takeLog());
          await emulator.assertObjects(measured.keys, plan.smallBytes);
          delete measured.keys;
          return measured;
        });
        if (!result) {
          broken.add(name);
          continue;
        }
        log(`small ${name} run ${run + 1}: ${(result.ms / 1000).toFixed(2)} s, ${(result.files / (result.ms / 1000)).toFixed(0)} files/s`);
        runs[name].push(result);
      }
    }
    return Object.fromEntries(['ours', 'sdk'].map((n) => [n, runs[n].length ? summarizeRuns(runs[n]) : failed(`small ${n}`)]));
  }

  /**
   * Many files through the element (docs/many-files.md): for each set of files (chosen into the page's #many input
   * beforehand by `choose`), ours (<cos-uploader>), the SDK's uploadFiles (headless) and Uppy's Dashboard, in a
   * rotating order. Each run checks the emulator stored every file, then reads the JS heap after a forced GC.
   */
  async function measureMany(sets, choose) {
    const out = [];
    for (const set of sets) {
      await choose(set);
      const label = `${set.count} × ${set.bytes / 1024} KiB`;
      const paths = { ours: 'manyOurs', sdk: 'manySdk', uppy: 'manyUppy' };
      const runs = Object.fromEntries(Object.keys(paths).map((n) => [n, []]));
      const names = Object.keys(paths);
      for (let run = 0; run < plan.manyRuns; run += 1) {
        for (const name of [...names.slice(run % names.length), ...names.slice(0, run % names.length)]) {
          if (name === 'uppy' && run >= plan.uppyRuns) continue;
          const prefix = `bench/many-${set.count}-${name}-${run}/`;
          const result = await attempt(`many ${label} ${name}`, async () => {
            const arg = { prefix };
            if (name === 'uppy') arg.urls = await presignAll(set.names.map((n) => prefix + n));
            await emulator.takeLog();
            const measured = await browser.call(paths[name], arg, { timeoutMs });
            measured.heapAfterBytes = await browser.heapAfterGc();
            await browser.call('clearMany', undefined, { timeoutMs });
            measured.requests = countRequests(await emulator.takeLog());
            // Small files go by PUT Object, or by POST Object where the uploader can use it (docs/integrity-and-wan.md).
            const stored = (measured.requests?.['PUT PutObject'] ?? 0) + (measured.requests?.['POST PostObject'] ?? 0);
            if (stored < set.count) throw new Error(`the emulator logged ${stored} PutObject/PostObject for ${set.count} files (${JSON.stringify(measured.requests)}; e.g. ${measured.sample})`);
            await emulator.assertObjects(set.names.slice(0, 20).map((n) => prefix + n), set.bytes);
            return measured;
          });
          if (!result) continue;
          log(`many ${label} ${name} run ${run + 1}: ${result.filesPerSecond.toFixed(0)} files/s, long tasks ${(result.longTasks.share * 100).toFixed(0)} % ` +
            `(max ${result.longTasks.maxMs.toFixed(0)} ms), first request ${result.firstCosRequestMs?.toFixed(0)} ms, heap ${(result.heapAfterBytes / 2 ** 20).toFixed(1)} MiB`);
          runs[name].push(result);
        }
      }
      const best = (list) => list.reduce((a, b) => (b.filesPerSecond > a.filesPerSecond ? b : a));
      out.push({
        count: set.count,
        bytes: set.bytes,
        ...Object.fromEntries(names.map((n) => [n, runs[n].length ? { ...best(runs[n]), runs: runs[n].length, medianFilesPerSecond: median(runs[n].map((r) => r.filesPerSecond)) } : failed(`many ${label} ${n}`)])),
      });
    }
    return out;
  }

  /** Pre-signed PUT URLs for Uppy, made in Node (a backend's job), outside the timed span. */
  async function presignAll(keys) {
    const urls = {};
    for (let i = 0; i < keys.length; i += 200) {
      const batch = keys.slice(i, i + 200);
      const signed = await Promise.all(batch.map((key) => emulator.presign('PUT', key)));
      batch.forEach((key, j) => (urls[key] = signed[j]));
    }
    return urls;
  }

  /** Requests per kind from the emulator's log, e.g. {'GET Sts': 1, 'PUT UploadPart': 128}; preflights are not logged. */
  function countRequests(entries) {
    if (!Array.isArray(entries)) return undefined;
    const counts = {};
    for (const e of entries) {
      const kind = `${e.method} ${e.action}`;
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    return counts;
  }

  return { failures, measureLatency, measureLarge, measureSmall, measureMany };
}
