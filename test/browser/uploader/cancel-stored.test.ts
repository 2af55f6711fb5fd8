// Cancel clicked while COS completes the upload, and COS commits first. The row reads "Stored before the
// cancel took effect" with a Delete button, cos-upload-cancel carries what is stored, and Delete removes it.
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import {
  CosClient, CosError, MemoryResumeStore, UploadManager, XhrTransport, createStsTokenProvider,
  type HttpRequest, type HttpResponse, type SendOptions, type Transport,
} from '../../../src/core/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosUploadCancelEvent } from '../../../src/events/upload-cancel.js';
import { emulator, fileOf, MiB, uniqueKey } from '../upload/emulator.js';

/** The Complete reaches the emulator and commits; its answer is held until the request is aborted by the cancel. */
class HeldCompleteTransport implements Transport {
  readonly #inner = new XhrTransport();
  committed = false;
  async send(request: HttpRequest, options?: SendOptions): Promise<HttpResponse> {
    const complete = request.method === 'POST' && new URL(request.url).searchParams.has('uploadId');
    if (!complete) return this.#inner.send(request, options);
    const response = await this.#inner.send(request, { ...options, signal: undefined });
    this.committed = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      options?.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    if (options?.signal?.aborted) throw options.signal.reason;
    return response;
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ACTIONS = 'PutObject,InitiateMultipartUpload,ListMultipartUploads,ListParts,UploadPart,CompleteMultipartUpload,AbortMultipartUpload,GetObject,HeadObject,DeleteObject';

describe('<cos-uploader>: a cancel that came after COS stored the file', function () {
  this.timeout(60_000);

  it('the row and cos-upload-cancel say what is stored; Delete removes it and the row reads Cancelled', async () => {
    const emu = await emulator();
    const transport = new HeldCompleteTransport();
    const tokenProvider = createStsTokenProvider({ url: `${emu.url}/sts?actions=${ACTIONS}` });
    const client = new CosClient({ bucket: emu.bucket, region: emu.region, endpoint: emu.endpoint, tokenProvider, transport });
    const el = await fixture<CosUploader>(html`<cos-uploader></cos-uploader>`);
    const key = uniqueKey('report.bin');
    el.manager = new UploadManager({
      client, resumeStore: new MemoryResumeStore(), multipartThreshold: MiB, partSize: MiB, ...el.managerHooks(), keyFor: () => key,
    });
    const cancels: CosUploadCancelEvent[] = [];
    el.addEventListener('cos-upload-cancel', (event) => cancels.push(event));
    el.addFiles([fileOf(2 * MiB + 10, 'report.bin', 3)]);

    await until(() => transport.committed, 'the Complete committed');
    const row = () => el.shadowRoot!.querySelector('[part~="file"]')!;
    // Rows re-render once per frame: wait for the DOM itself, not for one update cycle.
    await until(() => !!row()?.querySelector('button.cancel'), 'the row with its Cancel button');
    (row().querySelector('button.cancel') as HTMLButtonElement).click();
    await until(() => cancels.length === 1, 'cos-upload-cancel');
    const head = await client.headObject(key);
    expect(cancels[0].detail.key).to.equal(key);
    expect(cancels[0].detail.stored?.etag).to.equal(head.etag);
    expect(cancels[0].detail.stored?.location).to.match(new RegExp(`${key}$`));
    expect(cancels[0].bubbles && cancels[0].composed).to.equal(true);

    await until(() => el.uploads[0]?.status === 'stored', 'the row state');
    await until(() => row().getAttribute('data-status') === 'stored', 'the stored row');
    expect(row().querySelector('.status')!.textContent).to.equal('Stored before the cancel took effect');
    const buttons = [...row().querySelectorAll('[part~="actions"] button')].map((b) => b.textContent);
    expect(buttons).to.deep.equal(['Delete', 'Remove']);

    (row().querySelector('button.delete') as HTMLButtonElement).click();
    await until(() => el.uploads[0]?.status === 'cancelled', 'the Delete');
    await until(() => row().querySelector('.status')?.textContent === 'Cancelled', 'the Cancelled row');
    expect(cancels).to.have.length(2);
    expect(cancels[1].detail.stored).to.equal(undefined);
    const gone = await client.headObject(key).then(() => undefined, (err: unknown) => err);
    expect(gone instanceof CosError && gone.status).to.equal(404);
  });
});
