// Faults: credentials expiring mid-upload, a 20-minute clock skew and an emulator restart in the middle
// of a multipart upload all recover without user action and without re-sending finished parts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCredentialsProvider, createSignerTokenProvider } from '../../../src/core/index.js';
import type { CosClientOptions, TokenProvider } from '../../../src/core/index.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import {
  fileOf, MiB, partsOf, partsResentAfterSuccess, prefixFor, sha256, startLab, succeededParts, until, type Lab,
} from './helpers.js';

const TWENTY_MINUTES = 20 * 60;

/** Uploads one multipart file and checks the stored bytes and the "every part sent once successfully" rule. */
async function uploadAndVerify(lab: Lab, file: File, clientOptions: Partial<CosClientOptions>, during?: () => Promise<void>) {
  const client = lab.client({ backoff: { baseMs: 100 }, ...clientOptions });
  const manager = lab.manager(client, { concurrency: 2, retryDelays: [500, 1000, 2000] });
  const [added] = manager.add([file]);
  await during?.();
  await manager.idle();
  const upload = manager.snapshot().find((u) => u.id === added.id)!;
  assert.equal(upload.status, 'done', `status (error: ${JSON.stringify(upload.error)})`);
  const stored = await client.getObject(file.name);
  assert.equal(await sha256(stored), await sha256(file), 'stored object is byte-identical');
  const log = lab.log();
  assert.deepEqual(partsResentAfterSuccess(log, file.name), [], 'no finished part was sent again');
  assert.deepEqual(succeededParts(log, file.name), Array.from({ length: Math.ceil(file.size / MiB) }, (_, i) => i + 1));
  const initiated = log.filter((e) => e.key === file.name && e.action === 'InitiateMultipartUpload' && e.status === 200);
  assert.equal(initiated.length, 1, 'one multipart upload only');
  return { client, manager, upload, log };
}

describe('credentials expiring mid-upload', { timeout: 60_000 }, () => {
  let lab: Lab;
  let offsetMs = 0;
  // One clock for the emulator and the page, moved forward in the middle of the upload.
  const clock = () => Date.now() + offsetMs;
  before(async () => {
    lab = await startLab({ now: clock });
  });
  after(() => lab.close());

  it('fetches new keys and re-signs when the keys expire between two parts', async () => {
    const prefix = prefixFor('expiry');
    const file = fileOf(5 * MiB + 123, `${prefix}movie.bin`, 3);
    // Part 3 is held back 1 s before the server checks it: the clock moves while it is in flight,
    // so the server sees a signature made with keys that have expired meanwhile.
    lab.faults({ action: 'UploadPart', key: file.name, partNumber: 3, delayMs: 1000 });
    const provider = lab.sts({ duration: '300' }, { now: clock });
    const { log } = await uploadAndVerify(lab, file, { tokenProvider: provider, now: clock }, async () => {
      await until(() => partsOf(lab.log(), file.name).some((e) => e.partNumber === 3), 15_000, 'part 3 in flight');
      offsetMs += 400_000;
    });
    const denied = partsOf(log, file.name).filter((e) => e.status === 403);
    assert.ok(denied.length >= 1, 'at least one part was refused with the expired keys');
    assert.ok(log.filter((e) => e.action === 'Sts' && e.status === 200).length >= 2, 'new temporary keys were fetched');
  });
});

describe('a 20-minute clock skew between the device and COS', { timeout: 90_000 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  /** Temporary keys without StartTime: the page signs from its own clock, as providers built on other backends do. */
  const keysWithoutStartTime = (): TokenProvider => createCredentialsProvider({
    name: 'sts without StartTime',
    hash: nodeHash,
    async getCredentials() {
      const answer = (await (await fetch(`${lab.url}/sts`)).json()) as Record<string, unknown>;
      delete answer.StartTime;
      return answer;
    },
  });

  // `corrects`: the first signature is refused (RequestTimeTooSkewed) and the client learns the server's clock.
  const cases: { name: string; serverSkew: number; provider: () => TokenProvider; corrects?: boolean }[] = [
    { name: 'device 20 min slow, STS keys', serverSkew: TWENTY_MINUTES, provider: () => lab.sts() },
    { name: 'device 20 min fast, STS keys', serverSkew: -TWENTY_MINUTES, provider: () => lab.sts() },
    { name: 'device 20 min slow, keys without StartTime', serverSkew: TWENTY_MINUTES, provider: keysWithoutStartTime },
    { name: 'device 20 min fast, keys without StartTime', serverSkew: -TWENTY_MINUTES, provider: keysWithoutStartTime, corrects: true },
    { name: 'device 20 min fast, STS keys valid for 15 min', serverSkew: -TWENTY_MINUTES, provider: () => lab.sts({ duration: '900' }) },
    { name: 'device 20 min slow, signing backend', serverSkew: TWENTY_MINUTES, provider: () => createSignerTokenProvider({ url: `${lab.url}/sign` }) },
    { name: 'device 20 min fast, signing backend', serverSkew: -TWENTY_MINUTES, provider: () => createSignerTokenProvider({ url: `${lab.url}/sign` }) },
  ];
  for (const c of cases) {
    it(`${c.name}: the multipart upload completes`, async () => {
      lab.emu.setClockSkew(c.serverSkew);
      try {
        const prefix = prefixFor('skew');
        const file = fileOf(3 * MiB + 7, `${prefix}skewed.bin`, 5);
        const { log, client } = await uploadAndVerify(lab, file, { tokenProvider: c.provider() });
        // A re-sign after RequestTimeTooSkewed is allowed; anything else failing is not.
        const failed = log.filter((e) => e.key === file.name && e.action !== 'GetObject' && e.status !== 200);
        assert.ok(failed.every((e) => e.status === 403), `unexpected failures: ${JSON.stringify(failed)}`);
        if (c.corrects) {
          assert.equal(failed.length, 1, 'one refused request, then the corrected clock is used for every request');
          assert.ok(Math.abs(client.clockOffsetMs - c.serverSkew * 1000) < 5000, `learned offset ${client.clockOffsetMs} ms`);
        }
      } finally {
        lab.emu.setClockSkew(0);
      }
    });
  }
});

describe('the emulator restarted in the middle of a multipart upload', { timeout: 90_000 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it('a process restart (connections cut, port down 300 ms): the upload continues on the same uploadId', async () => {
    const prefix = prefixFor('restart');
    const file = fileOf(8 * MiB + 9, `${prefix}big.bin`, 9);
    // Slow parts, so the restart lands while parts are on the wire.
    lab.faults({ key: file.name, action: 'UploadPart', probability: 1, delayMs: 150 });
    let doneBefore: number[] = [];
    const { upload, log } = await uploadAndVerify(lab, file, { tokenProvider: lab.sts() }, async () => {
      const onTheWire = () => partsOf(lab.log(), file.name).some((e) => e.status === 0);
      await until(() => succeededParts(lab.log(), file.name).length >= 3 && onTheWire(), 20_000, 'three parts stored, more on the wire');
      doneBefore = succeededParts(lab.log(), file.name);
      await lab.restart(300);
    });
    assert.ok(doneBefore.length >= 3);
    const uploadIds = new Set(partsOf(log, file.name).map((e) => e.uploadId));
    assert.deepEqual([...uploadIds], [upload.uploadId], 'every part went to the one upload');
    const beforeRestart = log.slice(0, log.length - lab.emu.log.length);
    const afterRestart = log.slice(log.length - lab.emu.log.length);
    assert.ok(beforeRestart.some((e) => e.action === 'UploadPart' && e.status === 0), 'the restart cut parts on the wire');
    const resent = afterRestart.filter((e) => e.action === 'UploadPart' && doneBefore.includes(e.partNumber ?? 0));
    assert.deepEqual(resent, [], 'parts stored before the restart were not sent again');
    assert.ok(afterRestart.some((e) => e.action === 'UploadPart' && e.status === 200), 'parts went to the restarted server');
    assert.ok(afterRestart.some((e) => e.action === 'CompleteMultipartUpload' && e.status === 200), 'the restarted server completed the upload');
  });

  it('an in-place restart (POST /-/restart reloads state from disk): the upload completes', async () => {
    const prefix = prefixFor('restart-admin');
    const file = fileOf(6 * MiB + 1, `${prefix}big.bin`, 10);
    lab.faults({ key: file.name, action: 'UploadPart', probability: 1, delayMs: 100 });
    let doneBefore: number[] = [];
    let logLengthAtRestart = 0;
    const { log } = await uploadAndVerify(lab, file, { tokenProvider: lab.sts() }, async () => {
      await until(() => succeededParts(lab.log(), file.name).length >= 2, 20_000, 'two parts stored');
      doneBefore = succeededParts(lab.log(), file.name);
      logLengthAtRestart = lab.log().length;
      const response = await fetch(`${lab.url}/-/restart`, { method: 'POST' });
      assert.equal(response.status, 204);
    });
    const resent = log.slice(logLengthAtRestart).filter((e) => e.key === file.name && e.action === 'UploadPart' && doneBefore.includes(e.partNumber ?? 0));
    assert.deepEqual(resent, [], 'parts stored before the restart were not sent again');
  });
});
