// The WAN section of `npm run bench` (docs/integrity-and-wan.md): a second emulator with `latencyMs` added to
// every answer (CORS preflights and STS included) and one shared `bandwidth` token bucket for request bodies.
// A large file through ours, cos-js-sdk-v5 defaults and a raw pre-signed PUT; many small files through ours and
// the SDK. Kept apart from the loopback sections so each section's changes stay small.
import { join } from 'node:path';
import { startEmulator } from './emulator.mjs';
import { writeRandomFile, writeSmallFiles } from './files.mjs';
import { median } from './report.mjs';

const MiB = 2 ** 20;

export function wanPlan(quick, runs) {
  return {
    latencyMs: 40,
    bandwidth: 12_500_000, // 100 Mbit/s
    largeBytes: quick ? 16 * MiB : 256 * MiB,
    smallCount: quick ? 20 : 200,
    smallBytes: 64 * 1024,
    runs: quick ? 1 : Math.min(runs, 2),
  };
}

/** Runs the section; failures are recorded in `failures` (the caller fails the run), never thrown. */
export async function measureWan({ root, work, emulatorDir, browser, timeoutMs, log, quick, runs }) {
  const plan = wanPlan(quick, runs);
  const failures = [];
  const largePath = writeRandomFile(join(work, 'wan-large.bin'), plan.largeBytes);
  const smallPaths = writeSmallFiles(join(work, 'wan-small'), plan.smallCount, plan.smallBytes);
  const emulator = await startEmulator(root, join(emulatorDir, `cos-bench-wan-${process.pid}`), { latencyMs: plan.latencyMs, bandwidth: plan.bandwidth });
  const emu = { url: emulator.url, bucket: emulator.bucket, region: emulator.region };
  const call = (fn, arg) => browser.callIn('benchWan', fn, { emu, ...arg }, { timeoutMs });
  const record = async (label, action) => {
    try {
      return await action();
    } catch (error) {
      failures.push(`wan ${label}: ${error.message}`);
      log(`FAILED wan ${label}: ${error.message}`);
      return undefined;
    }
  };
  try {
    await browser.chooseFiles('#wan-large', largePath);
    await browser.chooseFiles('#wan-small', smallPaths);
    const large = { raw: [], ours: [], sdk: [] };
    const small = { ours: [], sdk: [] };
    for (let run = 0; run < plan.runs; run += 1) {
      const names = ['raw', 'ours', 'sdk'];
      for (const name of [...names.slice(run % 3), ...names.slice(0, run % 3)]) {
        const prefix = `bench/wan-large-${name}-${run}/`;
        const result = await record(`large ${name}`, async () => {
          const fn = name === 'raw' ? 'runRawPut' : name === 'ours' ? 'runOurs' : 'runSdk';
          const arg = name === 'raw' ? { input: 'wan-large', url: await emulator.presign('PUT', `${prefix}wan-large.bin`) } : { input: 'wan-large', prefix };
          const measured = await call(fn, arg);
          await emulator.assertObjects([`${prefix}wan-large.bin`], plan.largeBytes);
          await emulator.deleteObject(`${prefix}wan-large.bin`);
          return measured;
        });
        if (!result) continue;
        log(`wan large ${name} run ${run + 1}: ${(result.ms / 1000).toFixed(2)} s, ${(plan.largeBytes / 1e6 / (result.ms / 1000)).toFixed(1)} MB/s`);
        large[name].push(result);
      }
      for (const name of run % 2 ? ['sdk', 'ours'] : ['ours', 'sdk']) {
        const prefix = `bench/wan-small-${name}-${run}/`;
        const result = await record(`small ${name}`, async () => {
          const measured = await call(name === 'ours' ? 'runOurs' : 'runSdk', { input: 'wan-small', prefix });
          await emulator.assertObjects(measured.keys, plan.smallBytes);
          delete measured.keys;
          return measured;
        });
        if (!result) continue;
        log(`wan small ${name} run ${run + 1}: ${(result.ms / 1000).toFixed(2)} s, ${(result.files / (result.ms / 1000)).toFixed(0)} files/s`);
        small[name].push(result);
      }
    }
    const summary = (list) => (list.length ? { runs: list.length, ms: Math.min(...list.map((r) => r.ms)), medianMs: median(list.map((r) => r.ms)), requests: list[0].requests, sends: list[0].sends } : undefined);
    const result = {
      plan,
      large: Object.fromEntries(Object.entries(large).map(([k, v]) => [k, summary(v)])),
      small: Object.fromEntries(Object.entries(small).map(([k, v]) => [k, summary(v)])),
      failures,
    };
    result.targets = wanTargets(result);
    return result;
  } finally {
    await emulator.stop();
  }
}

export function wanTargets({ large, small }) {
  const rate = (s) => (s ? 1 / s.ms : NaN);
  return [
    { id: 'wan-large-vs-raw', label: 'WAN large file: ours ≥ 0.9 × raw PUT', value: rate(large.ours) / rate(large.raw), threshold: 0.9, unit: '×' },
    { id: 'wan-large-vs-sdk', label: 'WAN large file: ours ≥ 1.3 × SDK defaults', value: rate(large.ours) / rate(large.sdk), threshold: 1.3, unit: '×' },
    { id: 'wan-small-vs-sdk', label: 'WAN small files: ours ≥ 2 × SDK defaults', value: rate(small.ours) / rate(small.sdk), threshold: 2, unit: '×' },
  ].map((t) => ({ ...t, met: Number.isFinite(t.value) && t.value >= t.threshold }));
}

const fixed = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export function wanMarkdown(wan) {
  const { plan, large, small } = wan;
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const mb = plan.largeBytes / 1e6;
  const largeRows = [['raw `fetch` PUT, pre-signed URL (limit)', large.raw], ['**ours**, defaults', large.ours], ['cos-js-sdk-v5 `uploadFile`, defaults', large.sdk]]
    .map(([name, s]) => row([name, s ? `${fixed(s.ms / 1000, 2)} (${fixed(s.medianMs / 1000, 2)})` : 'failed', fixed(s ? mb / (s.ms / 1000) : NaN), fixed(s && large.raw ? large.raw.ms / s.ms : NaN, 2), String(s?.requests ?? 'n/a')]));
  const smallRows = [['**ours**, defaults', small.ours], ['cos-js-sdk-v5 `uploadFiles`, defaults', small.sdk]]
    .map(([name, s]) => row([name, s ? `${fixed(s.ms / 1000, 2)} (${fixed(s.medianMs / 1000, 2)})` : 'failed', fixed(s ? plan.smallCount / (s.ms / 1000) : NaN, 0), fixed(s && small.sdk ? small.sdk.ms / s.ms : NaN, 2), String(s?.requests ?? 'n/a')]));
  const head = (cells) => [row(cells), row(cells.map((c, i) => (i ? '---:' : '---')))];
  return [
    `**6. WAN: +${plan.latencyMs} ms per answer (preflights and STS included), ${fixed((plan.bandwidth * 8) / 1e6, 0)} Mbit/s shared by all request bodies** ` +
      `(emulator \`latencyMs\` / \`bandwidth\`), best of ${plan.runs} run(s) (median in brackets); requests as seen by the page (preflights not counted).`,
    '',
    `Large file: ${plan.largeBytes / MiB} MiB.`,
    '',
    ...head(['path', 's (median)', 'MB/s', '× limit', 'requests']),
    ...largeRows,
    '',
    `Small files: ${plan.smallCount} × ${plan.smallBytes / 1024} KiB.`,
    '',
    ...head(['path', 's (median)', 'files/s', '× SDK', 'requests']),
    ...smallRows,
    '',
    ...head(['WAN target', 'measured', '']),
    ...wan.targets.map((t) => row([t.label, Number.isFinite(t.value) ? `${fixed(t.value, 2)} ${t.unit}` : 'not measured', t.met ? '✅ met' : '❌ not met'])),
  ].join('\n');
}
