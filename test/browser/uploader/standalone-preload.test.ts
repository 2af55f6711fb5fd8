// The standalone entry loads the upload engine and the file list only for a page that has an uploader (when one
// connects), and asks the token backend for keys only at the user's intent (docs/cold-start.md#intent).
import { expect } from '@open-wc/testing';
import '../../../src/standalone.js';
import { loadedEngine } from '../../../src/elements/uploader/engine-loader.js';
import { loadedFilesView } from '../../../src/elements/uploader/files-view-loader.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import { watchFetch } from '../shared/fetch-spy.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('standalone entry: preload', function () {
  this.timeout(30000);

  it('loads nothing on a page without an uploader, even once idle; an uploader connecting loads engine and file list', async () => {
    expect(document.querySelector('cos-uploader')).to.equal(null);
    // Longer than the 1 s idle timeout the entry used to preload at.
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1500 }));
    await sleep(1200);
    expect(loadedEngine(), 'no engine without an uploader').to.equal(undefined);
    expect(loadedFilesView(), 'no file list either').to.equal(undefined);

    const sts: string[] = [];
    const restoreFetch = watchFetch((url) => sts.push(url));
    try {
      const el = document.createElement('cos-uploader') as CosUploader;
      for (const [name, value] of Object.entries({ bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', 'token-url': '/no-such-sts' })) {
        el.setAttribute(name, value);
      }
      document.body.append(el);
      for (let i = 0; i < 500 && !(loadedEngine() && loadedFilesView()); i += 1) await sleep(20);
      expect(loadedEngine(), 'engine loaded once an uploader connected').to.not.equal(undefined);
      expect(loadedFilesView(), 'file list loaded').to.not.equal(undefined);
      // A pointer passing over it, focus, a drag over the page: code only, no keys.
      el.dispatchEvent(new PointerEvent('pointerenter'));
      el.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
      document.dispatchEvent(new DragEvent('dragenter', { bubbles: true }));
      await sleep(300);
      expect(sts, 'no token request without intent').to.deep.equal([]);
      el.remove();
    } finally {
      restoreFetch();
    }
  });
});
