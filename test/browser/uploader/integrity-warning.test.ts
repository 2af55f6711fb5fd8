// <cos-uploader> when the bucket's CORS rule does not expose x-cos-hash-crc64ecma: uploads still
// succeed, and the page gets one cos-upload-warning and one visible message, however many files follow.
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import {
  CosClient, createStsTokenProvider, MemoryResumeStore, UploadManager, XhrTransport,
  type HttpRequest, type HttpResponse, type SendOptions, type Transport,
} from '../../../src/core/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosUploadWarningEvent } from '../../../src/events/index.js';
import { emulator } from '../shared/emulator.js';

/** What a browser sees when the header is not in ExposeHeaders: it is simply absent. */
class HidingCrcTransport implements Transport {
  readonly #inner = new XhrTransport();
  async send(request: HttpRequest, options?: SendOptions): Promise<HttpResponse> {
    const response = await this.#inner.send(request, options);
    const headers = { ...response.headers };
    delete headers['x-cos-hash-crc64ecma'];
    return { ...response, headers };
  }
}

describe('<cos-uploader> integrity warning', () => {
  it('warns once (event and message) when the CRC header is not readable, and every file still uploads', async () => {
    const emu = await emulator();
    const el = await fixture<CosUploader>(html`<cos-uploader bucket=${emu.bucket} region=${emu.region} multiple></cos-uploader>`);
    const client = new CosClient({
      bucket: emu.bucket, region: emu.region, endpoint: emu.endpoint,
      tokenProvider: createStsTokenProvider({ url: `${emu.url}/sts` }), transport: new HidingCrcTransport(),
    });
    const prefix = `integrity-warning-${Date.now()}/`;
    el.manager = new UploadManager({
      client, resumeStore: new MemoryResumeStore(), postObject: false, ...el.managerHooks(), keyFor: (f) => prefix + (f as File).name,
    });
    const warnings: CosUploadWarningEvent[] = [];
    el.addEventListener('cos-upload-warning', (e) => warnings.push(e));
    let succeeded = 0;
    el.addEventListener('cos-upload-success', () => (succeeded += 1));
    const done = new Promise((resolve) => el.addEventListener('cos-queue-complete', resolve, { once: true }));
    el.addFiles([new File(['one'], 'one.txt', { type: 'text/plain' }), new File(['two'], 'two.txt', { type: 'text/plain' }), new File(['three'], 'three.txt', { type: 'text/plain' })]);
    await done;
    await el.updateComplete;
    expect(succeeded).to.equal(3);
    expect(warnings).to.have.length(1);
    expect(warnings[0].detail.warning.code).to.equal('IntegrityUnchecked');
    expect(warnings[0].bubbles && warnings[0].composed).to.equal(true);
    const messages = [...el.shadowRoot!.querySelectorAll('[part~="messages"] .notice')].map((n) => n.textContent ?? '');
    expect(messages.filter((m) => m.includes('x-cos-hash-crc64ecma'))).to.have.length(1);
    expect(messages.join(' ')).to.match(/integrity is not checked: add x-cos-hash-crc64ecma to ExposeHeaders/);
  });
});
