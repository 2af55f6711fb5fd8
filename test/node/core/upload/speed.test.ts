import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SpeedMeter } from '../../../../src/core/upload/speed.js';
import { UploadInterrupted, sleep } from '../../../../src/core/upload/interrupt.js';
import { isAbortError } from '../../../../src/core/http/errors.js';

describe('SpeedMeter', () => {
  it('measures bytes per second over the window and gives an ETA', () => {
    let now = 0;
    const meter = new SpeedMeter({ windowMs: 5000, now: () => now });
    assert.equal(meter.speed(), 0);
    assert.equal(meter.eta(100), undefined);
    meter.sample(0);
    now = 1000;
    meter.sample(1000);
    assert.equal(meter.speed(), 1000);
    assert.equal(meter.eta(5000), 5);
  });

  it('forgets samples older than the window', () => {
    let now = 0;
    const meter = new SpeedMeter({ windowMs: 2000, now: () => now });
    meter.sample(0);
    now = 1000;
    meter.sample(10_000);
    now = 3000;
    meter.sample(11_000);
    now = 4000;
    meter.sample(12_000);
    // Window [2000, 4000]: measured from the newest sample at or before 2000 ms (the one at 1000 ms) to now.
    assert.equal(meter.speed(), (12_000 - 10_000) / 3);
  });

  it('decays while stalled and restarts after a drop', () => {
    let now = 0;
    const meter = new SpeedMeter({ windowMs: 1000, now: () => now });
    meter.sample(0);
    now = 500;
    meter.sample(500);
    now = 5000;
    assert.equal(meter.speed(), 0);
    meter.sample(100);
    now = 5050;
    assert.equal(meter.speed(), 0, 'too soon after the restart');
  });
});

describe('UploadInterrupted and sleep', () => {
  it('is an AbortError, so no layer reports it as a failure', () => {
    const reason = new UploadInterrupted('pause');
    assert.equal(isAbortError(reason), true);
    assert.equal(reason.reason, 'pause');
  });

  it('sleep rejects with the abort reason', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    const reason = new UploadInterrupted('cancel');
    controller.abort(reason);
    await assert.rejects(waiting, (err) => err === reason);
    await sleep(1);
  });
});
