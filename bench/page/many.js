// "Many files through the element": the same files chosen into <cos-uploader> (the built standalone bundle),
// given to cos-js-sdk-v5's uploadFiles (headless, no UI) and added to an Uppy Dashboard with @uppy/aws-s3 PUTting to
// pre-signed URLs. Each run reports files/s, long tasks (share of wall time, longest), the first request after the
// files were chosen, and the requests sent. The JS heap after is read from Node (CDP, after a forced GC).
/* global window, document, performance, PerformanceObserver, DataTransfer, Event */
import config from '/config.js';
import '/ours/cos-uploader.js';
import { newSdk } from '/page/sdk.js';

const { url: emuUrl, bucket, region } = config.emulator;
const endpoint = `${emuUrl}/{Bucket}`;
const stsUrl = `${emuUrl}/sts`;
const isCosRequest = (s) => s.url.startsWith(emuUrl) && !s.url.startsWith(stsUrl);
const source = () => document.getElementById('many');

/** Runs `action(started)` with long tasks observed and the wire probe armed; `started` is the moment the files are chosen. */
async function measured(action) {
  const files = [...source().files];
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  const probe = window.wireProbe;
  probe.start();
  let t0 = performance.now();
  try {
    const result = await action(files, () => (t0 = performance.now()));
    const ms = performance.now() - t0;
    // Entries of the last task arrive after it ends.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const tasks = longTasks.filter((t) => t.startTime + t.duration >= t0);
    const longMs = tasks.reduce((sum, t) => sum + t.duration, 0);
    const sends = probe.sends.filter((s) => s.url.startsWith(emuUrl));
    const firstCos = sends.find(isCosRequest);
    return {
      ...result,
      files: files.length,
      bytes: files.reduce((n, f) => n + f.size, 0),
      ms,
      filesPerSecond: files.length / (ms / 1000),
      longTasks: { count: tasks.length, totalMs: longMs, share: longMs / ms, maxMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0) },
      firstRequestMs: sends.length ? sends[0].t - t0 : undefined,
      firstCosRequestMs: firstCos ? firstCos.t - t0 : undefined,
      requests: sends.length,
    };
  } finally {
    observer.disconnect();
    probe.stop();
  }
}

/** Chooses the files into a fresh <cos-uploader> through its own file input, as the picker does; waits for cos-queue-complete. */
function manyOurs({ prefix, attributes = {}, hidden = false }) {
  return measured(async (files, start) => {
    const stage = document.getElementById('stage');
    const el = document.createElement('cos-uploader');
    for (const [attr, value] of Object.entries({ bucket, region, endpoint, 'token-url': stsUrl, prefix, multiple: '', ...attributes })) el.setAttribute(attr, value);
    stage.hidden = hidden;
    stage.replaceChildren(el);
    await el.updateComplete;
    // A user heads for the element before choosing (pointer over it, then the picker): it loads its engine and
    // fetches keys meanwhile, as on a real page; the picker itself takes longer than this.
    el.dispatchEvent(new Event('pointerenter'));
    // A FileList of its own: the element clears its input after reading it, which would empty a shared one. Built
    // before the wait, in a task that ends before the files are chosen: a real picker hands the page its FileList
    // ready-made, while adding 10,000 files to a DataTransfer here takes the page's main thread for most of a second.
    const chosen = new DataTransfer();
    for (const file of files) chosen.items.add(file);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const input = el.shadowRoot.querySelector('input[type=file]');
    const complete = new Promise((resolve) => el.addEventListener('cos-queue-complete', (e) => resolve(e.detail), { once: true }));
    start();
    input.files = chosen.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const detail = await complete;
    if (detail.failed || detail.succeeded !== files.length) throw new Error(`ours: ${detail.succeeded} of ${files.length} uploaded, ${detail.failed} failed`);
    return { rendered: el.shadowRoot.querySelectorAll('li').length };
  });
}

/** cos-js-sdk-v5 uploadFiles with its defaults, no UI: the headless reference. */
function manySdk({ prefix }) {
  return measured(async (files, start) => {
    start();
    const cos = newSdk({ stsUrl, emuUrl });
    const result = await cos.uploadFiles({ files: files.map((file) => ({ Bucket: bucket, Region: region, Key: prefix + file.name, Body: file })) });
    const failed = result.files.filter((f) => f.error);
    if (failed.length) throw new Error(`sdk uploadFiles: ${failed.length} of ${files.length} failed`);
    return {};
  });
}

let uppyModule;

/** Uppy Dashboard (inline, its CSS loaded) + @uppy/aws-s3 simple PUTs to COS pre-signed URLs made in Node beforehand. */
async function manyUppy({ prefix, urls }) {
  uppyModule ??= await import('/uppy/bundle.js');
  const { Uppy, Dashboard, AwsS3 } = uppyModule;
  const target = document.getElementById('uppy');
  target.replaceChildren();
  return measured(async (files, start) => {
    const uppy = new Uppy({ autoProceed: false })
      .use(Dashboard, { inline: true, target, height: 470 })
      .use(AwsS3, {
        shouldUseMultipart: false,
        generateObjectKey: (file) => prefix + file.name,
        signRequest: (request) => ({ url: urls[request.key] }),
      });
    try {
      start();
      uppy.addFiles(files.map((file) => ({ name: file.name, type: file.type, data: file, source: 'Local' })));
      const result = await uppy.upload();
      if (!result || result.failed?.length || result.successful?.length !== files.length) {
        throw new Error(`uppy: ${result?.successful?.length ?? 0} of ${files.length} uploaded (${result?.failed?.[0]?.error ?? 'no result'})`);
      }
      return { sample: result.successful[0]?.uploadURL ?? result.successful[0]?.response?.uploadURL };
    } finally {
      uppy.destroy();
    }
  });
}

/** Drops what the last run left in the page, so the next one starts clean. */
function clearMany() {
  document.getElementById('stage').replaceChildren();
  document.getElementById('uppy').replaceChildren();
}

Object.assign(window.bench, { manyOurs, manySdk, manyUppy, clearMany });
