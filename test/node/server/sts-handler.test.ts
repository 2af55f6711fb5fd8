// createStsHandler against the emulator's STS: per-user temporary keys, and the emulator enforcing their scope as COS does.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createStsTokenProvider } from '../../../src/core/auth/credentials-sts.js';
import { normalizeCredentials } from '../../../src/core/auth/credentials.js';
import type { CosError } from '../../../src/core/http/errors.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import {
  buildUploadPolicy, createStsHandler, emulatorCredentialSource, qcloudCredentialSource,
  type QcloudGetCredential, type StsHandlerOptions,
} from '../../../src/server/index.js';
import { asUser, auditLog, authenticate, BUCKET, clientFor, fetchAs, serveNode, startEmulator, xmlField, type Served, type TestEmulator } from './helpers.js';

let t: TestEmulator;

function handlerWith(extra: Partial<StsHandlerOptions> = {}) {
  return createStsHandler({
    bucket: BUCKET,
    region: 'ap-guangzhou',
    source: emulatorCredentialSource({ url: t.url }),
    authenticate,
    rateLimit: false,
    ...extra,
  });
}

async function callSts(handler: (r: Request) => Promise<Response>, headers: Record<string, string> = asUser('alice'), path = '/sts') {
  const response = await handler(new Request(`http://backend.test${path}`, { headers }));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const deniedBy = (code: string) => (err: CosError) => err.code === code && err.source === 'cos';

before(async () => {
  t = await startEmulator();
});
after(() => t.close());

describe('STS handler with the emulator as credential source', () => {
  let served: Served;
  before(async () => {
    served = await serveNode(handlerWith({ maxObjectSize: 64 }));
  });
  after(() => served.close());

  const clientOf = (user: 'alice' | 'bob') =>
    clientFor(t, createStsTokenProvider({ url: `${served.url}/sts`, fetch: fetchAs(user), hash: nodeHash }));

  test('no credentials → 401 and no keys', async () => {
    const answer = await callSts(handlerWith(), {});
    assert.equal(answer.status, 401);
    assert.doesNotMatch(answer.text, /TmpSecret/);
  });

  test("keys are scoped to the user's prefix: their PUT succeeds, a PUT under another user's prefix is refused by COS", async () => {
    const answer = JSON.parse((await callSts(handlerWith())).text);
    assert.equal(answer.Prefix, 'users/alice/');
    assert.equal(answer.ExpiredTime - answer.StartTime, 900, 'short-lived by default');
    assert.equal(normalizeCredentials(answer, 'test').secretId, answer.Credentials.TmpSecretId, 'the shape token-url accepts');
    assert.doesNotMatch(JSON.stringify(answer), new RegExp(t.emu.secretKey), 'the permanent key never leaves the server');

    const alice = clientOf('alice');
    await alice.putObject('users/alice/mine.txt', new Blob(['alice']));
    assert.equal((await alice.headObject('users/alice/mine.txt')).size, 5);
    await assert.rejects(alice.putObject('users/bob/theirs.txt', new Blob(['sneaky'])), deniedBy('AccessDenied'));
    await assert.rejects(alice.putObject('shared.txt', new Blob(['root'])), deniedBy('AccessDenied'));
    await assert.rejects(alice.listMultipartUploads('users/'), deniedBy('AccessDenied'));
    const bob = clientOf('bob');
    await bob.putObject('users/bob/theirs.txt', new Blob(['bob']));
    await assert.rejects(bob.headObject('users/alice/mine.txt'), deniedBy('AccessDenied'));
  });

  test('Delete and Get are not granted by default: COS refuses them and the object stays', async () => {
    const alice = clientOf('alice');
    await alice.putObject('users/alice/keep.txt', new Blob(['keep']));
    await assert.rejects(alice.deleteObject('users/alice/keep.txt'), deniedBy('AccessDenied'));
    await assert.rejects(alice.getObject('users/alice/keep.txt'), deniedBy('AccessDenied'));
    assert.equal((await alice.headObject('users/alice/keep.txt')).size, 4);
  });

  test('a body larger than maxObjectSize is refused by COS (PUT and each part)', async () => {
    const alice = clientOf('alice');
    await alice.putObject('users/alice/fits.bin', new Blob([new Uint8Array(64)]));
    await assert.rejects(alice.putObject('users/alice/big.bin', new Blob([new Uint8Array(65)])), deniedBy('AccessDenied'));
    const { uploadId } = await alice.initiateMultipartUpload('users/alice/parts.bin');
    await assert.rejects(alice.uploadPart('users/alice/parts.bin', uploadId, 1, new Blob([new Uint8Array(65)])), deniedBy('AccessDenied'));
    await alice.abortMultipartUpload('users/alice/parts.bin', uploadId);
  });

  test('a request for another bucket or region → 403; GetObject granted only when asked for', async () => {
    const other = await callSts(handlerWith(), asUser('alice'), '/sts?bucket=otherbucket-1250000000');
    assert.equal(other.status, 403);
    assert.equal(xmlField(other.text, 'Code'), 'AccessDenied');
    assert.equal((await callSts(handlerWith(), asUser('alice'), '/sts?region=ap-beijing')).status, 403);
    assert.equal((await callSts(handlerWith(), asUser('alice'), `/sts?bucket=${BUCKET}`)).status, 200);

    const readable = await serveNode(handlerWith({ actions: ['PutObject', 'GetObject'] }));
    try {
      const alice = clientFor(t, createStsTokenProvider({ url: `${readable.url}/sts`, fetch: fetchAs('alice'), hash: nodeHash }));
      await alice.putObject('users/alice/read.txt', new Blob(['readable']));
      assert.equal(await (await alice.getObject('users/alice/read.txt')).text(), 'readable');
    } finally {
      await readable.close();
    }
  });

  test('rate limit → 429; a failing credential source → 500 with details only in the audit log', async () => {
    const limited = handlerWith({ rateLimit: { limit: 1, windowMs: 60_000 } });
    assert.equal((await callSts(limited)).status, 200);
    const second = await callSts(limited);
    assert.equal(second.status, 429);
    assert.ok(Number(second.headers.get('retry-after')) >= 1);

    const log = auditLog();
    const down = handlerWith({ source: emulatorCredentialSource({ url: 'http://127.0.0.1:1' }), audit: log.audit });
    const failed = await callSts(down);
    assert.equal(failed.status, 500);
    assert.doesNotMatch(failed.text, /127\.0\.0\.1:1/);
    assert.equal(log.events.at(-1)?.decision, 'deny');
    assert.match(log.events.at(-1)!.reason, /failed/);
  });

  test('the audit hook sees each decision with user, prefix and outcome', async () => {
    const log = auditLog();
    const handler = handlerWith({ audit: log.audit });
    await callSts(handler);
    await callSts(handler, {});
    assert.deepEqual(log.events.map((e) => [e.handler, e.decision, e.status, e.userId, e.key]), [
      ['sts', 'allow', 200, 'alice', 'users/alice/'],
      ['sts', 'deny', 401, undefined, undefined],
    ]);
  });
});

describe('Tencent Cloud STS source (fake transport: tests never reach the internet)', () => {
  test('asks GetFederationToken for a least-privilege policy: own prefix, upload actions, content-length ceiling', async () => {
    const calls: Parameters<QcloudGetCredential>[0][] = [];
    const getCredential: QcloudGetCredential = async (options) => {
      calls.push(options);
      return { credentials: { tmpSecretId: 'AKIDtmpFake', tmpSecretKey: 'fakeKey', sessionToken: 'fakeToken' }, startTime: 1_700_000_000, expiredTime: 1_700_000_900 };
    };
    const handler = createStsHandler({
      bucket: BUCKET, region: 'ap-guangzhou', authenticate, maxObjectSize: 5_000_000,
      source: qcloudCredentialSource({ secretId: 'AKIDserver', secretKey: 'serverKey', getCredential }),
    });
    const answer = await callSts(handler, asUser('bob'));
    assert.equal(answer.status, 200, answer.text);
    const body = JSON.parse(answer.text);
    assert.deepEqual(body.Credentials, { TmpSecretId: 'AKIDtmpFake', TmpSecretKey: 'fakeKey', Token: 'fakeToken' });
    assert.equal(calls.length, 1);
    assert.equal(calls[0].durationSeconds, 900);
    const statements = calls[0].policy.statement;
    const resources = new Set(statements.flatMap((s) => s.resource));
    assert.deepEqual([...resources], [`qcs::cos:ap-guangzhou:uid/1250000000:${BUCKET}/users/bob/*`]);
    const actions = statements.flatMap((s) => s.action);
    assert.ok(!actions.some((a) => /Delete|GetObject/.test(a)), actions.join());
    const bodyStatement = statements.find((s) => s.action.includes('name/cos:PutObject'))!;
    assert.deepEqual(bodyStatement.action.sort(), ['name/cos:PutObject', 'name/cos:UploadPart']);
    assert.deepEqual(bodyStatement.condition, { numeric_less_than_equal: { 'cos:content-length': 5_000_000 } });
    assert.ok(statements.filter((s) => s !== bodyStatement).every((s) => !s.action.includes('name/cos:PutObject')));
  });

  test('policy for custom actions; a malformed STS answer is a 500, not half-filled keys', async () => {
    const policy = buildUploadPolicy({ bucket: BUCKET, region: 'ap-beijing', prefix: 'a/', actions: ['GetObject'], durationSeconds: 600, maxObjectSize: 1 });
    assert.deepEqual(policy.statement, [{ effect: 'allow', action: ['name/cos:GetObject'], resource: [`qcs::cos:ap-beijing:uid/1250000000:${BUCKET}/a/*`] }]);
    const handler = createStsHandler({
      bucket: BUCKET, region: 'ap-guangzhou', authenticate,
      source: qcloudCredentialSource({ secretId: 'id', secretKey: 'key', getCredential: async () => ({ credentials: { tmpSecretId: 'x' } }) }),
    });
    const answer = await callSts(handler);
    assert.equal(answer.status, 500);
    assert.doesNotMatch(answer.text, /TmpSecret/);
  });
});
