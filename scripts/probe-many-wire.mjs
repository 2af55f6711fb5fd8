#!/usr/bin/env node
// Wire path of many small files, ours vs cos-js-sdk-v5 uploadFiles (`node --import tsx scripts/probe-many-wire.mjs [count]`):
// requests per file by method (emulator log, preflights included), the concurrency actually reached in the page
// and the gap between one request ending and the next starting. A diagnostic for docs/many-files-throughput.md.
// `--heap DIR`: heap snapshots of the page (before the runs, and after each run with its list still shown) in DIR,
// and what grew per file, by kind of object.
/* global window */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSmallFiles } from '../bench/lib/files.mjs';
import { openProbePage } from '../bench/lib/probe-page.mjs';
import { printTopFunctions, startProfile } from '../bench/lib/cpu-profile.mjs';
import { grownPerFile, heapKinds, takeHeapSnapshot } from '../bench/lib/heap-snapshot.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const count = Number(process.argv[2] ?? 300);
const profile = process.argv.includes('--profile');
const trace = process.argv.includes('--trace');

/** Main-thread time per timeline event (layout, style, paint, script…), from a DevTools trace. */
async function traced(cdp, run) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const result = await run();
  await cdp.send('Tracing.end');
  await done;
  const main = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames?.[0]?.processId;
  // The renderer's main thread only (workers, the compositor and the crypto thread have their own).
  const mainThread = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (!main || e.pid === main))?.tid;
  const byName = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || (main && e.pid !== main) || (mainThread !== undefined && e.tid !== mainThread)) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
    byName.set(`#${e.name}`, (byName.get(`#${e.name}`) ?? 0) + 1);
  }
  const top = [...byName].filter(([n]) => !n.startsWith('#')).sort((a, b) => b[1] - a[1]).slice(0, 24);
  console.log('  main-thread timeline ms (count):', top.map(([n, ms]) => `${n} ${ms.toFixed(0)} (${byName.get(`#${n}`)})`).join(', '));
  return result;
}

const work = join(root, 'bench/.work', `probe-${process.pid}`);
mkdirSync(work, { recursive: true });
const cleanups = [() => rmSync(work, { recursive: true, force: true })];

/** Peak and mean number of requests in flight, and gaps between an end and the next start, from the page's probe. */
function shape(sends) {
  const cos = sends.filter((s) => s.end !== undefined && !s.url.includes('/sts'));
  const edges = cos.flatMap((s) => [[s.t, 1], [s.end, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let inFlight = 0, peak = 0, area = 0, last = edges[0]?.[0] ?? 0;
  for (const [t, d] of edges) {
    area += inFlight * (t - last);
    last = t;
    inFlight += d;
    peak = Math.max(peak, inFlight);
  }
  const span = (edges.at(-1)?.[0] ?? 0) - (edges[0]?.[0] ?? 0);
  const starts = cos.map((s) => s.t).sort((a, b) => a - b);
  const gaps = cos.map((s) => {
    const next = starts.find((t) => t >= s.end);
    return next === undefined ? undefined : next - s.end;
  }).filter((g) => g !== undefined).sort((a, b) => a - b);
  const durations = cos.map((s) => s.end - s.t).sort((a, b) => a - b);
  const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]?.toFixed(2);
  return { requests: cos.length, peak, mean: (area / span).toFixed(2), gapMedianMs: q(gaps, 0.5), gapP90Ms: q(gaps, 0.9), requestMedianMs: q(durations, 0.5), requestP90Ms: q(durations, 0.9) };
}

try {
  const paths = writeSmallFiles(join(work, 'files'), count, Number(process.env.PROBE_BYTES ?? 4096));
  const { emulator, browser } = await openProbePage(root, work, cleanups);
  await browser.chooseFiles('#many', paths);
  const heapDir = process.argv.includes('--heap') ? process.argv[process.argv.indexOf('--heap') + 1] : undefined;
  if (heapDir) mkdirSync(heapDir, { recursive: true });
  const baseline = heapDir && join(heapDir, 'before.heapsnapshot');
  if (baseline) await takeHeapSnapshot(browser.cdp, baseline);
  const variants = [
    ['ours', 'manyOurs', {}], ['sdk', 'manySdk', {}], ['ours c3', 'manyOurs', { attributes: { concurrency: '3' } }],
    ['ours hidden', 'manyOurs', { hidden: true }], ['ours', 'manyOurs', {}], ['sdk', 'manySdk', {}],
    ['ours c3', 'manyOurs', { attributes: { concurrency: '3' } }], ['ours hidden', 'manyOurs', { hidden: true }],
  ];
  const only = process.env.PROBE_VARIANTS?.split(',');
  // In the order asked for; the first run of a page also pays its warm-up (engine chunk, JIT), so repeat one first.
  const chosen = only ? only.map((name) => variants.find(([n]) => n === name)).filter(Boolean) : variants;
  for (const [name, fn, extra] of chosen) {
    await emulator.takeLog();
    const profiler = profile ? await startProfile(browser.cdp) : undefined;
    const preflights = { count: 0, ms: 0 };
    const started = new Map();
    const onSent = ({ requestId, type, timestamp }) => type === 'Preflight' && started.set(requestId, timestamp);
    const onDone = ({ requestId, timestamp }) => {
      if (!started.has(requestId)) return;
      preflights.count += 1;
      preflights.ms += (timestamp - started.get(requestId)) * 1000;
      started.delete(requestId);
    };
    await browser.cdp.send('Network.enable');
    browser.cdp.on('Network.requestWillBeSent', onSent);
    browser.cdp.on('Network.loadingFinished', onDone);
    // --screenshot DIR: the page 300 ms into the run and after it, to look at the rows while files move.
    const shotDir = process.argv[process.argv.indexOf('--screenshot') + 1];
    const shots = process.argv.includes('--screenshot') && fn === 'manyOurs'
      ? setTimeout(() => browser.screenshot(join(shotDir, `${name.replace(/ /g, '-')}-during.png`)).catch(() => undefined), 300)
      : undefined;
    const go = () => browser.call(fn, { prefix: `probe/${name.replace(/ /g, '-')}-${Date.now()}/`, ...extra }, { timeoutMs: 300_000, monitor: true });
    const result = trace ? await traced(browser.cdp, go) : await go();
    const sends = await browser.evaluate(() => window.wireProbe.sends);
    const log = (await emulator.takeLog()) ?? [];
    const byMethod = {};
    for (const entry of log) byMethod[entry.method] = (byMethod[entry.method] ?? 0) + 1;
    const byAction = {};
    for (const entry of log) byAction[`${entry.action} ${entry.status}`] = (byAction[`${entry.action} ${entry.status}`] ?? 0) + 1;
    console.log('  emulator log:', JSON.stringify(byAction));
    const perFile = Object.fromEntries(Object.entries(byMethod).map(([m, n]) => [m, (n / count).toFixed(2)]));
    clearTimeout(shots);
    if (shots) await browser.screenshot(join(shotDir, `${name.replace(/ /g, '-')}-after.png`));
    browser.cdp.off('Network.requestWillBeSent', onSent);
    browser.cdp.off('Network.loadingFinished', onDone);
    const preflight = { perFile: (preflights.count / count).toFixed(2), meanMs: (preflights.ms / Math.max(1, preflights.count)).toFixed(1) };
    const cpuMsPerFile = Object.fromEntries(Object.entries(result.memory?.cpuSeconds ?? {}).map(([kind, s]) => [kind, +((s * 1000) / count).toFixed(2)]));
    console.log(name, `${result.filesPerSecond.toFixed(0)} files/s`, JSON.stringify({ perFile, preflight, ...shape(sends) }));
    console.log('  CPU ms per file by process:', JSON.stringify(cpuMsPerFile));
    if (profiler) printTopFunctions(await profiler.stop(), { '/ours/': join(work, 'ours') });
    if (heapDir) {
      const after = join(heapDir, `${name.replace(/ /g, '-')}-${Date.now()}.heapsnapshot`);
      await takeHeapSnapshot(browser.cdp, after);
      console.log('  heap grown per file:', JSON.stringify(grownPerFile(heapKinds(baseline), heapKinds(after), count)));
    }
    await browser.call('clearMany', undefined, { timeoutMs: 10_000 });
  }
} finally {
  for (const cleanup of cleanups) await cleanup();
}
