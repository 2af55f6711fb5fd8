// The learned answer deadline (docs/networks.md#learned-answer-deadline): a body COS stores without processing
// waits for its answer only as long as the host's recent bodies justify, and the full response timeout otherwise.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerDeadlines, MIN_SAMPLE_BYTES } from '../../../src/core/http/answer-deadline.js';
import { CosClient } from '../../../src/core/client.js';
import { CosError } from '../../../src/core/http/errors.js';
import { createCredentialsProvider } from '../../../src/core/auth/credentials.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import type { HttpRequest, HttpResponse, SendOptions, Transport } from '../../../src/core/types.js';

const MiB = 1024 * 1024;
const deadlines = { stallTimeoutMs: 30_000, responseTimeoutMs: 180_000 };

describe('AnswerDeadlines', () => {
  it('knows nothing until a large enough body was answered: the full response timeout', () => {
    const answers = new AnswerDeadlines();
    assert.equal(answers.responseTimeoutFor(8 * MiB, deadlines), 180_000);
    answers.record(MIN_SAMPLE_BYTES - 1, 1); // small bodies measure latency, not the link
    assert.equal(answers.responseTimeoutFor(8 * MiB, deadlines), 180_000);
  });

  it('the stall timeout plus three times the body at the slowest recent rate, bounded by the response timeout', () => {
    const answers = new AnswerDeadlines();
    answers.record(8 * MiB, 800); // 10,485.76 bytes/ms
    answers.record(8 * MiB, 1600); // the slowest: 5,242.88 bytes/ms
    answers.record(8 * MiB, 400);
    assert.equal(answers.responseTimeoutFor(8 * MiB, deadlines), 30_000 + 3 * 1600);
    assert.equal(answers.responseTimeoutFor(1 * MiB, deadlines), 30_000 + 3 * 200);
    assert.equal(answers.responseTimeoutFor(1024 * MiB, deadlines), 180_000, 'never longer than the response timeout');
  });

  it('only the last 8 bodies count: a slow start is forgotten once the link is faster', () => {
    const answers = new AnswerDeadlines();
    answers.record(8 * MiB, 8000);
    for (let i = 0; i < 8; i++) answers.record(8 * MiB, 800);
    assert.equal(answers.responseTimeoutFor(8 * MiB, deadlines), 30_000 + 3 * 800);
  });

  it('a deadline turned off (0 or Infinity) stays off', () => {
    const answers = new AnswerDeadlines();
    answers.record(8 * MiB, 800);
    assert.equal(answers.responseTimeoutFor(8 * MiB, { stallTimeoutMs: 0, responseTimeoutMs: 180_000 }), 180_000);
    assert.equal(answers.responseTimeoutFor(8 * MiB, { stallTimeoutMs: 30_000, responseTimeoutMs: 0 }), 0);
    assert.equal(answers.responseTimeoutFor(8 * MiB, { stallTimeoutMs: 30_000, responseTimeoutMs: Infinity }), Infinity);
  });
});

/** A transport that answers after `ms` and records each request's response timeout; `fail` may throw instead. */
function recordingTransport(ms: number, fail?: (request: HttpRequest, n: number) => CosError | undefined) {
  const seen: { what: string; responseTimeoutMs?: number }[] = [];
  const transport: Transport = {
    async send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
      const url = new URL(request.url);
      const what = `${request.method} ${url.pathname}${url.searchParams.has('partNumber') ? ` part ${url.searchParams.get('partNumber')}` : ''}`;
      seen.push({ what, responseTimeoutMs: options.responseTimeoutMs });
      await new Promise((resolve) => setTimeout(resolve, ms));
      const failure = fail?.(request, seen.length);
      if (failure) throw failure;
      return { status: 200, headers: { etag: '"e"' }, text: '' };
    },
  };
  return { transport, seen };
}

function clientOn(transport: Transport) {
  const tokenProvider = createCredentialsProvider({
    name: 'test',
    getCredentials: async () => ({ TmpSecretId: 'AKIDtest', TmpSecretKey: 'secret', SecurityToken: 'tok', ExpiredTime: Math.floor(Date.now() / 1000) + 86400 }),
  });
  return new CosClient({
    bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', endpoint: 'https://cos.example.test/{Bucket}', tokenProvider, hash: nodeHash,
    transport, stallTimeoutMs: 1000, responseTimeoutMs: 180_000, backoff: { random: () => 0 }, sleep: async () => {},
  });
}

describe('CosClient: which requests learn their answer deadline', () => {
  it('parts and plain PUTs after the first answered body; Pic-Operations PUTs and small XML bodies keep the full timeout', async () => {
    const { transport, seen } = recordingTransport(20);
    const client = clientOn(transport);
    const part = new Blob([new Uint8Array(MiB)]);
    await client.uploadPart('big.bin', 'upload-1', 1, part);
    await client.uploadPart('big.bin', 'upload-1', 2, part);
    await client.putObject('photo.jpg', part, { picOperations: '{"is_pic_info":1,"rules":[]}' });
    await client.putObject('plain.bin', part, { headers: { 'pic-operations': '{"rules":[]}' } });
    await client.putObject('plain.bin', part);
    const [first, second, processed, processedByHeader, plain] = seen.map((s) => s.responseTimeoutMs);
    assert.equal(first, 180_000, 'nothing known before the first answer');
    // ≥ 20 ms for 1 MiB: the deadline is the stall timeout plus at most 3 × what one body took, with room for timers.
    assert.ok(second! > 1000 && second! < 1000 + 3 * 1000, `learned for part 2: ${second} ms`);
    assert.equal(processed, 180_000, 'Pic-Operations: COS processes after the body');
    assert.equal(processedByHeader, 180_000, 'Pic-Operations given as a header, in any case');
    assert.ok(plain! < 180_000, `a plain PUT learns too: ${plain} ms`);
  });

  it('an attempt whose learned deadline ran out is retried with the full response timeout', async () => {
    const { transport, seen } = recordingTransport(5, (request, n) => (n === 2
      ? new CosError({ code: 'ResponseTimeout', message: `${request.method}: no answer`, status: 0, source: 'network', retryable: true })
      : undefined));
    const client = clientOn(transport);
    const part = new Blob([new Uint8Array(MiB)]);
    await client.uploadPart('big.bin', 'upload-1', 1, part);
    assert.equal((await client.uploadPart('big.bin', 'upload-1', 2, part)).etag, '"e"');
    assert.deepEqual(seen.map((s) => s.what), ['PUT /examplebucket-1250000000/big.bin part 1', 'PUT /examplebucket-1250000000/big.bin part 2', 'PUT /examplebucket-1250000000/big.bin part 2']);
    assert.ok(seen[1].responseTimeoutMs! < 180_000, 'the first attempt of part 2 had the learned deadline');
    assert.equal(seen[2].responseTimeoutMs, 180_000, 'its retry waits the full response timeout');
    await client.uploadPart('big.bin', 'upload-1', 3, part);
    assert.ok(seen[3].responseTimeoutMs! < 180_000, 'the next part learns again');
  });
});
