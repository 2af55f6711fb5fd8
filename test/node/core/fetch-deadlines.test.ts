// FetchTransport's deadlines (docs/networks.md#fetchtransport-no-upload-progress): fetch shows no upload progress, so
// a request with a body gets one size-scaled bound until its answer starts; the answer is then watched for stalls.
// Times are scaled down (stall 300 ms, response 500–1500 ms) and every wait is bounded.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchTransport } from '../../../src/core/http/fetch-transport.js';
import { CosClient } from '../../../src/core/client.js';
import { CosError } from '../../../src/core/http/errors.js';
import { createCredentialsProvider } from '../../../src/core/auth/credentials.js';
import { nodeHash } from '../../../src/node/node-hash.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

/** A loopback server whose behaviour per path is scripted; counts requests and connections closed by the client. */
async function scriptedServer(routes: Record<string, Handler>) {
  const seen: string[] = [];
  let closedByClient = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      seen.push(`${req.method} ${path}`);
      res.on('close', () => { if (!res.writableFinished) closedByClient += 1; });
      routes[path]?.(req, res, Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, seen, closed: () => closedByClient,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timers = new Set<ReturnType<typeof setTimeout>>();
const later = (ms: number, fn: () => void) => timers.add(setTimeout(fn, ms));

async function failure(promise: Promise<unknown>): Promise<{ err: CosError; ms: number }> {
  const started = Date.now();
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CosError, `expected a CosError, got ${String(err)}`);
    return { err, ms: Date.now() - started };
  }
  assert.fail('expected a rejection');
}

describe('FetchTransport deadlines', () => {
  let server: Awaited<ReturnType<typeof scriptedServer>>;
  before(async () => {
    server = await scriptedServer({
      // Takes the body, never answers.
      '/silent': () => undefined,
      // Answers after 1 s.
      '/slow-answer': (_req, res) => later(1000, () => res.end('late but fine')),
      // Headers and a first chunk, then silence.
      '/stalled-body': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first chunk ');
      },
      // A chunk every 150 ms for 1.2 s: slow but alive.
      '/trickle': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        let n = 0;
        const tick = () => (++n > 8 ? res.end() : (res.write(Buffer.from([n])), later(150, tick)));
        tick();
      },
    });
  });
  after(async () => {
    for (const t of timers) clearTimeout(t);
    await server.close();
  });

  it('a body sent but never answered fails with a retryable ResponseTimeout after stall + size ÷ rate + response, and the connection is closed', async () => {
    const body = new Uint8Array(1024);
    const { err, ms } = await failure(new FetchTransport({ minSendBytesPerSecond: 4096 }).send(
      { method: 'PUT', url: `${server.url}/silent?q-signature=secret`, headers: {}, body },
      { stallTimeoutMs: 300, responseTimeoutMs: 500 },
    ));
    // 300 + 1024 / 4096 s + 500 = 1050 ms
    assert.equal(err.code, 'ResponseTimeout');
    assert.equal(err.status, 0);
    assert.equal(err.retryable, true);
    assert.doesNotMatch(err.message, /secret/, 'no signature in messages');
    assert.ok(ms >= 1000 && ms < 5000, `expired after ${ms} ms, expected about 1050`);
    for (let i = 0; i < 100 && server.closed() < 1; i++) await wait(20);
    assert.equal(server.closed(), 1, 'the silent connection was closed, so a retry gets a new one');
  });

  it('a bigger body gets proportionally more time (the bound scales with size)', async () => {
    // An injected fetch that answers after 700 ms unless aborted.
    const fetch = ((_url: string, init: RequestInit) => new Promise<Response>((resolve, reject) => {
      const t = setTimeout(() => resolve(new Response('ok')), 700);
      init.signal?.addEventListener('abort', () => { clearTimeout(t); reject(init.signal?.reason); });
    })) as unknown as typeof globalThis.fetch;
    const transport = new FetchTransport({ fetch, minSendBytesPerSecond: 1000 });
    const deadlines = { stallTimeoutMs: 100, responseTimeoutMs: 100 };
    const small = await failure(transport.send({ method: 'PUT', url: 'http://x.test/a', headers: {}, body: new Uint8Array(10) }, deadlines));
    assert.equal(small.err.code, 'ResponseTimeout', '10 bytes: 210 ms bound < 700 ms answer');
    const big = await transport.send({ method: 'PUT', url: 'http://x.test/b', headers: {}, body: new Uint8Array(2000) }, deadlines);
    assert.equal(big.text, 'ok', '2,000 bytes: 2.2 s bound > 700 ms answer');
  });

  it('an answer that takes longer than the stall timeout but less than the bound is waited for (no naive watchdog)', async () => {
    const res = await new FetchTransport().send(
      { method: 'PUT', url: `${server.url}/slow-answer`, headers: {}, body: 'x' },
      { stallTimeoutMs: 300, responseTimeoutMs: 1500 },
    );
    assert.equal(res.text, 'late but fine');
  });

  it('a GET with no answer gets only the response deadline', async () => {
    const { err, ms } = await failure(new FetchTransport().send(
      { method: 'GET', url: `${server.url}/silent`, headers: {} },
      { stallTimeoutMs: 300, responseTimeoutMs: 400 },
    ));
    assert.equal(err.code, 'ResponseTimeout');
    assert.ok(ms >= 380 && ms < 4000, `expired after ${ms} ms, expected about 400`);
  });

  it('an answer that stops mid-body fails with RequestStalled; a slow but moving answer is read whole', async () => {
    const { err, ms } = await failure(new FetchTransport().send(
      { method: 'GET', url: `${server.url}/stalled-body`, headers: {} },
      { stallTimeoutMs: 300, responseTimeoutMs: 5000 },
    ));
    assert.equal(err.code, 'RequestStalled');
    assert.match(err.message, /answer/);
    assert.ok(ms >= 280 && ms < 4000, `stalled after ${ms} ms`);
    const trickle = await new FetchTransport().send(
      { method: 'GET', url: `${server.url}/trickle`, headers: {}, responseType: 'blob' },
      { stallTimeoutMs: 500, responseTimeoutMs: 5000 },
    );
    assert.deepEqual([...new Uint8Array(await trickle.blob!.arrayBuffer())], [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(trickle.blob!.type, 'application/octet-stream');
  });

  it('the caller’s abort still wins, with its own reason; 0 turns the deadlines off', async () => {
    const reason = new Error('paused');
    const controller = new AbortController();
    const pending = new FetchTransport().send({ method: 'GET', url: `${server.url}/silent`, headers: {} },
      { signal: controller.signal, stallTimeoutMs: 5000, responseTimeoutMs: 5000 });
    later(100, () => controller.abort(reason));
    await assert.rejects(pending, (e) => e === reason);

    const off = new AbortController();
    const unbounded = new FetchTransport({ minSendBytesPerSecond: 1 }).send({ method: 'PUT', url: `${server.url}/silent`, headers: {}, body: 'x' },
      { signal: off.signal, stallTimeoutMs: 0, responseTimeoutMs: 0 });
    const outcome = await Promise.race([unbounded.then(() => 'answered', () => 'failed'), wait(800).then(() => 'still waiting')]);
    assert.equal(outcome, 'still waiting');
    off.abort(reason);
    await assert.rejects(unbounded, (e) => e === reason);
  });

  it('through CosClient: a request whose answer never comes is retried on a new connection and succeeds', async () => {
    let puts = 0;
    const local = await scriptedServer({
      '/bucket-1250000000/k.bin': (_req, res) => {
        puts += 1;
        if (puts === 1) return; // the first attempt is never answered
        res.writeHead(200, { etag: '"e"' });
        res.end();
      },
    });
    try {
      const client = new CosClient({
        bucket: 'bucket-1250000000', region: 'ap-guangzhou', endpoint: `${local.url}/{Bucket}`, hash: nodeHash,
        transport: new FetchTransport(), stallTimeoutMs: 200, responseTimeoutMs: 300, sleep: async () => undefined,
        tokenProvider: createCredentialsProvider({
          name: 't', hash: nodeHash,
          getCredentials: async () => ({ TmpSecretId: 'AKIDx', TmpSecretKey: 'k', SecurityToken: 't', ExpiredTime: Math.floor(Date.now() / 1000) + 3600 }),
        }),
      });
      const retries: string[] = [];
      const result = await client.putObject('k.bin', new Blob(['hello']), { onRetry: (n) => retries.push(n.code) });
      assert.equal(result.etag, '"e"');
      assert.deepEqual(retries, ['ResponseTimeout']);
      assert.equal(puts, 2);
      assert.equal(local.closed(), 1, 'the unanswered attempt’s connection was closed');
    } finally {
      await local.close();
    }
  });
});
