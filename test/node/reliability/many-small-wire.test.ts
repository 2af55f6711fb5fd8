// The wire path of many small files (docs/many-files-throughput.md): through the real engine, client and STS
// provider against the emulator, each file costs exactly one PUT, the keys are fetched once, and the engine keeps
// its configured number of requests in flight (never more) until the queue drains.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FetchTransport, type HttpRequest, type SendOptions } from '../../../src/core/index.js';
import { fileOf, prefixFor, startLab, waitFor, type Lab } from './helpers.js';

/** FetchTransport that counts the requests in flight and remembers the peak. */
class CountingTransport extends FetchTransport {
  inFlight = 0;
  peak = 0;
  override async send(request: HttpRequest, options?: SendOptions) {
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    try {
      return await super.send(request, options);
    } finally {
      this.inFlight -= 1;
    }
  }
}

describe('many small files on the wire', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it('sends one PUT per file, fetches keys once and keeps the configured concurrency busy', async () => {
    const count = 60;
    const concurrency = 4;
    const prefix = prefixFor('many-small');
    const transport = new CountingTransport();
    const manager = lab.manager(lab.client({ transport }), { concurrency, keyFor: (file) => prefix + (file as File).name });
    const before = lab.log().length;
    manager.add(Array.from({ length: count }, (_, i) => fileOf(4096, `f${i}.bin`, i + 1)));
    const uploads = await waitFor(manager, (list) => list.every((u) => u.status === 'done'), 60_000);
    assert.equal(uploads.length, count);
    const log = lab.log().slice(before);
    const actions = log.map((entry) => entry.action);
    assert.equal(actions.filter((a) => a === 'PutObject').length, count, 'one PUT per file');
    assert.equal(actions.filter((a) => a === 'Sts').length, 1, 'temporary keys fetched once for the batch');
    assert.equal(log.length, count + 1, `no other request (saw ${[...new Set(actions)].join(', ')})`);
    assert.equal(transport.peak, concurrency, 'the configured concurrency is reached and never exceeded');
    assert.equal(transport.inFlight, 0);
  });
});
