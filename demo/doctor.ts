// The "Check my bucket" page: fills the emulator's settings or takes a real bucket's, optionally
// misconfigures the emulator through its admin API, then runs <cos-doctor>.
import '../src/index.js';
import type { CosDoctor } from '../src/index.js';

const form = document.querySelector<HTMLFormElement>('#settings')!;
const doctor = document.querySelector<CosDoctor>('#doctor')!;
const misconfigure = document.querySelector<HTMLFieldSetElement>('#misconfigure')!;
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
const info: { bucket: string; region: string } = await (await fetch('/cos/-/info')).json();

function applyTarget(): void {
  const emulator = form.querySelector<HTMLInputElement>('input[name="target"]:checked')!.value === 'emulator';
  misconfigure.hidden = !emulator;
  if (emulator) {
    field('bucket').value = info.bucket;
    field('region').value = info.region;
    field('endpoint').value = `${location.origin}/cos/{Bucket}`;
    field('tokenUrl').value = `${location.origin}/cos/sts?prefix=uploads/`;
    field('signUrl').value = '';
  } else {
    for (const name of ['bucket', 'endpoint', 'tokenUrl', 'signUrl']) field(name).value = '';
  }
}

async function admin(path: string, body: unknown): Promise<void> {
  const res = await fetch(`/cos/-/${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`emulator ${path}: ${res.status}`);
}

form.addEventListener('change', (event) => {
  if ((event.target as HTMLInputElement).name === 'target') applyTarget();
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const emulator = !misconfigure.hidden;
  let tokenUrl = field('tokenUrl').value.trim();
  if (emulator) {
    await admin('ci', { enabled: !field('noCi').checked });
    await admin('clock', { skewSeconds: field('skew').checked ? 3600 : 0 });
    if (field('scope').checked) tokenUrl = `${location.origin}/cos/sts?prefix=elsewhere/`;
  }
  Object.assign(doctor, {
    bucket: field('bucket').value.trim(),
    region: field('region').value.trim(),
    endpoint: field('endpoint').value.trim(),
    tokenUrl,
    signUrl: field('signUrl').value.trim(),
    keyPrefix: field('prefix').value,
    noProcessing: !field('processing').checked,
  });
  await doctor.updateComplete;
  await doctor.check().catch(() => undefined);
});

applyTarget();
