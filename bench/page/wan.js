// The WAN section's page side (scripts/bench.mjs → bench/lib/wan.mjs): the same three paths as the loopback
// section, aimed at a second emulator that adds latency to every answer and shares one bandwidth budget
// between all request bodies. Every call names that emulator; times are on the page clock.
/* global window, document, performance, fetch */
import * as ours from '/ours/cos-uploader.js';
import { newSdk, sdkError } from '/page/sdk.js';

const inputs = {};
for (const id of ['wan-large', 'wan-small']) {
  const input = document.createElement('input');
  input.type = 'file';
  input.id = id;
  input.multiple = id === 'wan-small';
  document.body.append(input);
  inputs[id] = input;
}

let corePromise;
const loadCore = () => (corePromise ??= typeof ours.loadCore === 'function' ? ours.loadCore() : Promise.resolve(ours));
const filesOf = (id) => [...inputs[id].files];
const totalBytes = (files) => files.reduce((n, f) => n + f.size, 0);
const stsOf = (emu) => `${emu.url}/sts`;

async function timed(action) {
  const probe = window.wireProbe;
  probe.start();
  const t0 = performance.now();
  try {
    const result = await action();
    return { ...result, ms: performance.now() - t0, requests: probe.sends.length, sends: probe.sends.map((s) => [Math.round(s.t - t0), Math.round((s.end ?? NaN) - t0), s.method, s.url.replace(/\?.*/, "").slice(-30)]) };
  } finally {
    probe.stop();
  }
}

async function runOurs({ emu, input, prefix }) {
  const files = filesOf(input);
  const core = await loadCore();
  return timed(async () => {
    const tokenProvider = core.createStsTokenProvider({ url: stsOf(emu) });
    const client = new core.CosClient({ bucket: emu.bucket, region: emu.region, endpoint: `${emu.url}/{Bucket}`, tokenProvider });
    const manager = new core.UploadManager({ client, keyFor: (file) => prefix + file.name });
    manager.add(files);
    await manager.idle();
    const uploads = manager.snapshot();
    const failed = uploads.filter((u) => u.status !== 'done');
    if (failed.length) throw new Error(`ours: ${failed.length} of ${files.length} not done (${failed[0].error?.code} ${failed[0].error?.message})`);
    return { bytes: totalBytes(files), files: files.length, keys: uploads.map((u) => u.key) };
  });
}

/** cos-js-sdk-v5 with its defaults: uploadFile for one file, uploadFiles for many. */
function runSdk({ emu, input, prefix }) {
  const files = filesOf(input);
  return timed(async () => {
    const cos = newSdk({ stsUrl: stsOf(emu), emuUrl: emu.url });
    const items = files.map((file) => ({ Bucket: emu.bucket, Region: emu.region, Key: prefix + file.name, Body: file }));
    if (items.length === 1) {
      await cos.uploadFile(items[0]).catch((err) => {
        throw new Error(`sdk uploadFile: ${sdkError(err)}`);
      });
    } else {
      const result = await cos.uploadFiles({ files: items }).catch((err) => {
        throw new Error(`sdk uploadFiles: ${sdkError(err)}`);
      });
      const failed = result.files.filter((f) => f.error);
      if (failed.length) throw new Error(`sdk uploadFiles: ${failed.length} of ${files.length} failed (${sdkError(failed[0].error)})`);
    }
    return { bytes: totalBytes(files), files: files.length, keys: items.map((i) => i.Key) };
  });
}

/** One fetch PUT of the whole file to a pre-signed URL: what the link allows. */
function runRawPut({ input, url }) {
  const [file] = filesOf(input);
  return timed(async () => {
    const response = await fetch(url, { method: 'PUT', body: file });
    const text = await response.text();
    if (!response.ok) throw new Error(`raw PUT: HTTP ${response.status} ${text.slice(0, 200)}`);
    return { bytes: file.size, files: 1 };
  });
}

window.benchWan = { runOurs, runSdk, runRawPut, ready: true };
