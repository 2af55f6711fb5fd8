// The benchmark's page side. scripts/bench.mjs chooses files into #large / #small with Playwright (by path:
// the browser reads them from disk) and calls window.bench.* through page.evaluate. Times are on the page clock.
/* global window, document, performance, fetch, requestAnimationFrame, DataTransfer, File, DragEvent, URLSearchParams */
import config from '/config.js';
import * as ours from '/ours/cos-uploader.js';
import { newSdk as newSdkFor, sdkError } from '/page/sdk.js';

const { url: emuUrl, bucket, region } = config.emulator;
const endpoint = `${emuUrl}/{Bucket}`;
const stsUrl = `${emuUrl}/sts`;
const filesOf = (id) => [...document.getElementById(id).files];
// The standalone build keeps the core API in a lazily loaded chunk (`loadCore()`); load it outside the timed span.
let corePromise;
const loadCore = () => (corePromise ??= typeof ours.loadCore === 'function' ? ours.loadCore() : Promise.resolve(ours));
const totalBytes = (files) => files.reduce((n, f) => n + f.size, 0);

/** Our core with the manager's defaults unless partSize/concurrency/verifyIntegrity/wasmChecksum are given. */
async function runOurs({ input, prefix, partSize, concurrency, verifyIntegrity, wasmChecksum }) {
  const files = filesOf(input);
  const core = await loadCore();
  return recorded(async () => {
    const tokenProvider = core.createStsTokenProvider({ url: stsUrl });
    const client = new core.CosClient({ bucket, region, endpoint, tokenProvider });
    const manager = new core.UploadManager({
      client,
      keyFor: (file) => prefix + file.name,
      ...(partSize ? { partSize } : {}),
      ...(concurrency ? { concurrency } : {}),
      ...(verifyIntegrity === false ? { verifyIntegrity } : {}),
      ...(wasmChecksum ? { wasmChecksum } : {}),
    });
    manager.add(files);
    await manager.idle();
    const uploads = manager.snapshot();
    const failed = uploads.filter((u) => u.status !== 'done');
    if (failed.length || uploads.length !== files.length) {
      const first = failed[0];
      throw new Error(`ours: ${failed.length} of ${files.length} uploads not done (${first?.status}: ${first?.error?.code} ${first?.error?.message})`);
    }
    const parts = uploads[0].parts;
    // Which CRC-64 implementation checked the first file (docs/crc64-wasm.md); absent when nothing was checked.
    const crc64Engine = uploads[0].result?.checksum?.engine;
    return { bytes: totalBytes(files), files: files.length, keys: uploads.map((u) => u.key), partSize: parts[0]?.size, parts: parts.length, crc64Engine };
  });
}

/**
 * Runs an upload with the wire probe armed; adds its time and phases: before the first part, the span of the
 * parts, the Complete request, and what came after the last response.
 */
async function recorded(action) {
  const probe = window.wireProbe;
  probe.start();
  const t0 = performance.now();
  try {
    const result = await action();
    const ms = performance.now() - t0;
    return { ...result, ms, phases: phasesOf(probe.sends.filter((s) => s.url.startsWith(emuUrl)), t0, t0 + ms) };
  } finally {
    probe.stop();
  }
}

function phasesOf(sends, t0, tEnd) {
  const parts = sends.filter((s) => /[?&]partNumber=/.test(s.url));
  const complete = sends.find((s) => s.method === 'POST' && /[?&]uploadId=/.test(s.url) && !/[?&]partNumber=/.test(s.url));
  const lastEnd = Math.max(...sends.map((s) => s.end ?? tEnd));
  return {
    requests: sends.length,
    firstRequestMs: sends.length ? sends[0].t - t0 : undefined,
    firstPartMs: parts.length ? Math.min(...parts.map((s) => s.t)) - t0 : undefined,
    partsMs: parts.length ? Math.max(...parts.map((s) => s.end ?? tEnd)) - Math.min(...parts.map((s) => s.t)) : undefined,
    completeMs: complete ? (complete.end ?? tEnd) - complete.t : undefined,
    afterLastResponseMs: sends.length ? tEnd - lastEnd : undefined,
  };
}

function newSdk(options = {}) {
  return newSdkFor({ stsUrl, emuUrl, ...options });
}

/** cos-js-sdk-v5: uploadFile for one file, uploadFiles for many; its defaults plus `upload` options. */
function runSdk({ input, prefix, upload = {} }) {
  const files = filesOf(input);
  return recorded(async () => {
    const cos = newSdk();
    if (files.length === 1) {
      await cos.uploadFile({ Bucket: bucket, Region: region, Key: prefix + files[0].name, Body: files[0], ...upload }).catch((err) => {
        throw new Error(`sdk uploadFile: ${sdkError(err)}`);
      });
    } else {
      const items = files.map((file) => ({ Bucket: bucket, Region: region, Key: prefix + file.name, Body: file }));
      const result = await cos.uploadFiles({ files: items, ...upload }).catch((err) => {
        throw new Error(`sdk uploadFiles: ${sdkError(err)}`);
      });
      const failed = result.files.filter((f) => f.error);
      if (failed.length) throw new Error(`sdk uploadFiles: ${failed.length} of ${files.length} failed (${sdkError(failed[0].error)})`);
    }
    return { bytes: totalBytes(files), files: files.length, keys: files.map((f) => prefix + f.name) };
  });
}

/** One fetch PUT of the whole file to a pre-signed URL: the practical limit of this browser → server path. */
function runRawPut({ input, url }) {
  const [file] = filesOf(input);
  return recorded(async () => {
    const response = await fetch(url, { method: 'PUT', body: file });
    const text = await response.text();
    if (!response.ok) throw new Error(`raw PUT: HTTP ${response.status} ${text.slice(0, 200)}`);
    return { bytes: file.size, files: 1 };
  });
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

function waitFor(check, ms, what) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const tick = () => {
      const value = check();
      if (value) resolve(value);
      else if (performance.now() - started > ms) reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

const isCosRequest = (s) => s.url.startsWith(emuUrl) && !s.url.startsWith(stsUrl);
const describe = (s) => `${s.method} ${new URL(s.url).pathname.replace(`/${bucket}`, '')}${new URL(s.url).search ? '?…' : ''}`;

/** A <cos-uploader> on the emulator, in the stage. */
function stageUploader() {
  const el = document.createElement('cos-uploader');
  for (const [attr, value] of Object.entries({ bucket, region, endpoint, 'token-url': stsUrl })) el.setAttribute(attr, value);
  document.getElementById('stage').replaceChildren(el);
  return el;
}

// `?uploader`: the page holds an uploader from the start, as a page with an upload form does (used by the first drop).
let pageUploader = new URLSearchParams(window.location.search).has('uploader') ? stageUploader() : undefined;

/**
 * Drags a small file onto <cos-uploader> as a browser does (dragenter, dragover, one frame, drop) and times from
 * dispatching `drop` to the first send (XHR/fetch). The first drop on a `?uploader` page goes to the page's own
 * uploader; any other to one created now (its code, when not loaded yet, starts loading two frames before the drop).
 */
async function dropLatency({ prefix, name }) {
  const el = pageUploader ?? stageUploader();
  pageUploader = undefined;
  el.setAttribute('prefix', prefix);
  await el.updateComplete;
  await nextFrame();
  const zone = el.shadowRoot?.querySelector('[part~="dropzone"]') ?? el;
  const done = new Promise((resolve, reject) => {
    el.addEventListener('cos-upload-success', resolve, { once: true });
    el.addEventListener('cos-upload-error', (e) => reject(new Error(`drop upload failed: ${JSON.stringify(e.detail?.error)}`)), { once: true });
  });
  const transfer = new DataTransfer();
  transfer.items.add(new File([new Uint8Array(4096)], name, { type: 'application/octet-stream' }));
  const drag = (type) => zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
  drag('dragenter');
  drag('dragover');
  await nextFrame();
  return measureFirstSend(async () => {
    drag('drop');
    await done;
  });
}

/** The same measure for the SDK: from calling putObject/uploadFile on a fresh instance to its first send. */
async function sdkLatency({ prefix, name }) {
  const cos = newSdk();
  const file = new File([new Uint8Array(4096)], name, { type: 'application/octet-stream' });
  return measureFirstSend(() =>
    cos.uploadFile({ Bucket: bucket, Region: region, Key: prefix + name, Body: file }).catch((err) => {
      throw new Error(`sdk uploadFile: ${sdkError(err)}`);
    }),
  );
}

async function measureFirstSend(action) {
  const probe = window.wireProbe;
  performance.clearResourceTimings();
  probe.start();
  const t0 = performance.now();
  try {
    const finished = Promise.resolve().then(action);
    // An action that fails before sending anything reports its own error, not a time-out.
    const failFast = finished.then(() => new Promise(() => {}));
    const seen = (find, what) => Promise.race([waitFor(find, 10_000, what), failFast]);
    const first = await seen(() => probe.sends.find((s) => s.url.startsWith(emuUrl)), 'a first request');
    const firstCos = await seen(() => probe.sends.find(isCosRequest), 'a first COS request');
    await finished;
    const resources = performance.getEntriesByType('resource').filter((e) => e.startTime >= t0 && e.name.startsWith(emuUrl));
    return {
      firstMs: first.t - t0,
      first: first.url.startsWith(stsUrl) ? `GET /sts (${first.via})` : `${describe(first)} (${first.via})`,
      firstCosMs: firstCos.t - t0,
      firstCos: `${describe(firstCos)} (${firstCos.via})`,
      firstResourceMs: resources.length ? Math.min(...resources.map((e) => e.startTime)) - t0 : undefined,
      totalMs: performance.now() - t0,
      // The page-clock moment of t0, for diagnostics that line up other timings (scripts/probe-cold-start.mjs).
      startedAt: t0,
    };
  } finally {
    probe.stop();
  }
}

/** For diagnosis: the requests (page clock) the last measured action sent. */
const lastSends = () => window.wireProbe.sends.map(({ t, end, method, url, via }) => ({ t, end, method, url, via }));

window.bench = { lastSends, runOurs, runSdk, runRawPut, dropLatency, sdkLatency, ready: true };
