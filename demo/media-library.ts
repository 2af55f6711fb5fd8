// The media-library page: <cos-rule-editor> feeds <cos-library>, which reprocesses images stored in the emulator.
import '../src/index.js';
import { CosClient, createStsTokenProvider } from '../src/index.js';
import type { CosLibrary, CosRuleEditor } from '../src/index.js';
import { drawSample } from './sample-image.js';

const info: { bucket: string; region: string } = await (await fetch('/cos/-/info')).json();
const endpoint = `${location.origin}/cos/{Bucket}`;
const ciEndpoint = `${location.origin}/cos/ci/{Bucket}`;
// Listing the bucket and running picture jobs need their own actions in the temporary keys' scope.
const tokenUrl = `${location.origin}/cos/sts?actions=ListObjects,GetObject,HeadObject,PutObject,ImageProcess,PicJobs`;

const library = document.querySelector<CosLibrary>('#library')!;
const editor = document.querySelector<CosRuleEditor>('#editor')!;
const prefixInput = document.querySelector<HTMLInputElement>('#prefix')!;
const client = new CosClient({ bucket: info.bucket, region: info.region, endpoint, ciEndpoint, tokenProvider: createStsTokenProvider({ url: tokenUrl }) });

library.client = client;
library.picOperations = editor.value;
editor.addEventListener('cos-rules-change', (e) => {
  library.picOperations = e.detail.valid ? e.detail.picOperations : '';
});
prefixInput.addEventListener('change', () => {
  library.prefix = prefixInput.value;
});

/** Six variations of the drawn landscape, so a fresh emulator has a library to work on. */
async function seed(): Promise<void> {
  const status = document.querySelector<HTMLOutputElement>('#seed-status')!;
  status.value = 'Storing…';
  const base = await createImageBitmap(await drawSample());
  const names = ['harbour', 'hills', 'lake', 'market', 'sunset', 'temple'];
  for (const [i, name] of names.entries()) {
    const canvas = new OffscreenCanvas(480, 320);
    const g = canvas.getContext('2d')!;
    g.filter = `hue-rotate(${i * 55}deg)`;
    g.drawImage(base, 0, 0);
    const key = `${library.prefix}${name}.png`;
    await client.putObject(key, await canvas.convertToBlob({ type: 'image/png' }), { headers: { 'Content-Type': 'image/png' } });
  }
  status.value = `Stored ${names.length} images under ${library.prefix}`;
  await library.refresh();
}
document.querySelector('#seed')!.addEventListener('click', () => void seed());
