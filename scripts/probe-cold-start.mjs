#!/usr/bin/env node
// Cold start, ours vs cos-js-sdk-v5 (`node --import tsx scripts/probe-cold-start.mjs [runs] [--waterfall]`): the
// bench's latency measure (a freshly loaded page per sample, rotating which goes first): ours with the uploader on
// the page from its load, ours with the element created just before the drop (`late`), and the SDK; with
// `--waterfall`, for ours, what the page fetched around the drop: chunks, the STS call and the first COS request, on
// the page clock with the drop at 0. `--latency <ms>` adds that much to every answer of the page server and of the
// emulator (a distant server: round trips then cost what they cost on a real network). A diagnostic for
// docs/cold-start.md.
/* global window, performance, PerformanceObserver */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProbePage } from '../bench/lib/probe-page.mjs';
import { median } from '../bench/lib/report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 7);
const latencyAt = process.argv.indexOf('--latency');
const latencyMs = latencyAt > 0 ? Number(process.argv[latencyAt + 1]) : 0;
const work = join(root, 'bench/.work', `cold-${process.pid}`);
mkdirSync(work, { recursive: true });
const cleanups = [() => rmSync(work, { recursive: true, force: true })];

try {
  const { browser } = await openProbePage(root, work, cleanups, { latencyMs });
  const samples = { ours: [], late: [], sdk: [] };
  const orders = [['ours', 'sdk', 'late'], ['sdk', 'late', 'ours'], ['late', 'ours', 'sdk']];
  for (let i = 0; i < runs; i += 1) {
    for (const name of orders[i % orders.length]) {
      await browser.reload(name === 'ours' ? '?uploader' : '');
      // Every resource the page fetches from now on, kept past the harness's clearResourceTimings().
      await browser.evaluate(() => {
        window.seenResources = [];
        new PerformanceObserver((list) => window.seenResources.push(...list.getEntries())).observe({ type: 'resource' });
        window.sinceLoad = performance.now();
      });
      const sample = await browser.call(name === 'sdk' ? 'sdkLatency' : 'dropLatency', { prefix: 'probe/cold/', name: `${name}-${i}.bin` }, { timeoutMs: 30_000 });
      const waterfall = await browser.evaluate((t0) => window.seenResources.map((e) => ({
        what: e.name.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '').slice(0, 60),
        start: +(e.startTime - t0).toFixed(1),
        end: +(e.responseEnd - t0).toFixed(1),
      })), sample.startedAt);
      samples[name].push(sample);
      console.log(`${name} cold ${i + 1}: first request ${sample.firstMs.toFixed(1)} ms (${sample.first}), first COS ${sample.firstCosMs.toFixed(1)} ms (${sample.firstCos})`);
      if (name !== 'sdk' && process.argv.includes('--waterfall')) for (const r of waterfall) console.log(`    ${String(r.start).padStart(7)} → ${String(r.end).padStart(7)} ms  ${r.what}`);
    }
  }
  for (const name of ['ours', 'late', 'sdk']) {
    console.log(`${name}: median first COS request ${median(samples[name].map((s) => s.firstCosMs)).toFixed(1)} ms, first request ${median(samples[name].map((s) => s.firstMs)).toFixed(1)} ms (${runs} cold samples)`);
  }
} finally {
  for (const cleanup of cleanups) await cleanup();
}
