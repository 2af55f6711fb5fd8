/* global fetch, location, document, customElements */
// Wires the standalone bundle's elements to the emulator mounted at /cos, like the demo, with no inline script.
import { loadCore } from './cos-uploader.js';

const info = await (await fetch('/cos/-/info')).json();
const endpoint = `${location.origin}/cos/{Bucket}`;
const tokenUrl = `${location.origin}/cos/sts`;
const uploader = document.querySelector('#uploader');
const editor = document.querySelector('#editor');
const results = document.querySelector('#results');
Object.assign(uploader, { bucket: info.bucket, region: info.region, endpoint, tokenUrl });

const { CosClient, createStsTokenProvider } = await loadCore();
const client = new CosClient({ bucket: info.bucket, region: info.region, endpoint, tokenProvider: createStsTokenProvider({ url: tokenUrl }) });
await Promise.all(['cos-rule-editor', 'cos-results'].map((tag) => customElements.whenDefined(tag)));
results.urlFor = (key) => client.getObjectUrl(key);
editor.previewUrl = (key, rule) => client.getObjectUrl(key, { query: rule });
editor.addEventListener('cos-rules-change', (e) => {
  if (e.detail.valid) uploader.picOperations = e.detail.picOperations;
});
uploader.picOperations = editor.value;
const collected = [];
uploader.addEventListener('cos-upload-success', (e) => {
  if (!e.detail.uploadResult) return;
  collected.unshift(e.detail.uploadResult);
  results.results = [...collected];
  editor.previewKey = e.detail.uploadResult.originalInfo.key;
});
document.body.dataset.ready = 'true';
