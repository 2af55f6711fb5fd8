import { expect } from '@open-wc/testing';
import '../../../src/index.js';
import type { PutObjectOptions } from '../../../src/core/types.js';
import { InstantClient, manyFiles, uploaderWith } from './instant-client.js';

/**
 * Answers every PUT in the next task, as a network answer comes: answering in a microtask would run a whole slice's
 * uploads to the end inside the task that added them, work no real upload does in one task. A message, not a
 * `setTimeout(0)`: timers nested in timers wait at least 4 ms, which would pace the uploads when nothing else (a
 * file read) ends a chain of answers. Remembers when the first PUT went out.
 */
function nextTask(): Promise<void> {
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

class TimedClient extends InstantClient {
  firstPutAt?: number;
  override async putObject(key: string, body: Blob, options?: PutObjectOptions) {
    this.firstPutAt ??= performance.now();
    await nextTask();
    return super.putObject(key, body, options);
  }
}

/**
 * The budget of docs/many-files-throughput.md#long-tasks: no task over 250 ms while 10,000 files are chosen and
 * uploaded, and the first request within 300 ms of the choice. The client answers in the next task, so this is
 * the element's and the manager's own work, with no network to hide behind.
 *
 * Long tasks are wall-clock time: beside another suite's image processing on a 2-core machine (sharp's threads
 * take both cores) one task came to 304 ms with the tasks around it at 50-140 ms. Work that grows with the list
 * is over the budget on every try; a slice that lost its core is not, most of the time. So another batch of 10,000
 * is timed when one is over, up to three, and the test fails only when all three are.
 */
const LONGEST_TASK_MS = 250;
const FIRST_REQUEST_MS = 300;
const TRIES = 3;

interface Timing {
  ms: number;
  /** Each long task: its length, and when it began after the choice (ms). */
  tasks: { duration: number; at: number }[];
  longest: number;
  firstRequest: number;
}

/** Adds 10,000 files to the (reset) element and times the long tasks until its queue completes. */
async function timeBatch(el: Awaited<ReturnType<typeof uploaderWith>>['el'], client: TimedClient): Promise<Timing> {
  await el.reset();
  client.firstPutAt = undefined;
  const files = manyFiles(10_000);
  // Making the files is the test's own work: let that task end before watching.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  const complete = new Promise((resolve) => el.addEventListener('cos-queue-complete', resolve, { once: true }));
  const t0 = performance.now();
  el.addFiles(files);
  await complete;
  const ms = performance.now() - t0;
  // A task's entry is queued after the task ends.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  expect(client.firstPutAt, 'a request went out').to.be.a('number');
  const longest = tasks.reduce((max, t) => Math.max(max, t.duration), 0);
  const timed = tasks.map((t) => ({ duration: t.duration, at: t.startTime - t0 }));
  return { ms, tasks: timed, longest, firstRequest: client.firstPutAt! - t0 };
}

const describeTiming = (t: Timing) => `${t.ms.toFixed(0)} ms; ${t.tasks.length} long tasks ` +
  `(ms at ms after the choice: ${t.tasks.map((task) => `${task.duration.toFixed(0)} at ${task.at.toFixed(0)}`).join(', ') || 'none'}), ` +
  `first request after ${t.firstRequest.toFixed(0)} ms`;

describe('<cos-uploader> with 10,000 files: the page stays responsive', function () {
  this.timeout(180_000);

  it('no long task over 250 ms while 10,000 files are added and uploaded; the first request goes out at once', async () => {
    const client = new TimedClient();
    const { el, manager } = await uploaderWith(client);
    // One small batch first, so the code the big one runs is compiled: what the budget guards is work that grows
    // with the list (the first drop of a cold page is the bench's measure, on the built bundle).
    const warmed = new Promise((resolve) => el.addEventListener('cos-queue-complete', resolve, { once: true }));
    el.addFiles(manyFiles(300));
    await warmed;
    const meets = (t: Timing) => t.longest < LONGEST_TASK_MS && t.firstRequest < FIRST_REQUEST_MS;
    const tries: Timing[] = [];
    for (let i = 0; i < TRIES; i += 1) {
      const timing = await timeBatch(el, client);
      expect(manager.counts!().done).to.equal(10_000);
      tries.push(timing);
      console.log(`10,000 files, try ${i + 1}: ${describeTiming(timing)}`);
      if (meets(timing)) break;
    }
    const best = tries.find(meets) ?? tries[tries.length - 1];
    const report = tries.map((t, i) => `try ${i + 1}: ${describeTiming(t)}`).join('; ');
    expect(best.longest, `the longest task (${report})`).to.be.below(LONGEST_TASK_MS);
    expect(best.firstRequest, `the first request (${report})`).to.be.below(FIRST_REQUEST_MS);
  });
});
