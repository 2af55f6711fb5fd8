// A cancel that races CompleteMultipartUpload. Before, the row said "cancelled" while COS had stored the
// object (the abort's NoSuchUpload was ignored). Now the engine finds out: `stored` (with a Delete), or deleted
// under strictCancel, or `cancelled` when the abort won. docs/edge-cases.md.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import {
  CosError, FetchTransport, type HttpRequest, type HttpResponse, type SendOptions, type Transport, type UploadEvent,
} from '../../../src/core/index.js';
import { DEFAULT_UPLOAD_ACTIONS } from '../../../src/emulator/sts.js';
import { fileOf, MiB, prefixFor, sha256, startLab, until, waitFor, type Lab } from './helpers.js';

const isComplete = (request: HttpRequest) => request.method === 'POST' && new URL(request.url).searchParams.has('uploadId');

/** Lets the Complete reach COS and commit, then holds its answer until the request is aborted (the user cancelled). */
class HeldCompleteTransport implements Transport {
  readonly #inner = new FetchTransport();
  committed = false;
  /** Runs once COS has committed, before the answer is held (e.g. someone else overwrites the key). */
  constructor(private readonly afterCommit?: () => Promise<void>) {}
  async send(request: HttpRequest, options?: SendOptions): Promise<HttpResponse> {
    if (!isComplete(request)) return this.#inner.send(request, options);
    const response = await this.#inner.send(request, { ...options, signal: undefined });
    await this.afterCommit?.();
    this.committed = true;
    const signal = options?.signal;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    if (signal?.aborted) throw signal.reason;
    return response;
  }
}

/** A noisy PNG above the lab's 1 MiB multipart threshold, so Pic-Operations run on the Complete. */
async function bigPng(name: string): Promise<File> {
  const side = 700;
  const pixels = Buffer.from(await fileOf(side * side * 3, 'noise', 17).arrayBuffer());
  const png = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
  return new File([new Uint8Array(png)], name, { type: 'image/png' });
}

const absent = async (lab: Lab, key: string) => {
  try {
    await lab.client().headObject(key);
    return false;
  } catch (err) {
    return err instanceof CosError && err.status === 404;
  }
};

describe('cancel while COS completes the upload', { timeout: 90_000 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  async function raceCommittedComplete(strictCancel: boolean) {
    const prefix = prefixFor(strictCancel ? 'strict' : 'stored');
    const file = await bigPng(`${prefix}photo.png`);
    const output = `${prefix}thumb.webp`;
    const picOperations = JSON.stringify({ rules: [{ fileid: 'thumb.webp', rule: 'imageMogr2/thumbnail/64x/format/webp' }] });
    const transport = new HeldCompleteTransport();
    // Deleting needs DeleteObject in the temporary key's policy, which upload-only policies leave out.
    const client = lab.client({ transport, tokenProvider: lab.sts({ actions: `${DEFAULT_UPLOAD_ACTIONS.join(',')},DeleteObject` }) });
    const manager = lab.manager(client, { strictCancel, picOperationsFor: () => picOperations });
    const events: UploadEvent[] = [];
    manager.on((event) => events.push(event));
    const [added] = manager.add([file]);
    await until(() => transport.committed, 30_000, 'the Complete committed on the server');
    assert.equal(manager.snapshot()[0].status, 'completing');
    await manager.cancel(added.id);
    return { prefix, file, output, manager, events, client: lab.client() };
  }

  it('the Complete committed first: the row is `stored` with what is stored, the event says so, Delete removes it', async () => {
    const { prefix, file, output, manager, events, client } = await raceCommittedComplete(false);
    const [upload] = manager.snapshot();
    const head = await client.headObject(file.name);
    assert.equal(upload.status, 'stored');
    assert.deepEqual([upload.result?.key, upload.result?.etag], [file.name, head.etag]);
    assert.match(upload.result!.location, new RegExp(`${file.name}$`));
    assert.equal(await sha256(await client.getObject(file.name)), await sha256(file), 'the stored object is the file');
    assert.ok(!(await absent(lab, output)), 'its processed output is stored too');
    const last = events.filter((e) => e.type !== 'progress' && e.type !== 'complete').at(-1)!;
    assert.equal(last.type, 'stored');
    assert.ok(!events.some((e) => e.type === 'cancelled'), 'no event claimed "cancelled"');
    assert.deepEqual(await client.listMultipartUploads(prefix), []);

    await manager.deleteStored(upload.id);
    assert.equal(manager.snapshot()[0].status, 'cancelled');
    assert.equal(manager.snapshot()[0].result, undefined);
    assert.ok(await absent(lab, file.name), 'Delete removed the object');
    assert.ok(await absent(lab, output), 'and its processed output');
    assert.equal(events.filter((e) => e.type !== 'complete').at(-1)!.type, 'cancelled');
  });

  it('strict cancel: the object and its processed output are deleted before cancel() resolves', async () => {
    const { prefix, file, output, manager, events, client } = await raceCommittedComplete(true);
    const [upload] = manager.snapshot();
    assert.deepEqual([upload.status, upload.error, upload.result], ['cancelled', undefined, undefined]);
    assert.ok(await absent(lab, file.name), 'nothing is left at the key');
    assert.ok(await absent(lab, output), 'nor at the output key');
    assert.deepEqual(await client.listMultipartUploads(prefix), [], 'nor an open upload');
    assert.ok(!events.some((e) => e.type === 'stored'));
  });

  it('the abort won (Complete still merging): `cancelled`, nothing stored, and an older object at the key is kept even with strict cancel', async () => {
    const prefix = prefixFor('abort-wins');
    const file = fileOf(2 * MiB + 3, `${prefix}data.bin`, 5);
    const older = fileOf(2 * MiB + 3, file.name, 5);
    const seeded = lab.client();
    await seeded.putObject(older.name, older);
    const before = await seeded.headObject(file.name);
    // COS holds the Complete for 1.5 s before it merges; the cancel lands in that window.
    lab.faults({ action: 'CompleteMultipartUpload', key: file.name, delayMs: 1500 });
    const manager = lab.manager(lab.client(), { strictCancel: true });
    const [added] = manager.add([file]);
    await waitFor(manager, ([u]) => u.status === 'completing', 30_000);
    await until(() => lab.log().some((e) => e.action === 'CompleteMultipartUpload' && e.key === file.name), 10_000, 'the Complete sent');
    await manager.cancel(added.id);
    assert.deepEqual([manager.snapshot()[0].status, manager.snapshot()[0].error], ['cancelled', undefined]);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await seeded.headObject(file.name);
    assert.equal(after.etag, before.etag, 'the older object is untouched: the Complete did not commit, nothing was deleted');
    assert.deepEqual(await seeded.listMultipartUploads(prefix), []);
    assert.ok(!lab.log().some((e) => e.action === 'DeleteObject' && e.key === file.name), 'no DeleteObject was sent');
  });

  it('the outcome cannot be checked (no HeadObject in the policy): cancel rejects and the row says why, not just "cancelled"', async () => {
    const prefix = prefixFor('no-head');
    const file = fileOf(2 * MiB + 1, `${prefix}data.bin`, 9);
    const transport = new HeldCompleteTransport();
    const actions = DEFAULT_UPLOAD_ACTIONS.filter((action) => action !== 'HeadObject').join(',');
    const manager = lab.manager(lab.client({ transport, tokenProvider: lab.sts({ actions }) }));
    const [added] = manager.add([file]);
    await until(() => transport.committed, 30_000, 'the Complete committed');
    await assert.rejects(manager.cancel(added.id), (err: unknown) => err instanceof CosError && err.code === 'AccessDenied');
    const [upload] = manager.snapshot();
    assert.deepEqual([upload.status, upload.error?.code], ['cancelled', 'AccessDenied']);
  });

  it('another object replaced ours before the check: CancelUnconfirmed, and strict cancel deletes nothing', async () => {
    const prefix = prefixFor('replaced');
    const file = fileOf(2 * MiB + 1, `${prefix}data.bin`, 10);
    const theirs = fileOf(1000, file.name, 11);
    const other = lab.client();
    const transport = new HeldCompleteTransport(async () => {
      await other.putObject(theirs.name, theirs);
    });
    const tokenProvider = lab.sts({ actions: `${DEFAULT_UPLOAD_ACTIONS.join(',')},DeleteObject` });
    const manager = lab.manager(lab.client({ transport, tokenProvider }), { strictCancel: true });
    const [added] = manager.add([file]);
    await until(() => transport.committed, 30_000, 'the Complete committed');
    await assert.rejects(manager.cancel(added.id), (err: unknown) => err instanceof CosError && err.code === 'CancelUnconfirmed');
    assert.deepEqual([manager.snapshot()[0].status, manager.snapshot()[0].error?.code], ['cancelled', 'CancelUnconfirmed']);
    assert.equal(await sha256(await other.getObject(file.name)), await sha256(theirs), 'the other object is kept');
  });

  it('strict cancel without DeleteObject in the policy: the file ends `stored` with the AccessDenied, not `cancelled`', async () => {
    const prefix = prefixFor('strict-denied');
    const file = fileOf(2 * MiB + 1, `${prefix}data.bin`, 12);
    const transport = new HeldCompleteTransport();
    const manager = lab.manager(lab.client({ transport }), { strictCancel: true });
    const [added] = manager.add([file]);
    await until(() => transport.committed, 30_000, 'the Complete committed');
    await assert.rejects(manager.cancel(added.id), (err: unknown) => err instanceof CosError && err.code === 'AccessDenied');
    const [upload] = manager.snapshot();
    assert.deepEqual([upload.status, upload.error?.code, upload.result?.key], ['stored', 'AccessDenied', file.name]);
    assert.ok(!(await absent(lab, file.name)), 'the object is indeed still stored');
  });
});
