#!/usr/bin/env node
// One large file, ours vs a raw pre-signed PUT (and optionally ours as built from another commit), interleaved:
// `node --import tsx scripts/probe-large.mjs [--mib 256] [--runs 3] [--baseline <commit>] [--profile]
//  [--emulator-dir /dev/shm] [--paths raw,ours,oursJsCrc,oursNoCrc,oursC2,base,sdkTuned] [--save-profile DIR] [--pin]`.
// --pin gives the emulator one core and Chromium (with this script) the other (`taskset`), as when the server is
// another machine: on 2 shared cores every CPU second the page spends is taken from the emulator.
// Prints per run the time, MB/s and CPU seconds per process kind, then medians; with --profile, one extra run of
// each of ours/base under the CDP profiler and where its main thread spent its time.
// A diagnostic for docs/integrity-and-wan.md#cost (the bench's large section, cut down for A/B work).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeRandomFile } from '../bench/lib/files.mjs';
import { openProbePage } from '../bench/lib/probe-page.mjs';
import { startStaticServer } from '../bench/lib/static-server.mjs';
import { openBenchPage } from '../bench/lib/browser.mjs';
import { buildProject } from '../bench/lib/sizes.mjs';
import { median } from '../bench/lib/report.mjs';
import { printTopFunctions, startProfile } from '../bench/lib/cpu-profile.mjs';
import { pinBlocker, setAffinity } from '../bench/lib/pin.mjs';
import { defaultPartSize, DEFAULT_CONCURRENCY } from '../src/core/upload/plan.ts';

const MiB = 2 ** 20;
const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    mib: { type: 'string', default: '256' },
    runs: { type: 'string', default: '3' },
    baseline: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'emulator-dir': { type: 'string' },
    paths: { type: 'string' },
    'save-profile': { type: 'string' },
    pin: { type: 'boolean', default: false },
  },
});
const pin = (pid, cpu) => setAffinity(pid, String(cpu));
// Before anything is spawned: Chromium and the emulator inherit core 0; the emulator is moved to core 1 below.
if (flags.pin) {
  // setAffinity skips what it cannot pin; asked for --pin, a machine that cannot pin is an error.
  const blocker = pinBlocker();
  if (blocker) throw new Error(`--pin: ${blocker}`);
  pin(process.pid, 0);
}
const bytes = Number(flags.mib) * MiB;
const runs = Number(flags.runs);
const work = join(flags['emulator-dir'] ?? join(root, 'bench/.work'), `large-${process.pid}`);
mkdirSync(work, { recursive: true });
const cleanups = [() => rmSync(work, { recursive: true, force: true })];
const log = (m) => console.error(`[probe-large] ${m}`);

/** Our standalone build as of `commit` (its sources exported beside this run, built with this tree's node_modules). */
async function buildBaseline(commit) {
  const src = join(work, 'base-src');
  mkdirSync(src, { recursive: true });
  execFileSync('sh', ['-c', `git -C "${root}" archive "${commit}" | tar -x -C "${src}"`]);
  symlinkSync(join(root, 'node_modules'), join(src, 'node_modules'));
  const out = join(work, 'base');
  await buildProject(src, 'standalone', out);
  return out;
}

try {
  const file = writeRandomFile(join(work, 'large.bin'), bytes);
  const { emulator, browser } = await openProbePage(root, work, cleanups);
  if (flags.pin) {
    pin(emulator.pid, 1);
    log(`pinned: this script and Chromium on CPU 0, the emulator (pid ${emulator.pid}) on CPU 1`);
  }
  const pages = { ours: browser };
  const bundles = { ours: join(work, 'ours') };
  if (flags.baseline) {
    log(`building ${flags.baseline}`);
    bundles.base = await buildBaseline(flags.baseline);
    const server = await startStaticServer(
      { '/page/': join(root, 'bench/page'), '/ours/': bundles.base, '/sdk/': join(root, 'node_modules/cos-js-sdk-v5/dist'), '/uppy/': join(work, 'none') },
      { emulator: { url: emulator.url, bucket: emulator.bucket, region: emulator.region } },
    );
    cleanups.unshift(() => server.close());
    pages.base = await openBenchPage(`${server.url}/`, emulator.pid);
    cleanups.unshift(() => pages.base.close());
  }
  for (const page of Object.values(pages)) await page.chooseFiles('#large', file);
  const tuned = { ChunkSize: defaultPartSize(bytes), ChunkParallelLimit: DEFAULT_CONCURRENCY };
  const calls = {
    raw: async (prefix) => [browser, 'runRawPut', { input: 'large', url: await emulator.presign('PUT', `${prefix}large.bin`) }],
    ours: async (prefix) => [browser, 'runOurs', { input: 'large', prefix }],
    oursNoCrc: async (prefix) => [browser, 'runOurs', { input: 'large', prefix, verifyIntegrity: false }],
    // The CRC in JS even where WebAssembly may run (docs/crc64-wasm.md): the A/B of the two engines in one build.
    oursJsCrc: async (prefix) => [browser, 'runOurs', { input: 'large', prefix, wasmChecksum: 'off' }],
    // Fewer parts in flight: does a CPU-bound link go faster with less parallelism?
    oursC2: async (prefix) => [browser, 'runOurs', { input: 'large', prefix, concurrency: 2 }],
    base: async (prefix) => [pages.base, 'runOurs', { input: 'large', prefix }],
    sdkTuned: async (prefix) => [browser, 'runSdk', { input: 'large', prefix, upload: tuned }],
  };
  const names = (flags.paths?.split(',') ?? ['raw', 'ours', ...(pages.base ? ['base'] : [])]).filter((n) => calls[n] && (n !== 'base' || pages.base));
  const results = Object.fromEntries(names.map((n) => [n, []]));
  const once = async (name, tag, profiled = false) => {
    const prefix = `probe/${name}-${tag}/`;
    const [page, fn, arg] = await calls[name](prefix);
    const profiler = profiled ? await startProfile(page.cdp) : undefined;
    const result = await page.call(fn, arg, { timeoutMs: 600_000, monitor: true });
    const profile = await profiler?.stop();
    await emulator.assertObjects([`${prefix}large.bin`], bytes);
    await emulator.deleteObject(`${prefix}large.bin`);
    return { ...result, profile };
  };
  const cpu = (r) => Object.entries(r.memory.cpuSeconds).filter(([, s]) => s >= 0.05).map(([k, s]) => `${k} ${s.toFixed(2)}`).join(', ');
  for (let run = 0; run < runs; run += 1) {
    // Rotate the order so no path always goes first.
    for (const name of [...names.slice(run % names.length), ...names.slice(0, run % names.length)]) {
      const r = await once(name, run);
      results[name].push(r);
      const engine = r.crc64Engine ? `  crc ${r.crc64Engine}` : '';
      console.log(`${name.padEnd(9)} run ${run + 1}: ${(r.ms / 1000).toFixed(2)} s  ${(bytes / 1e6 / (r.ms / 1000)).toFixed(1)} MB/s${engine}  cpu s: ${cpu(r)}`);
    }
  }
  console.log(`\nmedians over ${runs} runs, ${flags.mib} MiB (machine load average now ${(await import('node:os')).loadavg()[0].toFixed(2)}):`);
  for (const name of names) {
    const rs = results[name];
    const kinds = [...new Set(rs.flatMap((r) => Object.keys(r.memory.cpuSeconds)))];
    const cpuMedians = kinds.map((k) => [k, median(rs.map((r) => r.memory.cpuSeconds[k] ?? 0))]).filter(([, s]) => s >= 0.05);
    const ms = median(rs.map((r) => r.ms));
    console.log(`${name.padEnd(9)} ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s (best ${(bytes / 1e6 / (Math.min(...rs.map((r) => r.ms)) / 1000)).toFixed(1)})  cpu s: ${cpuMedians.map(([k, s]) => `${k} ${s.toFixed(2)}`).join(', ')}`);
  }
  if (flags.profile) {
    for (const name of names.filter((n) => n.startsWith('ours') || n === 'base')) {
      const r = await once(name, 'profiled', true);
      console.log(`\n${name} profiled run (${(r.ms / 1000).toFixed(2)} s), main-thread self time:`);
      printTopFunctions(r.profile, { '/ours/': bundles[name === 'base' ? 'base' : 'ours'] }, 30);
      // A .cpuprofile opens in DevTools' Performance panel.
      if (flags['save-profile']) writeFileSync(join(flags['save-profile'], `${name}.cpuprofile`), JSON.stringify(r.profile));
    }
  }
} finally {
  for (const cleanup of cleanups) await cleanup();
}
