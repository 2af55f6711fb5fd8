import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FetchTransport } from '../../../src/core/http/fetch-transport.js';
import { CosError } from '../../../src/core/http/errors.js';
import { parseRawHeaders, isForbiddenHeader } from '../../../src/core/http/transport-shared.js';
import { startFakeCos, type FakeAnswer, type FakeCos } from './fixtures/fake-cos-server.js';

describe('FetchTransport against a local server', () => {
  let server: FakeCos;
  before(async () => {
    server = await startFakeCos((req): FakeAnswer => {
      if (req.path === '/slow') return { delayMs: 2000 };
      if (req.path === '/drop') return { drop: true };
      if (req.path === '/image') return { headers: { 'Content-Type': 'image/png', ETag: '"abc"' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]) };
      if (req.path === '/missing') return { status: 404, headers: { 'Content-Type': 'application/xml' }, body: '<Error><Code>NoSuchKey</Code></Error>' };
      return { headers: { ETag: '"e1"', 'X-Custom-Thing': 'Yes' }, body: `echo ${req.body.length}` };
    });
  });
  after(() => server.close());

  it('sends method, headers and body; response header names are lower-cased', async () => {
    const progress: [number, number][] = [];
    const res = await new FetchTransport().send(
      { method: 'PUT', url: `${server.url}/a.txt?x=1`, headers: { 'Content-Type': 'text/plain', 'x-cos-meta-a': 'b' }, body: new Blob(['hello']) },
      { onUploadProgress: (loaded, total) => progress.push([loaded, total]) },
    );
    assert.equal(res.status, 200);
    assert.equal(res.text, 'echo 5');
    assert.equal(res.headers.etag, '"e1"');
    assert.equal(res.headers['x-custom-thing'], 'Yes');
    const seen = server.requests.at(-1)!;
    assert.equal(seen.headers['content-type'], 'text/plain');
    assert.equal(seen.headers['x-cos-meta-a'], 'b');
    assert.equal(seen.headers['content-length'], '5');
    assert.deepEqual(progress, [[5, 5]]);
  });

  it('never forwards forbidden headers (Host, Content-Length): the runtime sets them', async () => {
    await new FetchTransport().send({ method: 'PUT', url: `${server.url}/f`, headers: { Host: 'evil.test', 'Content-Length': '999' }, body: 'abc' });
    const seen = server.requests.at(-1)!;
    assert.equal(seen.headers.host, new URL(server.url).host);
    assert.equal(seen.headers['content-length'], '3');
  });

  it("responseType 'blob' keeps the bytes; an error body is also readable as text", async () => {
    const res = await new FetchTransport().send({ method: 'GET', url: `${server.url}/image`, headers: {}, responseType: 'blob' });
    assert.deepEqual([...new Uint8Array(await res.blob!.arrayBuffer())], [0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const missing = await new FetchTransport().send({ method: 'GET', url: `${server.url}/missing`, headers: {}, responseType: 'blob' });
    assert.equal(missing.status, 404);
    assert.match(missing.text, /NoSuchKey/);
  });

  it('resolves for 4xx (the client maps them)', async () => {
    const res = await new FetchTransport().send({ method: 'GET', url: `${server.url}/missing`, headers: {} });
    assert.equal(res.status, 404);
  });

  it('a refused connection → CosError NetworkError, status 0, retryable, no query in the message', async () => {
    const closed = await startFakeCos(() => ({}));
    await closed.close();
    await assert.rejects(
      new FetchTransport().send({ method: 'GET', url: `${closed.url}/k?q-signature=secret`, headers: {} }),
      (err: unknown) => err instanceof CosError && err.code === 'NetworkError' && err.status === 0 &&
        err.source === 'network' && err.retryable && !err.message.includes('secret') && err.message.includes('/k'),
    );
  });

  it('a dropped connection → NetworkError', async () => {
    await assert.rejects(new FetchTransport().send({ method: 'GET', url: `${server.url}/drop`, headers: {} }),
      (err: unknown) => err instanceof CosError && err.code === 'NetworkError');
  });

  it('abort rejects with signal.reason, before and during the request', async () => {
    const reason = new Error('paused');
    const pre = new AbortController();
    pre.abort(reason);
    await assert.rejects(new FetchTransport().send({ method: 'GET', url: `${server.url}/a`, headers: {} }, { signal: pre.signal }), (e) => e === reason);

    const during = new AbortController();
    const started = Date.now();
    const pending = new FetchTransport().send({ method: 'GET', url: `${server.url}/slow`, headers: {} }, { signal: during.signal });
    setTimeout(() => during.abort(reason), 50);
    await assert.rejects(pending, (e) => e === reason);
    assert.ok(Date.now() - started < 1000);
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const fetch = (async (url: string) => {
      calls.push(url);
      return new Response('ok', { status: 201, headers: { 'X-Cos-Request-Id': 'r' } });
    }) as unknown as typeof globalThis.fetch;
    const res = await new FetchTransport({ fetch }).send({ method: 'GET', url: 'http://x.test/k', headers: {} });
    assert.deepEqual([res.status, res.text, res.headers['x-cos-request-id'], calls], [201, 'ok', 'r', ['http://x.test/k']]);
  });
});

describe('transport helpers', () => {
  it('parseRawHeaders lower-cases names and joins repeats', () => {
    assert.deepEqual(parseRawHeaders('ETag: "a"\r\nX-Cos-Request-Id: r1\r\nVary: Origin\r\nvary: Accept\r\n'), {
      etag: '"a"', 'x-cos-request-id': 'r1', vary: 'Origin, Accept',
    });
  });

  it('isForbiddenHeader', () => {
    for (const name of ['Host', 'content-length', 'Origin', 'Proxy-Authorization', 'Sec-Fetch-Mode', 'Date']) assert.ok(isForbiddenHeader(name), name);
    for (const name of ['Content-Type', 'Authorization', 'x-cos-security-token', 'Pic-Operations', 'Content-MD5']) assert.ok(!isForbiddenHeader(name), name);
  });
});
