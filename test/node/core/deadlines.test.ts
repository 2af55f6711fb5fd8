import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RequestDeadlines } from '../../../src/core/http/deadlines.js';
import { CosClient } from '../../../src/core/client.js';
import { CosError } from '../../../src/core/http/errors.js';
import { ManualNetworkStatus } from '../../../src/core/http/network.js';
import { createCredentialsProvider } from '../../../src/core/auth/credentials.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import type { HttpRequest, HttpResponse, Transport } from '../../../src/core/types.js';

const request = { method: 'PUT' as const, url: 'https://b-1250000000.cos.ap-guangzhou.myqcloud.com/a.bin?partNumber=1&uploadId=x' };

function watch(options: { stallTimeoutMs?: number; responseTimeoutMs?: number }) {
  const expired: CosError[] = [];
  const deadlines = new RequestDeadlines(request, options, (err) => expired.push(err));
  return { deadlines, expired };
}

describe('RequestDeadlines', () => {
  it('progress keeps a slow upload alive; silence while sending is a stall', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { deadlines, expired } = watch({ stallTimeoutMs: 1000, responseTimeoutMs: 60_000 });
    deadlines.start(true);
    for (let i = 0; i < 20; i++) {
      t.mock.timers.tick(900); // a slow link: one progress event every 0.9 s, for 18 s
      deadlines.progress(i * 1000, 1e9);
    }
    assert.equal(expired.length, 0);
    t.mock.timers.tick(1000);
    assert.equal(expired.length, 1);
    assert.equal(expired[0].code, 'RequestStalled');
    assert.equal(expired[0].status, 0);
    assert.equal(expired[0].retryable, true);
    assert.doesNotMatch(expired[0].message, /uploadId/, 'no query (signatures) in messages');
  });

  it('after the whole body is sent only the response deadline runs (the Uppy #2929 trap)', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { deadlines, expired } = watch({ stallTimeoutMs: 1000, responseTimeoutMs: 60_000 });
    deadlines.start(true);
    deadlines.progress(500, 1000);
    deadlines.progress(1000, 1000); // all of it: counts as sent even before upload 'load'
    t.mock.timers.tick(59_000);
    assert.equal(expired.length, 0, 'a minute of server processing is no stall');
    deadlines.bodySent(); // the late 'load' event changes nothing
    t.mock.timers.tick(1001);
    assert.equal(expired.length, 1);
    assert.equal(expired[0].code, 'ResponseTimeout');
  });

  it('the answer is watched for stalls once its headers arrived; stop() ends everything; 0 turns a deadline off', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const a = watch({ stallTimeoutMs: 1000, responseTimeoutMs: 5000 });
    a.deadlines.start(false);
    t.mock.timers.tick(4000);
    a.deadlines.answered();
    t.mock.timers.tick(900);
    a.deadlines.progress();
    t.mock.timers.tick(900);
    assert.equal(a.expired.length, 0);
    t.mock.timers.tick(200);
    assert.equal(a.expired[0]?.code, 'RequestStalled');

    const b = watch({ stallTimeoutMs: 1000 });
    b.deadlines.start(true);
    b.deadlines.stop();
    t.mock.timers.tick(10_000);
    assert.deepEqual(b.expired, []);

    const c = watch({ stallTimeoutMs: 0, responseTimeoutMs: 0 });
    c.deadlines.start(true);
    t.mock.timers.tick(1e7);
    c.deadlines.bodySent();
    t.mock.timers.tick(1e7);
    assert.deepEqual(c.expired, []);
  });
});

describe('CosClient offline', () => {
  /** A transport that cannot reach anything while `network` is offline, and answers 200 otherwise. */
  function transportFor(network: ManualNetworkStatus) {
    const sent: string[] = [];
    const transport: Transport = {
      async send(req: HttpRequest, options): Promise<HttpResponse> {
        sent.push(network.online ? 'online' : 'offline');
        assert.ok(options?.stallTimeoutMs === 30_000 && options.responseTimeoutMs === 180_000, 'deadlines handed to the transport');
        if (!network.online) throw new CosError({ code: 'NetworkError', message: `${req.method} got no response`, status: 0, source: 'network' });
        return { status: 200, headers: { etag: '"abc"' }, text: '' };
      },
    };
    return { transport, sent };
  }
  const tokenProvider = () => createCredentialsProvider({
    name: 't', hash: nodeHash,
    getCredentials: async () => ({ TmpSecretId: 'AKIDx', TmpSecretKey: 'k', SecurityToken: 't', ExpiredTime: Math.floor(Date.now() / 1000) + 3600 }),
  });

  it('a failure while offline spends no retry (none allowed) and the request goes again as soon as the network is back', async () => {
    const network = new ManualNetworkStatus(false);
    const { transport, sent } = transportFor(network);
    const notices: unknown[] = [];
    const client = new CosClient({ bucket: 'b-1250000000', region: 'ap-guangzhou', tokenProvider: tokenProvider(), transport, network, maxRetries: 0 });
    const put = client.putObject('a.bin', new Blob(['x']), { onRetry: (n) => notices.push(n) });
    // Wait for the first attempt (signing and the token take a while on a loaded machine), then a little more:
    // the failed attempt is not repeated while the network stays down.
    for (let waited = 0; sent.length === 0 && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(sent, ['offline']);
    network.set(true);
    assert.equal((await put).etag, '"abc"');
    assert.deepEqual(sent, ['offline', 'online']);
    assert.deepEqual(notices, [], 'nothing to say: it waited for the network, not for a retry');
  });

  it('a refused request announces its retries with host and count', async () => {
    const network = new ManualNetworkStatus(true);
    let calls = 0;
    const transport: Transport = {
      async send() {
        calls += 1;
        if (calls < 3) throw new CosError({ code: 'NetworkError', message: 'refused', status: 0, source: 'network' });
        return { status: 200, headers: { etag: '"e"' }, text: '' };
      },
    };
    const notices: { code: string; host: string; attempt: number; maxRetries: number }[] = [];
    const client = new CosClient({
      bucket: 'b-1250000000', region: 'ap-guangzhou', tokenProvider: tokenProvider(), transport, network, sleep: async () => undefined,
    });
    await client.uploadPart('a.bin', 'up', 1, new Blob(['x']), { onRetry: (n) => notices.push(n) });
    assert.deepEqual(notices.map(({ code, host, attempt, maxRetries }) => ({ code, host, attempt, maxRetries })), [
      { code: 'NetworkError', host: 'b-1250000000.cos.ap-guangzhou.myqcloud.com', attempt: 1, maxRetries: 3 },
      { code: 'NetworkError', host: 'b-1250000000.cos.ap-guangzhou.myqcloud.com', attempt: 2, maxRetries: 3 },
    ]);
  });
});

