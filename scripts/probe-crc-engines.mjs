#!/usr/bin/env node
// The CRC-64 loop in Chromium, JS (`Crc64`) against WebAssembly (`Crc64Wasm`), interleaved:
// `node scripts/probe-crc-engines.mjs [--mib 256] [--rounds 7] [--blob]`.
// Each sample hashes the same random bytes, held in the page, in 1 MiB pieces (as a BYOB read hands them over); with
// --blob, the real `hashBlob` reads them from a Blob through its stream (reading included, engine forced on/off); the
// renderer's CPU time is read from /proc (the page's process, all its threads), so other load on the machine
// inflates neither number much. Prints MiB per CPU second per sample and the medians.
// A diagnostic for docs/crc64-wasm.md#speed.
/* global window -- only inside page.evaluate callbacks, which run in the page */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { chromiumArgs, findChromium, installHint } from './find-chromium.mjs';
import { processTree } from '../bench/lib/monitor.mjs';
import { median } from '../bench/lib/report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: { mib: { type: 'string', default: '256' }, rounds: { type: 'string', default: '7' }, blob: { type: 'boolean', default: false } },
});
const mib = Number(flags.mib);
const rounds = Number(flags.rounds);

const entry = `
import { Crc64 } from './src/core/integrity/crc64.ts';
import { Crc64Wasm, instantiateCrc64Wasm } from './src/core/integrity/crc64-wasm.ts';
import { hashBlob } from './src/core/integrity/verify.ts';
const PIECE = 1024 * 1024;
let bytes, wasm, blob;
window.crcProbe = {
  async prepare(mib) {
    bytes = new Uint8Array(mib * PIECE);
    for (let at = 0; at < bytes.length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
    wasm = await instantiateCrc64Wasm();
    blob = new Blob([bytes]);
  },
  async runBlob(engine) {
    const start = performance.now();
    const { crc64: digest } = await hashBlob(blob, { wasmChecksum: engine === 'wasm' ? 'on' : 'off' });
    return { digest, ms: performance.now() - start };
  },
  run(engine) {
    const crc = engine === 'wasm' ? new Crc64Wasm(wasm) : new Crc64();
    const start = performance.now();
    for (let at = 0; at < bytes.length; at += PIECE) crc.update(bytes.subarray(at, at + PIECE));
    return { digest: crc.digest(), ms: performance.now() - start };
  },
};`;
const bundle = await build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, format: 'iife', write: false, target: 'es2022',
});

/** CPU nanoseconds of every thread of every renderer process below this one. */
function rendererCpuNs() {
  let ns = 0;
  for (const proc of processTree(-1).filter((p) => p.kind === 'renderer')) {
    for (const tid of readdirSync(`/proc/${proc.pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${proc.pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch { /* the thread ended */ }
    }
  }
  return ns;
}

const executablePath = findChromium();
if (!executablePath) throw new Error(installHint);
const extraArgs = process.env.PROBE_CHROMIUM_ARGS ? process.env.PROBE_CHROMIUM_ARGS.split(" ") : [];
const browser = await chromium.launch({ executablePath, args: [...chromiumArgs, ...extraArgs], headless: true });
try {
  const page = await browser.newPage();
  await page.goto('about:blank');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  await page.evaluate((n) => window.crcProbe.prepare(n), mib);
  const rates = { js: [], wasm: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? ['wasm', 'js'] : ['js', 'wasm'];
    const digests = [];
    for (const engine of order) {
      const before = rendererCpuNs();
      const { digest, ms } = await page.evaluate(([e, viaBlob]) => (viaBlob ? window.crcProbe.runBlob(e) : window.crcProbe.run(e)), [engine, flags.blob]);
      const cpuS = (rendererCpuNs() - before) / 1e9;
      digests.push(digest);
      rates[engine].push(mib / cpuS);
      console.log(`round ${round + 1} ${engine.padEnd(4)} ${ms.toFixed(0).padStart(5)} ms wall, ${cpuS.toFixed(3)} CPU s, ` +
        `${(mib / cpuS).toFixed(0)} MiB per CPU s`);
    }
    if (digests[0] !== digests[1]) throw new Error(`digests differ: ${digests.join(' vs ')}`);
  }
  const js = median(rates.js), wasm = median(rates.wasm);
  console.log(`medians over ${rounds} rounds of ${mib} MiB (Chromium ${browser.version()}): JS ${js.toFixed(0)} MiB/s, ` +
    `WebAssembly ${wasm.toFixed(0)} MiB/s per CPU second (${(wasm / js).toFixed(2)} x); ` +
    `per ${mib} MiB: JS ${(mib / js).toFixed(3)} s, WebAssembly ${(mib / wasm).toFixed(3)} s`);
} finally {
  await browser.close();
}
