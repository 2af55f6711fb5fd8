// Integrity: every PUT, UploadPart and Complete answer's CRC-64 is checked against the bytes read
// from the file. The emulator's corruption faults flip a stored byte or answer with a wrong CRC header.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSignerTokenProvider, FetchTransport, type HttpRequest, type HttpResponse, type SendOptions, type Transport, type UploadEvent } from '../../../src/core/index.js';
import { fileOf, MiB, prefixFor, sha256, startLab, type Lab } from './helpers.js';

/** A transport that hides the CRC header, as a bucket whose CORS rule does not expose it. */
class HidingCrcTransport implements Transport {
  readonly #inner = new FetchTransport();
  async send(request: HttpRequest, options?: SendOptions): Promise<HttpResponse> {
    const response = await this.#inner.send(request, options);
    const headers = { ...response.headers };
    delete headers['x-cos-hash-crc64ecma'];
    return { ...response, headers };
  }
}

describe('CRC-64 integrity checks', { timeout: 120_000 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  const requestsOf = (key: string, action: string, partNumber?: number) =>
    lab.log().filter((e) => e.key === key && e.action === action && (partNumber === undefined || e.partNumber === partNumber));

  it('a part corrupted once is detected, re-sent once, and the object ends byte-identical', async () => {
    const file = fileOf(3 * MiB + 123, `${prefixFor('corrupt-part')}a.bin`, 11);
    lab.faults({ action: 'UploadPart', key: file.name, partNumber: 2, corrupt: 'stored', times: 1 });
    const client = lab.client();
    const manager = lab.manager(client);
    const warnings: UploadEvent[] = [];
    manager.on((e) => e.type === 'warning' && warnings.push(e));
    manager.add([file]);
    await manager.idle();
    const [upload] = manager.snapshot();
    assert.equal(upload.status, 'done', JSON.stringify(upload.error));
    assert.equal(requestsOf(file.name, 'UploadPart', 2).length, 2, 'part 2 sent twice');
    assert.equal(requestsOf(file.name, 'UploadPart', 1).length, 1, 'part 1 sent once');
    assert.equal(await sha256(await client.getObject(file.name)), await sha256(file));
    assert.equal(warnings.length, 0, 'every answer carried a CRC: no warning');
  });

  it('a part corrupted every time fails the file with Crc64Mismatch after one re-send, and Complete is never sent', async () => {
    const file = fileOf(2 * MiB + 5, `${prefixFor('corrupt-always')}b.bin`, 12);
    lab.faults({ action: 'UploadPart', key: file.name, partNumber: 1, corrupt: 'stored', probability: 1 });
    const manager = lab.manager(lab.client(), { retryDelays: [10, 10, 10] });
    manager.add([file]);
    await manager.idle();
    lab.emu.faults.clear();
    const [upload] = manager.snapshot();
    assert.equal(upload.status, 'failed');
    assert.equal(upload.error?.code, 'Crc64Mismatch');
    assert.match(upload.error!.message, /Part 1 arrived corrupted: COS stored CRC-64 \d+, the file's bytes give \d+ \(checked twice/);
    // One send plus one re-send; the engine's own retries do not repeat a checked mismatch.
    assert.equal(requestsOf(file.name, 'UploadPart', 1).length, 2);
    assert.equal(requestsOf(file.name, 'CompleteMultipartUpload').length, 0);
  });

  it('a simple PUT answered with a wrong CRC header once is re-sent; persistently wrong fails clearly', async () => {
    const prefix = prefixFor('put-crc');
    const once = fileOf(200_000, `${prefix}once.bin`, 13);
    const always = fileOf(150_000, `${prefix}always.bin`, 14);
    lab.faults({ action: 'PutObject', key: once.name, corrupt: 'crc-header', times: 1 });
    lab.faults({ action: 'PutObject', key: always.name, corrupt: 'crc-header', probability: 1 });
    const client = lab.client();
    const manager = lab.manager(client, { retryDelays: [10] });
    manager.add([once, always]);
    await manager.idle();
    lab.emu.faults.clear();
    const [a, b] = manager.snapshot();
    assert.equal(a.status, 'done');
    assert.equal(requestsOf(once.name, 'PutObject').length, 2);
    assert.equal(await sha256(await client.getObject(once.name)), await sha256(once));
    assert.equal(b.status, 'failed');
    assert.equal(b.error?.code, 'Crc64Mismatch');
    assert.match(b.error!.message, /^The file arrived corrupted/);
    assert.equal(requestsOf(always.name, 'PutObject').length, 2);
  });

  it('a small file sent by POST Object and corrupted once is re-sent; the object ends byte-identical', async () => {
    const file = fileOf(70_000, `${prefixFor('post-crc')}p.bin`, 20, 'image/png');
    lab.faults({ action: 'PostObject', corrupt: 'stored', times: 1 });
    const client = lab.client();
    const manager = lab.manager(client, { postObject: true });
    manager.add([file]);
    await manager.idle();
    const [upload] = manager.snapshot();
    assert.equal(upload.status, 'done', JSON.stringify(upload.error));
    const posts = lab.log().filter((e) => e.action === 'PostObject' && e.key === file.name);
    assert.equal(posts.length, 2, 'sent by POST, twice');
    assert.equal(requestsOf(file.name, 'PutObject').length, 0);
    const stored = await client.getObject(file.name);
    assert.equal(stored.type, 'image/png', 'Content-Type went as a form field');
    assert.equal(await sha256(stored), await sha256(file));
  });

  it('POST Object carries only what it can: not Pic-Operations, not other headers, not with a signing backend', async () => {
    const prefix = prefixFor('post-choice');
    const files = ['plain', 'pic', 'header', 'meta'].map((name, i) => fileOf(50_000, `${prefix}${name}.bin`, 30 + i));
    const manager = lab.manager(lab.client(), {
      postObject: true,
      picOperationsFor: (file) => ((file as File).name.endsWith('pic.bin') ? '{"rules":[]}' : undefined),
      headersFor: (file): Record<string, string> | undefined => {
        const name = (file as File).name;
        if (name.endsWith('header.bin')) return { 'x-cos-forbid-overwrite': 'true' };
        if (name.endsWith('meta.bin')) return { 'x-cos-meta-origin': 'bench' };
        return undefined;
      },
    });
    manager.add(files);
    await manager.idle();
    assert.deepEqual(manager.snapshot().map((u) => u.status), ['done', 'done', 'done', 'done']);
    const how = (file: File) => lab.log().filter((e) => e.key === file.name && (e.action === 'PostObject' || e.action === 'PutObject')).map((e) => e.action);
    assert.deepEqual(files.map(how), [['PostObject'], ['PutObject'], ['PutObject'], ['PostObject']]);

    const signed = fileOf(40_000, `${prefix}signed.bin`, 40);
    const viaSigner = lab.manager(lab.client({ tokenProvider: createSignerTokenProvider({ url: `${lab.url}/sign` }) }), { postObject: true });
    viaSigner.add([signed]);
    await viaSigner.idle();
    assert.equal(viaSigner.snapshot()[0].status, 'done');
    assert.deepEqual(how(signed), ['PutObject'], 'a backend that signs each request cannot sign a policy');
  });

  it('keys whose policy lacks PostObject: the first POST is refused, that file and the rest go by PUT', async () => {
    const prefix = prefixFor('no-post');
    const files = [fileOf(30_000, `${prefix}1.bin`, 41), fileOf(30_000, `${prefix}2.bin`, 42), fileOf(30_000, `${prefix}3.bin`, 43)];
    const tokenProvider = lab.sts({ actions: 'PutObject,GetObject,InitiateMultipartUpload,ListMultipartUploads,ListParts,UploadPart,CompleteMultipartUpload,AbortMultipartUpload' });
    const client = lab.client({ tokenProvider });
    const manager = lab.manager(client, { postObject: true, concurrency: 1 });
    manager.add(files);
    await manager.idle();
    assert.deepEqual(manager.snapshot().map((u) => [u.status, u.error?.code]), files.map(() => ['done', undefined]));
    const posts = lab.log().filter((e) => e.action === 'PostObject' && e.status === 403);
    assert.equal(posts.length, 1, 'one refused POST, then PUT only');
    assert.deepEqual(files.map((f) => requestsOf(f.name, 'PutObject').map((e) => e.status)), [[200], [200], [200]]);
    for (const file of files) assert.equal(await sha256(await client.getObject(file.name)), await sha256(file));
  });

  it('a Complete answer whose CRC differs from the parts combined fails the file; a retry uploads it all again', async () => {
    const file = fileOf(2 * MiB + 77, `${prefixFor('complete-crc')}c.bin`, 15);
    lab.faults({ action: 'CompleteMultipartUpload', key: file.name, corrupt: 'crc-header', times: 1 });
    const client = lab.client();
    const manager = lab.manager(client);
    manager.add([file]);
    await manager.idle();
    let [upload] = manager.snapshot();
    assert.equal(upload.status, 'failed');
    assert.equal(upload.error?.code, 'Crc64Mismatch');
    assert.match(upload.error!.message, /^The completed object arrived corrupted/);
    manager.retry(upload.id);
    await manager.idle();
    [upload] = manager.snapshot();
    assert.equal(upload.status, 'done', JSON.stringify(upload.error));
    assert.equal(requestsOf(file.name, 'InitiateMultipartUpload').length, 2, 'the retry started a new upload');
    assert.equal(await sha256(await client.getObject(file.name)), await sha256(file));
  });

  it('without a readable CRC header uploads still succeed and the manager warns exactly once', async () => {
    const prefix = prefixFor('hidden');
    const files = [fileOf(100_000, `${prefix}s1.bin`, 16), fileOf(2 * MiB + 1, `${prefix}m.bin`, 17), fileOf(90_000, `${prefix}s2.bin`, 18)];
    const manager = lab.manager(lab.client({ transport: new HidingCrcTransport() }));
    const warnings: Extract<UploadEvent, { type: 'warning' }>[] = [];
    manager.on((e) => e.type === 'warning' && warnings.push(e));
    manager.add(files);
    await manager.idle();
    assert.deepEqual(manager.snapshot().map((u) => u.status), ['done', 'done', 'done']);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].warning.code, 'IntegrityUnchecked');
    assert.match(warnings[0].warning.message, /x-cos-hash-crc64ecma.*ExposeHeaders/);
  });

  it('verifyIntegrity: false sends without hashing or warning, as before', async () => {
    const file = fileOf(120_000, `${prefixFor('off')}d.bin`, 19);
    lab.faults({ action: 'PutObject', key: file.name, corrupt: 'crc-header', times: 1 });
    const manager = lab.manager(lab.client({ transport: new HidingCrcTransport() }), { verifyIntegrity: false });
    const events: string[] = [];
    manager.on((e) => events.push(e.type));
    manager.add([file]);
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
    assert.ok(!events.includes('warning'));
    assert.equal(requestsOf(file.name, 'PutObject').length, 1);
  });
});
