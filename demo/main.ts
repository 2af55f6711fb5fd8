// Wires the three elements to the emulator mounted at /cos and to each other, through properties and events.
import '../src/index.js';
import { CosClient, createStsTokenProvider, type UploadResult } from '../src/index.js';
import type { CosUploader, CosResults, CosRuleEditor } from '../src/index.js';
import { applyPageStrings } from './page-strings.js';
import { drawSample } from './sample-image.js';

const info: { bucket: string; region: string } = await (await fetch('/cos/-/info')).json();
const endpoint = `${location.origin}/cos/{Bucket}`;
const ciEndpoint = `${location.origin}/cos/ci/{Bucket}`;
const tokenUrl = `${location.origin}/cos/sts`;

const uploader = document.querySelector<CosUploader>('#uploader')!;
const editor = document.querySelector<CosRuleEditor>('#editor')!;
const results = document.querySelector<CosResults>('#results')!;
document.querySelector('#emu-info')!.textContent = `${info.bucket} · ${info.region}`;

Object.assign(uploader, { bucket: info.bucket, region: info.region, endpoint, ciEndpoint, tokenUrl });

// One client for the page's own calls (preview, results); the uploader builds its own from the same settings.
const client = new CosClient({ bucket: info.bucket, region: info.region, endpoint, ciEndpoint, tokenProvider: createStsTokenProvider({ url: tokenUrl }) });
const urlFor = (key: string) => client.getObjectUrl(key);
results.urlFor = urlFor;
results.processAgain = (key, picOperations) => client.imageProcess(key, picOperations);
results.submitJob = async ({ key, rule, outputKey }) => {
  const job = await client.picJobs.submit({ inputKey: key, rule, outputKey });
  return { jobId: job.jobId, state: job.state, message: job.message };
};
results.jobStatus = async (jobId) => {
  const job = await client.picJobs.describe(jobId);
  return { jobId, state: job.state, message: job.state === 'Failed' ? `${job.code}: ${job.message}` : job.message, output: job.result };
};

editor.previewUrl = (key, rule) => client.getObjectUrl(key, { query: rule });
editor.uploadSample = async (file) => {
  const key = `demo/samples/${Date.now().toString(36)}-${file.name}`;
  await client.putObject(key, file, { headers: { 'Content-Type': file.type } });
  return key;
};
editor.addEventListener('cos-rules-change', (e) => {
  if (e.detail.valid) uploader.picOperations = e.detail.picOperations;
});
uploader.picOperations = editor.value;

const collected: UploadResult[] = [];
// Results come with the upload (images up to 32 MB) or later, from background picture jobs (larger images).
function show(result: UploadResult | undefined, preview: boolean) {
  if (!result) return;
  collected.unshift(result);
  results.results = [...collected];
  results.hidden = false;
  document.querySelector<HTMLElement>('#results-empty')!.hidden = true;
  // An image over 32 MB cannot be previewed by download-time processing either: the editor keeps its sample.
  if (preview) editor.previewKey = result.originalInfo.key;
}
uploader.addEventListener('cos-upload-success', (e) => show(e.detail.uploadResult, true));
uploader.addEventListener('cos-processing-complete', (e) => show(e.detail.uploadResult, false));

function setAll(name: string, value: string) {
  for (const el of [uploader, editor, results]) {
    if (value) el.setAttribute(name, value);
    else el.removeAttribute(name);
  }
}
document.querySelector<HTMLSelectElement>('#lang')!.addEventListener('change', (e) => {
  const lang = (e.target as HTMLSelectElement).value;
  document.documentElement.lang = lang;
  applyPageStrings(lang);
  setAll('lang', lang);
});
document.querySelector<HTMLSelectElement>('#theme')!.addEventListener('change', (e) => {
  const theme = (e.target as HTMLSelectElement).value;
  document.documentElement.dataset.theme = theme;
  setAll('theme', theme);
});

// A sample stored once so the rule editor's preview shows something before the first upload.
const sampleKey = 'demo/samples/landscape.png';
await client.putObject(sampleKey, await drawSample(), { headers: { 'Content-Type': 'image/png' } });
editor.previewKey ||= sampleKey;
