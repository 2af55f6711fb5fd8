#!/usr/bin/env node
// How Chromium sends an XHR body held in page memory (`Uint8Array`) against one held as a Blob, with and without a
// DevTools client watching the network: `node scripts/probe-body-kinds.mjs [--mib 32] [--parts 8] [--runs 3]`.
// The page PUTs `parts` bodies of `mib` MiB, 4 at a time, to a local sink and times itself; "plain" runs Chromium
// with no DevTools client at all (the page reports its time to the sink), "playwright" through Playwright, which
// enables the Network domain as DevTools' Network panel does. Why parts are sent as Blob slices:
// docs/integrity-and-wan.md#read-once-send-from-memory.
/* global window -- only inside page.evaluate callbacks, which run in the page */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { chromiumArgs, findChromium, installHint } from './find-chromium.mjs';

const { values: flags } = parseArgs({ options: { mib: { type: 'string', default: '32' }, parts: { type: 'string', default: '8' }, runs: { type: 'string', default: '3' } } });
const executablePath = findChromium();
if (!executablePath) throw new Error(installHint);

const page = `<!doctype html><script>
async function run(kind, mib, parts) {
  const bytes = new Uint8Array(mib * 1048576);
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i & 255;
  const body = kind === 'bytes' ? bytes : new Blob([bytes]);
  const one = () => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', '/sink');
    xhr.onload = resolve;
    xhr.onerror = reject;
    xhr.upload.onprogress = () => {};
    xhr.send(body);
  });
  const started = performance.now();
  for (let sent = 0; sent < parts; sent += 4) await Promise.all(Array.from({ length: Math.min(4, parts - sent) }, one));
  return performance.now() - started;
}
const q = new URLSearchParams(location.search);
if (q.has('kind')) run(q.get('kind'), Number(q.get('mib')), Number(q.get('parts'))).then((ms) => fetch('/result?ms=' + ms));
</script>`;

let reported;
let sunk = 0;
const server = createServer((req, res) => {
  if (req.url.startsWith('/sink')) {
    req.on('data', (chunk) => { sunk += chunk.length; });
    req.on('end', () => res.end('ok'));
  } else if (req.url.startsWith('/result')) {
    reported?.(Number(new URL(req.url, 'http://x').searchParams.get('ms')));
    res.end();
  } else {
    res.setHeader('content-type', 'text/html');
    res.end(page);
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}/`;
const mib = Number(flags.mib);
const parts = Number(flags.parts);

async function plain(kind) {
  const profile = mkdtempSync(join(tmpdir(), 'probe-body-'));
  const proc = spawn(executablePath, [...chromiumArgs, '--headless=new', `--user-data-dir=${profile}`, `${origin}?kind=${kind}&mib=${mib}&parts=${parts}`], { stdio: 'ignore' });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no result within 300 s')), 300_000);
      reported = (ms) => { clearTimeout(timer); resolve(ms); };
    });
  } finally {
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill();
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}

async function watched(kind) {
  const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  try {
    const tab = await browser.newPage();
    let seen = 0;
    tab.on('request', (r) => { if (r.url().includes('/sink')) seen += r.postDataBuffer()?.length ?? 0; });
    await tab.goto(origin);
    const ms = await tab.evaluate(([k, m, p]) => window.run(k, m, p), [kind, mib, parts]);
    return { ms, seen };
  } finally {
    await browser.close();
  }
}

try {
  console.log(`${parts} PUTs of ${mib} MiB, 4 at a time; times in ms (machine load shifts them: compare within a run)`);
  for (let run = 1; run <= Number(flags.runs); run += 1) {
    for (const kind of ['bytes', 'blob']) console.log(`plain      ${kind.padEnd(5)} run ${run}: ${(await plain(kind)).toFixed(0)}`);
  }
  for (const kind of ['bytes', 'blob']) {
    const { ms, seen } = await watched(kind);
    console.log(`playwright ${kind.padEnd(5)}: ${ms.toFixed(0)} (body bytes the DevTools client received: ${seen})`);
  }
  console.log(`bytes the sink received: ${sunk}`);
} finally {
  server.close();
}
