// The standalone entry fetches the engine and the file list at the page's first idle moment, before any uploader
// exists, so a file dropped right after an uploader appears does not wait for chunks (docs/many-files-throughput.md#cold-start).
import { expect } from '@open-wc/testing';
// First: the entry's idle callback is held, so this page can look before and after it runs.
import { runIdleCallbacks } from './hold-idle.js';
import '../../../src/standalone.js';
import { loadedEngine } from '../../../src/elements/uploader/engine-loader.js';
import { loadedFilesView } from '../../../src/elements/uploader/files-view-loader.js';

describe('standalone entry: idle preload', function () {
  this.timeout(30000);

  it('asks for one idle callback at load, which loads the engine and the file list with no uploader on the page', async () => {
    expect(document.querySelector('cos-uploader')).to.equal(null);
    expect(loadedEngine(), 'nothing loaded before the page is idle').to.equal(undefined);
    expect(loadedFilesView()).to.equal(undefined);
    expect(runIdleCallbacks(), 'one idle callback asked for').to.equal(1);
    for (let i = 0; i < 500 && !(loadedEngine() && loadedFilesView()); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(loadedEngine(), 'engine loaded').to.not.equal(undefined);
    expect(loadedFilesView(), 'file list loaded').to.not.equal(undefined);
    expect(typeof loadedEngine()!.CosClient).to.equal('function');
  });
});
