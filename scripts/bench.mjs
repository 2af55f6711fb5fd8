#!/usr/bin/env node
// `npm run bench`: our uploader against cos-js-sdk-v5 and a raw pre-signed PUT, in headless Chromium against the
// emulator on loopback; bundle sizes beside the SDK's and Uppy's. Prints a Markdown table, writes JSON to
// bench/results/. The large file runs twice: on shared cores, then with the emulator on a core of its own (as COS is
// on other machines; bench/lib/pin.mjs). `--quick` shrinks every section (npm test's smoke run) and exits non-zero if anything breaks.
//   --quick          48 MiB / 20 small files / 100 files through the element / 1 run; JSON to the temp dir
//   --runs N         runs per throughput path (the best is reported, the median beside it); default 3, quick 1
//   --out FILE       where to write the JSON
//   --strict         also exit non-zero (2) when a target is not met
//   --keep           keep bench/.work/<run>/ (generated files, emulator data) for inspection
//   --wan-only       only the WAN section (build, then the WAN emulator runs); prints and writes that section
//   --many-only      only the "many files through the element" section (--many-scale F shrinks its file counts,
//                    --many-runs N sets the runs of ours and the SDK, default 3; --uppy-runs N Uppy's, default 1:
//                    it is several times slower, so one run settles its ratio and leaves time for ours and the SDK's);
//                    with --many-only it prints its table and writes no JSON
//   --emulator-dir D where the emulator stores objects (default under bench/.work/<run>/; e.g. /dev/shm to take
//                    the disk out of the measurement)
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { measureSizes, buildProject, buildEntry } from '../bench/lib/sizes.mjs';
import { writeRandomFile, writeSmallFiles, assertFreeDisk } from '../bench/lib/files.mjs';
import { startEmulator } from '../bench/lib/emulator.mjs';
import { startStaticServer } from '../bench/lib/static-server.mjs';
import { openBenchPage } from '../bench/lib/browser.mjs';
import { evaluateTargets, markdown } from '../bench/lib/report.mjs';
import { createSections } from '../bench/lib/sections.mjs';
import { missingNumbers } from '../bench/lib/checks.mjs';
import { pinBlocker, withServerOnOwnCore } from '../bench/lib/pin.mjs';
import { measureWan, wanMarkdown, wanPlan } from '../bench/lib/wan.mjs';
import { manyMarkdown, manyMissing, manyTargets } from '../bench/lib/many-report.mjs';
import { defaultPartSize, DEFAULT_CONCURRENCY } from '../src/core/upload/plan.ts';

const MiB = 2 ** 20;
const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    out: { type: 'string' },
    strict: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'emulator-dir': { type: 'string' },
    'wan-only': { type: 'boolean', default: false },
    'many-runs': { type: 'string' },
    'uppy-runs': { type: 'string' },
    'many-scale': { type: 'string' },
    'many-only': { type: 'boolean', default: false },
  },
});
const quick = flags.quick;
const plan = {
  quick,
  largeBytes: quick ? 48 * MiB : 1024 * MiB,
  smallCount: quick ? 20 : 500,
  smallBytes: 64 * 1024,
  runs: Number(flags.runs ?? (quick ? 1 : 3)),
  // Many files through the element (ours, the SDK headless, Uppy's Dashboard): 10,000 × 4 KiB and 2,000 × 64 KiB.
  many: quick ? [{ count: 100, bytes: 4 * 1024 }] : [{ count: 10_000, bytes: 4 * 1024 }, { count: 2_000, bytes: 64 * 1024 }],
  manyRuns: Number(flags['many-runs'] ?? (quick ? 1 : 3)),
  uppyRuns: Number(flags['uppy-runs'] ?? 1),
  latencyRuns: quick ? 2 : 7,
  // The upload manager's defaults for the large file (read from the core, run through tsx) and
  // cos-js-sdk-v5's (docs/protocol.md#how-the-official-browser-sdk-uploads).
  ourDefaults: { partSize: defaultPartSize(quick ? 48 * MiB : 1024 * MiB), concurrency: DEFAULT_CONCURRENCY },
  sdkDefaults: { partSize: 1 * MiB, concurrency: 3 },
};
// --many-scale 0.2 runs the many-files section at a fifth of its size (a busy machine); the JSON says which.
plan.manyScale = Number(flags['many-scale'] ?? 1);
plan.many = plan.many.map((set) => ({ ...set, count: Math.max(10, Math.round(set.count * plan.manyScale)) }));
if (!(plan.runs >= 1)) throw new Error(`--runs must be a positive number, got ${flags.runs}`);
const timeoutMs = quick ? 60_000 : 15 * 60_000;
const work = join(root, 'bench/.work', `${quick ? 'quick' : 'full'}-${process.pid}`);
const log = (message) => console.error(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${message}`);
const cleanups = [];

async function main() {
  const loadStart = loadavg()[0];
  mkdirSync(work, { recursive: true });
  cleanups.push(() => flags.keep || rmSync(work, { recursive: true, force: true }));
  // The test files here; in the emulator's data dir an uploaded copy or its parts (Complete keeps the part files,
  // it does not merge them), with room for two large copies while one path's upload is still being deleted.
  // The WAN section adds its own files and stored copies.
  const wan = wanPlan(quick, plan.runs);
  const wanBytes = wan.largeBytes + 2 * wan.runs * wan.smallCount * wan.smallBytes;
  const manyBytes = plan.many.reduce((n, set) => n + set.count * set.bytes, 0);
  const testBytes = plan.largeBytes + plan.smallCount * plan.smallBytes + manyBytes + wan.largeBytes + wan.smallCount * wan.smallBytes + 256 * MiB;
  const storedBytes = 2 * plan.largeBytes + 2 * plan.runs * plan.smallCount * plan.smallBytes + 3 * plan.manyRuns * manyBytes + wanBytes + 256 * MiB;
  if (flags['emulator-dir']) assertFreeDisk(flags['emulator-dir'], storedBytes);
  assertFreeDisk(work, testBytes + (flags['emulator-dir'] ? 0 : storedBytes));

  log('building cos-uploader.js (standalone) and the comparison bundles');
  const oursDir = join(work, 'ours');
  const wanOnly = flags['wan-only'];
  const standaloneChunks = await buildProject(root, 'standalone', oursDir);
  const sizes = wanOnly ? undefined : await measureSizes({ root, work, standaloneChunks });
  const uppyDir = join(work, 'uppy');
  await buildEntry(root, join(root, 'bench/sizes/uppy-page-entry.js'), uppyDir);

  if (!wanOnly) log(`writing test files: ${plan.largeBytes / MiB} MiB and ${plan.smallCount} × ${plan.smallBytes / 1024} KiB`);
  const largePath = wanOnly ? undefined : writeRandomFile(join(work, 'large.bin'), plan.largeBytes);
  const smallPaths = wanOnly ? undefined : writeSmallFiles(join(work, 'small'), plan.smallCount, plan.smallBytes);
  const manySets = (wanOnly ? [] : plan.many).map((set) => {
    const paths = writeSmallFiles(join(work, `many-${set.count}-${set.bytes}`), set.count, set.bytes);
    return { ...set, paths, names: paths.map((p) => p.slice(p.lastIndexOf('/') + 1)) };
  });

  log('starting the emulator, the page server and Chromium');
  const emulatorData = join(flags['emulator-dir'] ?? work, `cos-bench-emulator-${process.pid}`);
  cleanups.push(() => flags.keep || rmSync(emulatorData, { recursive: true, force: true }));
  const emulator = await startEmulator(root, emulatorData);
  cleanups.push(() => emulator.stop());
  const server = await startStaticServer(
    {
      '/page/': join(root, 'bench/page'),
      '/ours/': oursDir,
      '/sdk/': join(root, 'node_modules/cos-js-sdk-v5/dist'),
      '/uppy/': uppyDir,
      '/uppy-css/': join(root, 'node_modules/@uppy/dashboard/dist'),
    },
    { emulator: { url: emulator.url, bucket: emulator.bucket, region: emulator.region } },
  );
  cleanups.push(() => server.close());
  const browser = await openBenchPage(`${server.url}/`, emulator.pid);
  cleanups.push(() => browser.close());

  if (wanOnly) {
    const wanResult = await measureWan({ root, work, emulatorDir: flags['emulator-dir'] ?? work, browser, timeoutMs, log, quick, runs: plan.runs });
    return { version: 1, wanOnly: true, date: new Date().toISOString(), machine: { ...machine(browser.version), loadStart, loadEnd: loadavg()[0] }, wan: wanResult, failures: wanResult.failures };
  }
  const sections = createSections({ plan, browser, emulator, timeoutMs, log });
  if (flags['many-only']) {
    const many = await sections.measureMany(manySets, (set) => browser.chooseFiles('#many', set.paths));
    console.log(manyMarkdown(many, plan));
    const incomplete = [...sections.failures, ...manyMissing(many)];
    if (incomplete.length) throw new Error(incomplete.join('; '));
    return undefined;
  }
  const latency = await sections.measureLatency();
  await browser.chooseFiles('#large', largePath);
  const large = await sections.measureLarge();
  // The same paths again with the emulator on a core of its own, as COS is on other machines (bench/lib/pin.mjs).
  const blocker = pinBlocker();
  let largeOwnCore = { skipped: blocker };
  if (!blocker) {
    log('large file again, the emulator on a core of its own');
    const { value, layout } = await withServerOnOwnCore(emulator.pid, () => sections.measureLarge());
    largeOwnCore = { ...value, layout };
  } else log(`large file with the emulator on its own core: skipped (${blocker})`);
  await browser.chooseFiles('#small', smallPaths);
  const small = await sections.measureSmall();
  const many = await sections.measureMany(manySets, (set) => browser.chooseFiles('#many', set.paths));
  log('WAN section: a second emulator with latency and a shared bandwidth budget');
  const wanResult = await measureWan({ root, work, emulatorDir: flags['emulator-dir'] ?? work, browser, timeoutMs, log, quick, runs: plan.runs });

  const result = {
    version: 1,
    date: new Date().toISOString(),
    machine: { ...machine(browser.version), loadStart, loadEnd: loadavg()[0] },
    config: { quick, emulatorData, largeBytes: plan.largeBytes, smallCount: plan.smallCount, smallBytes: plan.smallBytes, runs: plan.runs, ourDefaults: plan.ourDefaults, sdkDefaults: plan.sdkDefaults, many: plan.many, manyRuns: plan.manyRuns, uppyRuns: plan.uppyRuns, manyScale: plan.manyScale },
    large,
    largeOwnCore,
    small,
    many,
    latency,
    wan: wanResult,
    sizes,
    failures: [...sections.failures, ...wanResult.failures],
  };
  result.targets = evaluateTargets({ large, largeOwnCore, small, sizes, ourDefaults: plan.ourDefaults });
  result.manyTargets = many.every((set) => set.ours && set.sdk && set.uppy) ? manyTargets(many) : [];
  return result;
}

function machine(chromium) {
  const os = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1] ?? `${osType()} ${release()}`;
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    os,
    node: process.version,
    chromium: `Chromium ${chromium}`,
  };
}

async function cleanUp() {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      log(`cleanup: ${error.message}`);
    }
  }
}

let exitCode = 0;
try {
  const result = await main();
  // --many-only prints its own table and returns nothing; the cleanup below still runs (no process.exit here).
  if (result) {
    const incomplete = [...result.failures, ...(result.wanOnly ? [] : [...missingNumbers(result), ...manyMissing(result.many)])];
    const stamp = result.date.replace(/[:.]/g, '-');
    const out = flags.out ?? (quick ? join(tmpdir(), 'cos-bench-quick.json') : join(root, 'bench/results', `${stamp}.json`));
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    if (!result.wanOnly) {
      console.log(markdown(result));
      console.log(`\n${manyMarkdown(result.many, plan)}`);
    }
    console.log(`\n${wanMarkdown(result.wan)}`);
    console.log(`\nJSON: ${out}`);
    const missed = [...(result.targets ?? []), ...(result.manyTargets ?? []), ...result.wan.targets].filter((t) => !t.met);
    if (incomplete.length) {
      console.error(`\nbenchmark INCOMPLETE:\n  ${incomplete.join('\n  ')}`);
      exitCode = 1;
    } else if (flags.strict && missed.length) {
      console.error(`--strict: ${missed.length} target(s) not met: ${missed.map((t) => t.id).join(', ')}`);
      exitCode = 2;
    }
  }
} catch (error) {
  console.error(`\nbenchmark FAILED: ${error.stack ?? error}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
