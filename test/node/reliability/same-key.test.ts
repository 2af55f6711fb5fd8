// Two clients upload the same key while the answer to one client's Initiate is lost. Before, the client
// whose answer was lost aborted every upload of the key opened meanwhile, including the other client's.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CosError, FetchTransport, type HttpRequest, type HttpResponse, type SendOptions, type Transport, type UploadManager } from '../../../src/core/index.js';
import { fileOf, MiB, prefixFor, sha256, startLab, waitFor, type Lab } from './helpers.js';

const isInitiate = (request: HttpRequest) => request.method === 'POST' && new URL(request.url).searchParams.has('uploads');

/** Loses the answer to the first Initiate after COS acted on it, and runs `whileLost` before reporting the loss. */
class LostInitiateTransport implements Transport {
  readonly #inner = new FetchTransport();
  lost = 0;
  constructor(private readonly whileLost: () => Promise<void>) {}
  async send(request: HttpRequest, options?: SendOptions): Promise<HttpResponse> {
    const response = await this.#inner.send(request, options);
    if (!isInitiate(request) || this.lost > 0) return response;
    this.lost += 1;
    await this.whileLost();
    throw new CosError({ code: 'NetworkError', message: 'connection reset while reading the response', status: 0, source: 'network' });
  }
}

describe('two clients, one key, one lost Initiate answer', { timeout: 60_000 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it('both uploads complete, nothing of the other client\'s is aborted, and the lost one is reported', async () => {
    const prefix = prefixFor('same-key');
    const key = `${prefix}shared.bin`;
    const mine = fileOf(3 * MiB + 5, key, 71);
    const theirs = fileOf(3 * MiB + 9, key, 72);
    const otherClient = lab.client();
    let other!: UploadManager;
    // The other tab starts its upload of the same key while our lost Initiate is being retried.
    const transport = new LostInitiateTransport(async () => {
      other = lab.manager(otherClient, { concurrency: 1 });
      other.add([theirs]);
      await waitFor(other, ([u]) => u.uploadId !== undefined, 10_000);
    });
    const client = lab.client({ transport, backoff: { baseMs: 50 } });
    const initiated: string[][] = [];
    const watched = new Proxy(client, {
      get(target, name) {
        if (name === 'initiateMultipartUpload') {
          return async (...args: Parameters<typeof client.initiateMultipartUpload>) => {
            const result = await target.initiateMultipartUpload(...args);
            initiated.push(result.unconfirmedUploadIds ?? []);
            return result;
          };
        }
        const value = Reflect.get(target, name, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const manager = lab.manager(watched, { retryDelays: [200] });
    manager.add([mine]);
    await manager.idle();
    await other.idle();

    assert.equal(transport.lost, 1, 'one Initiate answer was lost');
    const [a] = manager.snapshot();
    const [b] = other.snapshot();
    assert.deepEqual([a.status, a.error], ['done', undefined], JSON.stringify(a.error));
    assert.deepEqual([b.status, b.error], ['done', undefined], JSON.stringify(b.error));
    const log = lab.log();
    const theirUpload = b.uploadId ?? log.find((e) => e.action === 'UploadPart' && e.key === key && e.uploadId !== a.uploadId)?.uploadId;
    assert.ok(theirUpload, 'the other client\'s upload id is known');
    assert.deepEqual(log.filter((e) => e.action === 'AbortMultipartUpload'), [], 'no upload of the key was aborted');
    const completes = log.filter((e) => e.action === 'CompleteMultipartUpload' && e.status === 200).map((e) => e.uploadId);
    assert.deepEqual(completes.sort(), [a.uploadId, theirUpload].sort(), 'each client completed its own upload');
    // The stored object is whichever Complete came last, byte for byte.
    const stored = await sha256(await otherClient.getObject(key));
    assert.ok([await sha256(mine), await sha256(theirs)].includes(stored), 'the object is one of the two files, intact');
    // The lost attempt's upload (and the other's, still open when we listed) is reported, not aborted.
    assert.equal(initiated.length, 1);
    const open = await otherClient.listMultipartUploads(prefix);
    assert.equal(open.length, 1, 'only the lost attempt\'s upload is still open');
    assert.ok(initiated[0].includes(open[0].uploadId), 'it was reported as unconfirmed');
    assert.ok(!initiated[0].includes(a.uploadId!), 'our own upload is never listed as unconfirmed');
  });
});
