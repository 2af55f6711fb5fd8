import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { RequestPriority, RequestQueue } from '../../../../src/core/upload/queue.js';

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

/** A task the test finishes by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('RequestQueue', () => {
  it('never runs more than the limit at once', async () => {
    const queue = new RequestQueue({ concurrency: 3 });
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      assert.ok(queue.running <= 3);
      await tick(Math.random() * 5);
      running--;
    };
    await Promise.all(Array.from({ length: 40 }, () => queue.run(task)));
    assert.equal(peak, 3);
    assert.equal(queue.running, 0);
    assert.equal(queue.pending, 0);
  });

  it('starts higher priorities first, FIFO within a priority', async () => {
    const queue = new RequestQueue({ concurrency: 1 });
    const order: string[] = [];
    const blocker = deferred();
    const first = queue.run(() => blocker.promise);
    const runs = [
      queue.run(async () => void order.push('start-a'), { priority: RequestPriority.start }),
      queue.run(async () => void order.push('part-1'), { priority: RequestPriority.part }),
      queue.run(async () => void order.push('finish'), { priority: RequestPriority.finish }),
      queue.run(async () => void order.push('part-2'), { priority: RequestPriority.part }),
      queue.run(async () => void order.push('start-b'), { priority: RequestPriority.start }),
    ];
    assert.equal(queue.pending, 5);
    blocker.resolve();
    await Promise.all([first, ...runs]);
    assert.deepEqual(order, ['finish', 'part-1', 'part-2', 'start-a', 'start-b']);
  });

  it('pause stops new starts; running tasks finish; resume continues', async () => {
    const queue = new RequestQueue({ concurrency: 2 });
    const started: number[] = [];
    const gates = Array.from({ length: 4 }, () => deferred());
    const runs = gates.map((gate, i) => queue.run(async () => {
      started.push(i);
      await gate.promise;
    }));
    assert.deepEqual(started, [0, 1]);
    queue.pause();
    assert.equal(queue.paused, true);
    gates[0].resolve();
    gates[1].resolve();
    await Promise.all(runs.slice(0, 2));
    await tick();
    assert.deepEqual(started, [0, 1]);
    assert.equal(queue.running, 0);
    queue.resume();
    assert.deepEqual(started, [0, 1, 2, 3]);
    gates[2].resolve();
    gates[3].resolve();
    await Promise.all(runs);
  });

  it('an aborted waiting task never starts and rejects with the abort reason', async () => {
    const queue = new RequestQueue({ concurrency: 1 });
    const blocker = deferred();
    const first = queue.run(() => blocker.promise);
    const controller = new AbortController();
    let ran = false;
    const second = queue.run(async () => {
      ran = true;
    }, { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    await assert.rejects(second, (err) => err === reason);
    assert.equal(queue.pending, 0);
    blocker.resolve();
    await first;
    await tick();
    assert.equal(ran, false);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const queue = new RequestQueue();
    const controller = new AbortController();
    controller.abort('gone');
    await assert.rejects(queue.run(async () => 1, { signal: controller.signal }), (err) => err === 'gone');
  });

  it('a running task keeps its slot until it settles, even after its signal aborts', async () => {
    const queue = new RequestQueue({ concurrency: 1 });
    const controller = new AbortController();
    const gate = deferred();
    const running = queue.run(() => gate.promise, { signal: controller.signal });
    let nextStarted = false;
    const next = queue.run(async () => {
      nextStarted = true;
    });
    controller.abort();
    await tick();
    assert.equal(nextStarted, false);
    gate.resolve();
    await running;
    await next;
    assert.equal(nextStarted, true);
  });

  it('passes results and errors through, including synchronous throws', async () => {
    const queue = new RequestQueue({ concurrency: 2 });
    assert.equal(await queue.run(async () => 42), 42);
    await assert.rejects(queue.run(async () => {
      throw new Error('boom');
    }), /boom/);
    await assert.rejects(queue.run(() => {
      throw new Error('sync');
    }), /sync/);
    assert.equal(await queue.run(async () => 'still works'), 'still works');
  });

  it('raising the concurrency starts waiting tasks', async () => {
    const queue = new RequestQueue({ concurrency: 1 });
    const gate = deferred();
    let started = 0;
    const runs = [0, 1, 2].map(() => queue.run(async () => {
      started++;
      await gate.promise;
    }));
    assert.equal(started, 1);
    queue.concurrency = 3;
    assert.equal(started, 3);
    gate.resolve();
    await Promise.all(runs);
  });

  it('rejects a bad concurrency', () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => new RequestQueue({ concurrency }), RangeError);
    }
  });

  it('keeps one abort listener per signal however many of its tasks wait, and none once they are done', async () => {
    const queue = new RequestQueue({ concurrency: 2 });
    const controller = new AbortController();
    const gate = deferred();
    const runs = Array.from({ length: 2000 }, () => queue.run(() => gate.promise, { signal: controller.signal }));
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
    controller.abort(new Error('stop'));
    const outcomes = await Promise.allSettled(runs.slice(2));
    assert.ok(outcomes.every((o) => o.status === 'rejected'), 'every waiting task is dropped');
    gate.resolve();
    await Promise.all(runs.slice(0, 2));
    const other = new AbortController();
    await Promise.all([1, 2, 3].map(() => queue.run(async () => tick(), { signal: other.signal })));
    assert.equal(getEventListeners(other.signal, 'abort').length, 0);
  });
});
