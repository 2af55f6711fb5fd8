import { expect } from '@open-wc/testing';
import { CosClient, CosError, XhrTransport, createSignerTokenProvider, createStsTokenProvider } from '../../../src/core/index.js';
import { QUIET_BODY_BYTES } from '../../../src/core/http/xhr-transport.js';
import { type EmulatorInfo, emulator } from '../shared/emulator.js';

const emu: EmulatorInfo = await emulator();

function newClient(): CosClient {
  return new CosClient({
    bucket: emu.bucket,
    region: emu.region,
    endpoint: emu.endpoint,
    // All actions: the tests also delete what they upload.
    tokenProvider: createStsTokenProvider({ url: `${emu.url}/sts?actions=*` }),
  });
}

/** Deterministic bytes, so what comes back can be compared. */
function blobOf(size: number, seed = 7): Blob {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + seed) & 0xff;
  return new Blob([bytes], { type: 'application/octet-stream' });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

const uniqueKey = (name: string) => `core-xhr/${Date.now()}-${Math.random().toString(36).slice(2)}/${name}`;

describe('XhrTransport + CosClient against the emulator', () => {
  it('the default transport in a browser is XhrTransport', () => {
    expect(typeof XMLHttpRequest).to.equal('function');
  });

  it('PUT with upload progress, then HEAD sees the same size and ETag', async () => {
    const client = newClient();
    const key = uniqueKey('progress.bin');
    const body = blobOf(3 * 1024 * 1024 + 17);
    const events: [number, number][] = [];
    const put = await client.putObject(key, body, { onProgress: (loaded, total) => events.push([loaded, total]) });
    expect(put.etag).to.match(/^"[0-9a-f]{32}"$/);
    expect(put.requestId, 'x-cos-request-id is exposed through CORS').to.be.a('string');
    expect(events.length).to.be.greaterThan(0);
    for (let i = 1; i < events.length; i += 1) expect(events[i][0]).to.be.at.least(events[i - 1][0]);
    expect(events.at(-1)).to.deep.equal([body.size, body.size]);

    const head = await client.headObject(key);
    expect(head.size).to.equal(body.size);
    expect(head.etag).to.equal(put.etag);
    await client.deleteObject(key);
  });

  it('a small body goes without upload listeners (no upload events, a simple CORS request) and reports its progress once, complete', async () => {
    const seen: { quiet: boolean; size: number }[] = [];
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body) {
      seen.push({ quiet: this.upload.onprogress === null && this.upload.onload === null, size: body instanceof Blob ? body.size : -1 });
      return send.call(this, body);
    };
    try {
      const client = newClient();
      for (const size of [4096, 128 * 1024, 128 * 1024 + 1]) {
        const key = uniqueKey(`quiet-${size}.bin`);
        const events: [number, number][] = [];
        const put = await client.putObject(key, blobOf(size), { onProgress: (loaded, total) => events.push([loaded, total]) });
        expect(put.etag).to.match(/^"[0-9a-f]{32}"$/);
        if (size <= QUIET_BODY_BYTES) expect(events, `${size} bytes: one progress report`).to.deep.equal([[size, size]]);
        else expect(events.at(-1), `${size} bytes: progress ends complete`).to.deep.equal([size, size]);
        await client.deleteObject(key);
      }
    } finally {
      XMLHttpRequest.prototype.send = send;
    }
    const puts = seen.filter((s) => s.size >= 0);
    expect(puts.map((s) => [s.size, s.quiet])).to.deep.equal([[4096, true], [128 * 1024, true], [128 * 1024 + 1, false]]);
  });

  it('GET as a Blob returns the same bytes (responseType blob)', async () => {
    const client = newClient();
    const key = uniqueKey('bytes.bin');
    const body = blobOf(100_000, 3);
    await client.putObject(key, body);
    const back = await client.getObject(key);
    expect(back.size).to.equal(body.size);
    expect(new Uint8Array(await back.arrayBuffer())).to.deep.equal(new Uint8Array(await body.arrayBuffer()));
    await client.deleteObject(key);
  });

  it('abort during the upload rejects with signal.reason and stores nothing', async () => {
    const client = newClient();
    const key = uniqueKey('aborted.bin');
    const controller = new AbortController();
    const reason = new Error('user paused');
    let aborted = false;
    const pending = client.putObject(key, blobOf(24 * 1024 * 1024), {
      signal: controller.signal,
      onProgress: () => {
        if (!aborted) {
          aborted = true;
          controller.abort(reason);
        }
      },
    });
    // If no progress event comes first, abort anyway shortly after the request started.
    setTimeout(() => controller.abort(reason), 20);
    expect(await rejection(pending)).to.equal(reason);
    const err = await rejection(client.headObject(key));
    expect(err).to.be.instanceOf(CosError);
    expect((err as CosError).status).to.equal(404);
  });

  it('an aborted signal rejects before any XHR is opened', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await rejection(new XhrTransport().send({ method: 'GET', url: `${emu.url}/`, headers: {} }, { signal: controller.signal }));
    expect((err as Error).name).to.equal('AbortError');
  });

  it('a network/CORS failure rejects with NetworkError, status 0, retryable', async () => {
    const err = await rejection(new XhrTransport().send({ method: 'GET', url: 'http://127.0.0.1:9/nothing-listens-here?q-signature=secret', headers: {} }));
    expect(err).to.be.instanceOf(CosError);
    const cos = err as CosError;
    expect([cos.code, cos.status, cos.source, cos.retryable]).to.deep.equal(['NetworkError', 0, 'network', true]);
    expect(cos.message).to.not.contain('secret');
  });

  it('forbidden headers are dropped instead of throwing; a non-Latin-1 value is a clear error', async () => {
    const transport = new XhrTransport();
    const res = await transport.send({ method: 'GET', url: `${emu.url}/${emu.bucket}/nope`, headers: { Host: 'evil.test', 'Content-Length': '5' } });
    expect(res.status).to.be.oneOf([403, 404]);
    expect(Object.keys(res.headers).every((name) => name === name.toLowerCase())).to.equal(true);
    const err = await rejection(transport.send({ method: 'GET', url: `${emu.url}/`, headers: { 'x-cos-meta-name': '照片' } }));
    expect((err as CosError).code).to.equal('InvalidHeader');
  });

  it('multipart calls parse XML in the browser (lazy fast-xml-parser) and errors carry request ids', async () => {
    const client = newClient();
    const key = uniqueKey('multi.bin');
    const { uploadId } = await client.initiateMultipartUpload(key);
    const part = await client.uploadPart(key, uploadId, 1, blobOf(1024));
    expect(part.etag).to.match(/^"[0-9a-f]{32}"$/);
    const parts = await client.listParts(key, uploadId);
    expect(parts.map((p) => [p.partNumber, p.size, p.etag])).to.deep.equal([[1, 1024, part.etag]]);
    await client.abortMultipartUpload(key, uploadId);
    const err = (await rejection(client.listParts(key, uploadId))) as CosError;
    expect(err.code).to.equal('NoSuchUpload');
    expect(err.requestId).to.be.a('string');
  });

  it('a backend that signs each request (createSignerTokenProvider) works end to end', async () => {
    const client = new CosClient({
      bucket: emu.bucket, region: emu.region, endpoint: emu.endpoint,
      tokenProvider: createSignerTokenProvider({ url: `${emu.url}/sign` }),
    });
    const key = uniqueKey('signed-by-backend.txt');
    const put = await client.putObject(key, new Blob(['signed'], { type: 'text/plain' }));
    expect((await client.headObject(key)).etag).to.equal(put.etag);
    await client.deleteObject(key);
  });

  it('a pre-signed URL works from the page (fetch)', async () => {
    const client = newClient();
    const key = uniqueKey('signed url.txt');
    await client.putObject(key, new Blob(['presigned'], { type: 'text/plain' }));
    const url = await client.getObjectUrl(key);
    expect(url).to.contain('q-signature=');
    const res = await fetch(url);
    expect(res.status).to.equal(200);
    expect(await res.text()).to.equal('presigned');
    await client.deleteObject(key);
  });
});
