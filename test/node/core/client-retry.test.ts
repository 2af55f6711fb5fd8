import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CosClient, type CosClientOptions } from '../../../src/core/client.js';
import { FetchTransport } from '../../../src/core/http/fetch-transport.js';
import { CosError } from '../../../src/core/http/errors.js';
import { ManualNetworkStatus } from '../../../src/core/http/network.js';
import { networkError } from '../../../src/core/http/transport-shared.js';
import type { HttpRequest, HttpResponse, Transport } from '../../../src/core/types.js';
import { createCredentialsProvider } from '../../../src/core/auth/credentials.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { startFakeCos, verifySignature, parseAuthorization, xml, type FakeAnswer, type FakeCos, type SeenRequest } from './fixtures/fake-cos-server.js';

const BUCKET = 'examplebucket-1250000000';
const SECRET = 'tmpSecretKeyEXAMPLE';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/xml/${name}`, import.meta.url), 'utf8');
const errorXml = (code: string, message: string) => `<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>body-${code}</RequestId></Error>`;

let server: FakeCos | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client on a fake COS; `delays` records every wait between attempts; keys carry no StartTime. */
async function setup(answer: (req: SeenRequest, n: number) => FakeAnswer | Promise<FakeAnswer>, extra: Partial<CosClientOptions> = {}) {
  server = await startFakeCos(answer);
  const delays: number[] = [];
  let fetches = 0;
  const tokenProvider = createCredentialsProvider({
    name: 'test',
    getCredentials: async () => {
      fetches += 1;
      return { TmpSecretId: `AKID${fetches}`, TmpSecretKey: SECRET, SecurityToken: 'tok', ExpiredTime: Math.floor(Date.now() / 1000) + 7 * 86400 };
    },
  });
  const client = new CosClient({
    bucket: BUCKET, region: 'ap-guangzhou', endpoint: server.url, tokenProvider, hash: nodeHash, transport: new FetchTransport(),
    backoff: { random: () => 0.5 }, sleep: async (ms) => { delays.push(ms); }, ...extra,
  });
  return { client, requests: server.requests, delays, fetches: () => fetches };
}

async function rejection(promise: Promise<unknown>): Promise<CosError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CosError, `expected a CosError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

const put = (client: CosClient, key = 'a.txt', signal?: AbortSignal) => client.putObject(key, new Blob(['hello']), { signal });

describe('CosClient retries (docs/protocol.md#retries)', () => {
  it('503 then success: slows down, then every attempt is signed afresh', async () => {
    const { client, requests, delays } = await setup((_r, n) => (n === 1 ? { status: 503, headers: xml, body: errorXml('ServiceUnavailable', 'busy') } : { headers: { ETag: '"e"' } }));
    assert.equal((await put(client)).etag, '"e"');
    assert.equal(requests.length, 2);
    assert.equal(delays.length, 1);
    assert.ok(delays[0] >= 1000, `slow-down delay ${delays[0]}`);
    for (const req of requests) assert.ok((await verifySignature(req, SECRET, '/a.txt')).ok);
  });

  it('500 and a dropped connection back off with jitter, then succeed', async () => {
    const { client, requests, delays } = await setup((_r, n) => (n === 1 ? { status: 500, headers: xml, body: errorXml('InternalError', 'oops') } : n === 2 ? { drop: true } : { headers: { ETag: '"e"' } }));
    await put(client);
    assert.equal(requests.length, 3);
    assert.deepEqual(delays, [150, 300]); // random 0.5 × 300·2^attempt
  });

  it('SlowDown until maxRetries is used up: the last error is thrown with its request id', async () => {
    const { client, requests, delays } = await setup(() => ({ status: 503, headers: xml, body: errorXml('SlowDown', 'Please reduce your request rate.') }), { maxRetries: 2 });
    const err = await rejection(put(client));
    assert.equal(err.code, 'SlowDown');
    assert.equal(err.requestId, 'body-SlowDown');
    assert.equal(requests.length, 3);
    assert.equal(delays.length, 2);
    assert.ok(delays[1] > delays[0]);
  });

  it('an HTML 502 page from a proxy is retried, then reported with what came back', async () => {
    const { client, requests } = await setup(() => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: fixture('proxy-502.html') }), { maxRetries: 1 });
    const err = await rejection(put(client));
    assert.equal(err.code, 'InvalidResponse');
    assert.equal(err.source, 'network');
    assert.match(err.message, /HTTP 502.*502 Bad Gateway/);
    assert.equal(requests.length, 2);
  });

  it('RequestTimeTooSkewed with a skewed Date: learns the offset, re-signs with a shifted q-sign-time, fresh keys', async () => {
    const skewMs = 3600_000;
    const { client, requests, fetches } = await setup((_r, n): FakeAnswer => (n === 1
      ? { status: 403, headers: { ...xml, Date: new Date(Date.now() + skewMs).toUTCString() }, body: fixture('error-skewed.xml') }
      : { headers: { ETag: '"e"' } }));
    await put(client);
    assert.equal(requests.length, 2);
    const [first, second] = requests.map((r) => Number(parseAuthorization(String(r.headers.authorization))['q-sign-time'].split(';')[0]));
    assert.ok(Math.abs(second - first - 3600) <= 2, `q-sign-time moved by ${second - first} s`);
    assert.ok(Math.abs(client.clockOffsetMs - skewMs) < 2000);
    assert.equal(fetches(), 2, 'the provider was invalidated');
    assert.equal(parseAuthorization(String(requests[1].headers.authorization))['q-ak'], 'AKID2');
    assert.ok((await verifySignature(requests[1], SECRET, '/a.txt')).ok);
  });

  it('AccessDenied "Request has expired" re-signs at most twice, then fails', async () => {
    const { client, requests, delays } = await setup(() => ({ status: 403, headers: xml, body: fixture('error-expired.xml') }));
    const err = await rejection(put(client));
    assert.deepEqual([err.code, err.message, err.status], ['AccessDenied', 'Request has expired', 403]);
    assert.equal(requests.length, 3);
    assert.deepEqual(delays, [], 're-signing does not wait');
  });

  it('other 4xx fail at once, carrying the request id', async () => {
    const { client, requests } = await setup(() => ({ status: 403, headers: { ...xml, 'x-cos-request-id': 'hdr-only' }, body: '<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>' }));
    const err = await rejection(put(client));
    assert.deepEqual([err.code, err.requestId, err.source], ['AccessDenied', 'hdr-only', 'cos']);
    assert.equal(requests.length, 1);
  });

  it('a tampered signature does not verify (the server-side check is real)', async () => {
    const { client, requests } = await setup(() => ({ headers: { ETag: '"e"' } }));
    await put(client);
    assert.equal((await verifySignature(requests[0], 'wrong-secret', '/a.txt')).ok, false);
    assert.equal((await verifySignature(requests[0], SECRET, '/b.txt')).ok, false);
    assert.equal((await verifySignature({ ...requests[0], headers: { ...requests[0].headers, 'content-length': '6' } }, SECRET, '/a.txt')).ok, false);
  });

  it('a failing token provider fails the call before anything reaches COS', async () => {
    server = await startFakeCos(() => ({}));
    const client = new CosClient({
      bucket: BUCKET, region: 'ap-guangzhou', endpoint: server.url, transport: new FetchTransport(), sleep: async () => undefined,
      tokenProvider: createCredentialsProvider({ name: 'broken', getCredentials: async () => ({ nope: true }) }),
    });
    const err = await rejection(put(client));
    assert.deepEqual([err.code, err.source], ['CredentialsError', 'provider']);
    assert.match(err.message, /^Token provider "broken"/);
    assert.equal(server.requests.length, 0);
  });
});

describe('CosClient input checks: refused before any request', () => {
  const badKeys: [string, string, RegExp][] = [
    ['empty', '', /empty/],
    ['leading slash', '/a.txt', /must not start with '\/'/],
    ['leading backslash', '\\a.txt', /must not start with/],
    ['.. segment', 'a/../b.txt', /'\.' or '\.\.' path segment/],
    ['. segment', './b.txt', /path segment/],
    ['trailing ..', 'a/..', /path segment/],
    ['control character', 'a\u0001b', /control characters/],
    ['DEL', 'a\u007fb', /control characters/],
    ['newline', 'a\nb', /control characters/],
    ['lone surrogate', 'a\ud800b', /not valid Unicode/],
    ['851 UTF-8 bytes', `${'相'.repeat(283)}ab`, /851 bytes in UTF-8; COS allows at most 850/],
  ];
  for (const [label, key, message] of badKeys) {
    it(`key with ${label}`, async () => {
      const { client, requests } = await setup(() => ({ headers: { ETag: '"e"' } }));
      const err = await rejection(put(client, key));
      assert.deepEqual([err.code, err.source], ['InvalidKey', 'client']);
      assert.match(err.message, message);
      await rejection(client.getObjectUrl(key));
      assert.equal(requests.length, 0);
    });
  }

  it('accepts what is legal: 850 bytes, dots inside names, unicode', async () => {
    const { client, requests } = await setup(() => ({ headers: { ETag: '"e"' } }));
    for (const key of [`${'相'.repeat(283)}a`, 'a..b/.hidden/c.', '相册/照片 1.jpg']) await put(client, key);
    assert.equal(requests.length, 3);
  });

  it('a non-Latin-1 header value (e.g. Pic-Operations with a Chinese fileid) gets a clear error', async () => {
    const { client, requests } = await setup(() => ({ headers: { ETag: '"e"' } }));
    const err = await rejection(client.putObject('a.jpg', new Blob(['x']), { picOperations: '{"rules":[{"fileid":"缩略图.jpg","rule":"imageMogr2/format/webp"}]}' }));
    assert.deepEqual([err.code, err.source], ['InvalidHeader', 'client']);
    assert.match(err.message, /Header "Pic-Operations" contains the non-Latin-1 character "缩"/);
    const crlf = await rejection(client.putObject('a.jpg', new Blob(['x']), { headers: { 'x-cos-meta-a': 'x\r\nInjected: 1' } }));
    assert.match(crlf.message, /line break/);
    assert.equal(requests.length, 0);
  });

  it('a raw query with spaces is refused', async () => {
    const { client, requests } = await setup(() => ({}));
    const err = await rejection(client.getObject('a.png', { query: 'imageMogr2/thumbnail/200x 100' }));
    assert.equal(err.code, 'InvalidQuery');
    assert.equal(requests.length, 0);
  });

  it('bad part numbers and upload ids', async () => {
    const { client, requests } = await setup(() => ({}));
    assert.equal((await rejection(client.uploadPart('a', 'u', 0, new Blob(['x'])))).code, 'InvalidArgument');
    assert.equal((await rejection(client.uploadPart('a', '', 1, new Blob(['x'])))).code, 'InvalidArgument');
    assert.equal((await rejection(client.completeMultipartUpload('a', 'u', []))).code, 'InvalidArgument');
    assert.equal(requests.length, 0);
  });
});

describe('CosClient abort', () => {
  it('an already-aborted signal rejects with its reason and sends nothing', async () => {
    const { client, requests } = await setup(() => ({ headers: { ETag: '"e"' } }));
    const controller = new AbortController();
    const reason = new Error('paused');
    controller.abort(reason);
    await assert.rejects(put(client, 'a.txt', controller.signal), (e) => e === reason);
    assert.equal(requests.length, 0);
  });

  it('an abort during the request stops at once and is not retried', async () => {
    const { client, requests } = await setup(() => ({ delayMs: 3000, headers: { ETag: '"e"' } }));
    const controller = new AbortController();
    const started = Date.now();
    const pending = put(client, 'a.txt', controller.signal);
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
    assert.ok(Date.now() - started < 1500);
    assert.equal(requests.length, 1);
  });

  it('an abort during the back-off wait stops at once', async () => {
    const { client, requests } = await setup(() => ({ status: 503, headers: xml, body: errorXml('SlowDown', 'slow') }), { sleep: undefined });
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const started = Date.now();
    const pending = put(client, 'a.txt', controller.signal);
    setTimeout(() => controller.abort(reason), 200);
    await assert.rejects(pending, (e) => e === reason);
    assert.ok(Date.now() - started < 1000, 'the 1 s+ slow-down wait was cut short');
    assert.equal(requests.length, 1);
  });
});

describe('CosClient and an outage reported after the failure it caused', () => {
  /** Fails its first send with no answer, as a dropped connection does, then sends for real. */
  class DroppingOnce implements Transport {
    readonly inner = new FetchTransport();
    dropped = 0;
    constructor(private readonly onDrop: () => void) {}
    send(request: HttpRequest): Promise<HttpResponse> {
      if (this.dropped > 0) return this.inner.send(request);
      this.dropped += 1;
      this.onDrop();
      return Promise.reject(networkError(request));
    }
  }

  it('out of retries, a network failure followed within the grace by the offline event waits for the network and is sent again', async () => {
    const network = new ManualNetworkStatus(true);
    const transport = new DroppingOnce(() => {
      setTimeout(() => network.set(false), 20);
      setTimeout(() => network.set(true), 60);
    });
    const { client, requests } = await setup(() => ({ headers: { ETag: '"e"' } }), { maxRetries: 0, network, transport });
    await put(client);
    assert.equal(transport.dropped, 1);
    assert.equal(requests.length, 1, 'the second attempt reached COS');
  });

  it('with no outage reported, the network failure still fails the call once out of retries', async () => {
    const network = new ManualNetworkStatus(true);
    const transport = new DroppingOnce(() => {});
    const { client, requests } = await setup(() => ({ headers: { ETag: '"e"' } }), { maxRetries: 0, network, transport });
    const err = await rejection(put(client));
    assert.equal(err.code, 'NetworkError');
    assert.equal(requests.length, 0);
  });
});
