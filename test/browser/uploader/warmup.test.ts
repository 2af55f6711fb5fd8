import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import { type EmulatorInfo, emulator } from '../shared/emulator.js';
import { watchFetch } from '../shared/fetch-spy.js';


describe('<cos-uploader> warm-up', () => {
  it('a pointer passing over or focus fetches no keys; a press on the element does, once (docs/cold-start.md#intent)', async () => {
    const emu: EmulatorInfo = await emulator();
    const seen: string[] = [];
    const restoreFetch = watchFetch((url) => seen.push(url));
    try {
      const url = `${emu.url}/sts?press=1`;
      const el = await fixture<CosUploader>(html`<cos-uploader bucket=${emu.bucket} region=${emu.region} endpoint=${emu.endpoint}
        token-url=${url}></cos-uploader>`);
      const zone = el.shadowRoot!.querySelector('.dropzone')!;
      el.dispatchEvent(new PointerEvent('pointerenter'));
      zone.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
      document.dispatchEvent(new DragEvent('dragenter', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 300));
      expect(seen.filter((u) => u === url), 'no keys without intent').to.deep.equal([]);
      zone.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      zone.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      for (let i = 0; i < 100 && !seen.includes(url); i += 1) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100));
      expect(seen.filter((u) => u === url), 'keys fetched once at the press').to.have.length(1);
    } finally {
      restoreFetch();
    }
  });

  it('a drag entering the drop zone fetches the temporary keys before any file is dropped', async () => {
    const emu: EmulatorInfo = await emulator();
    const seen: string[] = [];
    const restoreFetch = watchFetch((url) => seen.push(url));
    try {
      const el = await fixture<CosUploader>(html`<cos-uploader bucket=${emu.bucket} region=${emu.region} endpoint=${emu.endpoint}
        token-url=${`${emu.url}/sts?warm=1`}></cos-uploader>`);
      const zone = el.shadowRoot!.querySelector('.dropzone')!;
      zone.dispatchEvent(new DragEvent('dragenter', { bubbles: true, composed: true, cancelable: true, dataTransfer: new DataTransfer() }));
      for (let i = 0; i < 100 && !seen.some((u) => u.includes('/sts?warm=1')); i += 1) await new Promise((r) => setTimeout(r, 10));
      expect(seen.filter((u) => u.includes('/sts?warm=1'))).to.have.length(1);
      const done = new Promise((resolve) => el.addEventListener('cos-upload-success', resolve, { once: true }));
      const transfer = new DataTransfer();
      transfer.items.add(new File(['warm'], `warm-${Date.now()}.txt`, { type: 'text/plain' }));
      zone.dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: transfer }));
      await done;
      expect(seen.filter((u) => u.includes('/sts?warm=1')), 'the upload signs with the prefetched keys').to.have.length(1);
    } finally {
      restoreFetch();
    }
  });
});
