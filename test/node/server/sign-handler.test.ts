// createSignHandler against the emulator: it signs only what the signed-in user may do, and COS enforces the rest.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSignerTokenProvider } from '../../../src/core/auth/credentials-signer.js';
import { CosError } from '../../../src/core/http/errors.js';
import { createSignHandler, type SignHandlerOptions } from '../../../src/server/index.js';
import { rawRequest } from '../emulator/helpers.js';
import {
  asUser, auditLog, authenticate, BUCKET, clientFor, fetchAs, serveNode, startEmulator, xmlField, type Served, type TestEmulator,
} from './helpers.js';

let t: TestEmulator;
let host: string;

function handlerWith(extra: Partial<SignHandlerOptions> = {}) {
  return createSignHandler({
    bucket: BUCKET,
    region: 'ap-guangzhou',
    secretId: t.emu.secretId,
    secretKey: t.emu.secretKey,
    hosts: [host],
    authenticate,
    rateLimit: false,
    ...extra,
  });
}

/** What `<cos-uploader sign-url>` POSTs for one request. */
function signBody(over: Record<string, unknown> = {}) {
  const key = (over.key as string | undefined) ?? 'users/alice/a.txt';
  return {
    method: 'PUT', pathname: `/${key}`, key, query: {}, headers: { host, 'content-length': '5' }, bucket: BUCKET, region: 'ap-guangzhou',
    ...over,
  };
}

/** Calls the handler the fetch-style way, as Next.js or Hono would. */
async function callSign(handler: (r: Request) => Promise<Response>, body: unknown, headers: Record<string, string> = asUser('alice')) {
  const response = await handler(new Request('http://backend.test/sign', {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  }));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

before(async () => {
  t = await startEmulator();
  host = `127.0.0.1:${t.port}`;
});
after(() => t.close());

describe('sign handler: who may ask', () => {
  test('no credentials or an unknown token → 401, and the refusal is audited', async () => {
    const log = auditLog();
    const handler = handlerWith({ audit: log.audit });
    const none = await callSign(handler, signBody(), {});
    assert.equal(none.status, 401);
    assert.equal(xmlField(none.text, 'Code'), 'Unauthenticated');
    assert.doesNotMatch(none.text, /q-signature/);
    const wrong = await callSign(handler, signBody(), { authorization: 'Bearer token-mallory' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(log.events.map((e) => [e.decision, e.status, e.userId]), [['deny', 401, undefined], ['deny', 401, undefined]]);
  });

  test('a throwing authenticate or audit hook fails closed with 500 and signs nothing', async () => {
    const broken = await callSign(handlerWith({ authenticate: () => { throw new Error('session store down'); } }), signBody());
    assert.equal(broken.status, 500);
    assert.doesNotMatch(broken.text, /session store down|q-signature/, 'internal details stay on the server');
    const noAudit = await callSign(handlerWith({ audit: () => { throw new Error('audit sink full'); } }), signBody());
    assert.equal(noAudit.status, 500);
    assert.doesNotMatch(noAudit.text, /q-signature/);
  });

  test("a user id that could reach into another user's prefix, or a bad prefixFor, fails closed", async () => {
    const slashy = await callSign(handlerWith({ authenticate: () => ({ id: 'alice/../bob' }) }), signBody({ key: 'users/alice/x.txt' }));
    assert.equal(slashy.status, 500);
    const noSlash = await callSign(handlerWith({ prefixFor: () => 'users/alice' }), signBody());
    assert.equal(noSlash.status, 500);
    assert.doesNotMatch(noSlash.text, /q-signature/);
  });

  test('rate limit per user → 429 with Retry-After; another user is not affected; the next window admits again', async () => {
    let now = 1_700_000_000_000;
    const handler = handlerWith({ rateLimit: { limit: 2, windowMs: 60_000 }, now: () => now });
    assert.equal((await callSign(handler, signBody())).status, 200);
    assert.equal((await callSign(handler, signBody())).status, 200);
    const third = await callSign(handler, signBody());
    assert.equal(third.status, 429);
    assert.equal(xmlField(third.text, 'Code'), 'SlowDown');
    assert.equal(third.headers.get('retry-after'), '40', 'the fixed window ends at the next full minute');
    assert.equal((await callSign(handler, signBody({ key: 'users/bob/a.txt' }), asUser('bob'))).status, 200);
    now += 60_000;
    assert.equal((await callSign(handler, signBody())).status, 200);
  });

  test('origins: none allowed by default, listed ones get CORS with credentials, `*` is refused at setup', async () => {
    const closed = await callSign(handlerWith(), signBody(), { ...asUser('alice'), origin: 'https://evil.example' });
    assert.equal(closed.status, 403);
    assert.equal(xmlField(closed.text, 'Code'), 'AccessForbidden');
    const same = await callSign(handlerWith(), signBody(), { ...asUser('alice'), origin: 'http://backend.test' });
    assert.equal(same.status, 200, 'a same-origin page needs no listing');

    const handler = handlerWith({ allowedOrigins: ['https://app.example.com', 'https://*.cms.example.com'] });
    const listed = await callSign(handler, signBody(), { ...asUser('alice'), origin: 'https://app.example.com' });
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.equal(listed.headers.get('access-control-allow-credentials'), 'true');
    const preflight = await handler(new Request('http://backend.test/sign', {
      method: 'OPTIONS',
      headers: { origin: 'https://eu.cms.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    }));
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'content-type, authorization');
    const sneaky = await callSign(handler, signBody(), { ...asUser('alice'), origin: 'https://evil.com/.cms.example.com' });
    assert.equal(sneaky.status, 403, 'the wildcard matches host labels only');
    assert.throws(() => handlerWith({ allowedOrigins: ['*'] }), /any site/);
    assert.throws(() => handlerWith({ allowedOrigins: ['https://app.example.com/path'] }), /no path/);
    assert.throws(() => handlerWith({ actions: ['PutObject', 'PutBucketAcl' as never] }), /Unknown actions PutBucketAcl/);
    assert.throws(() => handlerWith({ bucket: 'nobucket' }), /BucketName-APPID/);
    assert.throws(() => handlerWith({ authenticate: undefined as never }), /authenticate\(request\) is required/);
  });
});

describe('sign handler: what it signs', () => {
  let served: Served;
  before(async () => {
    served = await serveNode(handlerWith({ maxObjectSize: 64 }));
  });
  after(() => served.close());

  test("a user's PUT under their prefix is signed (content-length and host included) and COS stores it", async () => {
    const client = clientFor(t, createSignerTokenProvider({ url: `${served.url}/sign`, fetch: fetchAs('alice') }));
    await client.putObject('users/alice/hello.txt', new Blob(['hello alice']));
    const head = await client.headObject('users/alice/hello.txt');
    assert.equal(head.size, 11);
    const { text } = await callSign(handlerWith(), signBody());
    assert.match(JSON.parse(text).authorization, /q-header-list=content-length;host&/);
  });

  test("refused by the handler: another user's prefix, another bucket, '..', control characters, foreign Host, Delete, Get, ?acl, copy-source", async () => {
    const log = auditLog();
    const handler = handlerWith({ audit: log.audit });
    const cases: [string, Record<string, unknown>, string][] = [
      ["bob's prefix", { key: 'users/bob/a.txt' }, 'AccessDenied'],
      ['the bare prefix', { key: 'users/alice/' }, 'AccessDenied'],
      ['another bucket', { bucket: 'otherbucket-1250000000' }, 'AccessDenied'],
      ['another region', { region: 'ap-beijing' }, 'AccessDenied'],
      ['a .. key', { key: 'users/alice/../bob/a.txt' }, 'InvalidKey'],
      ['a control character', { key: 'users/alice/a\u0000.txt' }, 'InvalidKey'],
      ['a pathname that is not the key', { pathname: '/users/bob/a.txt' }, 'AccessDenied'],
      ['another host', { headers: { host: 'otherbucket-1250000000.cos.ap-guangzhou.myqcloud.com', 'content-length': '5' } }, 'AccessDenied'],
      ['a Delete', { method: 'DELETE', headers: { host } }, 'AccessDenied'],
      ['a Get', { method: 'GET', headers: { host } }, 'AccessDenied'],
      ['PUT ?acl', { query: { acl: '' } }, 'AccessDenied'],
      ['a copy from elsewhere', { headers: { host, 'content-length': '0', 'x-cos-copy-source': `${BUCKET}.cos.ap-guangzhou.myqcloud.com/users/bob/a.txt` } }, 'AccessDenied'],
      ['a public ACL', { headers: { host, 'content-length': '5', 'x-cos-acl': 'public-read' } }, 'AccessDenied'],
      ['a listing of all uploads', { method: 'GET', key: '', pathname: '/', query: { uploads: '', prefix: '' }, headers: { host } }, 'AccessDenied'],
    ];
    for (const [what, over, code] of cases) {
      const answer = await callSign(handler, signBody(over));
      assert.equal(answer.status, 403, `${what}: ${answer.text}`);
      assert.equal(xmlField(answer.text, 'Code'), code, what);
      assert.match(answer.headers.get('content-type') ?? '', /xml/);
    }
    assert.equal(log.events.length, cases.length);
    assert.ok(log.events.every((e) => e.decision === 'deny' && e.userId === 'alice' && e.prefix === 'users/alice/'));
    const listing = await callSign(handler, signBody({ method: 'GET', key: '', pathname: '/', query: { uploads: '', prefix: 'users/alice/a' }, headers: { host } }));
    assert.equal(listing.status, 200, 'listing inside the own prefix is fine');
  });

  test('a widget asking to sign a Delete gets a clear provider error, and the object stays', async () => {
    const client = clientFor(t, createSignerTokenProvider({ url: `${served.url}/sign`, fetch: fetchAs('alice') }));
    await client.putObject('users/alice/keep.txt', new Blob(['keep']));
    await assert.rejects(client.deleteObject('users/alice/keep.txt'), (err: CosError) => /HTTP 403.*DeleteObject is not allowed/.test(err.message));
    assert.equal((await client.headObject('users/alice/keep.txt')).size, 4);
  });

  test('over maxObjectSize: the handler will not sign it, and COS refuses a body longer than the signed length', async () => {
    const client = clientFor(t, createSignerTokenProvider({ url: `${served.url}/sign`, fetch: fetchAs('alice') }));
    await assert.rejects(client.putObject('users/alice/big.bin', new Blob([new Uint8Array(65)])), /EntityTooLarge/);
    const { text } = await callSign(handlerWith({ maxObjectSize: 64 }), signBody({ key: 'users/alice/small.bin', headers: { host, 'content-length': '10' } }));
    const { authorization } = JSON.parse(text) as { authorization: string };
    const path = `/${BUCKET}/users/alice/small.bin`;
    const longer = await rawRequest(t, { method: 'PUT', path, headers: { authorization, host }, body: Buffer.alloc(64) });
    assert.equal(longer.status, 403);
    assert.equal(xmlField(longer.text, 'Code'), 'SignatureDoesNotMatch');
    const exact = await rawRequest(t, { method: 'PUT', path, headers: { authorization, host }, body: Buffer.alloc(10) });
    assert.equal(exact.status, 200, exact.text);
  });

  test("multipart: each part and the parts' total stay within maxObjectSize (a re-sent part replaces its size)", async () => {
    const client = clientFor(t, createSignerTokenProvider({ url: `${served.url}/sign`, fetch: fetchAs('alice') }));
    const key = 'users/alice/parts.bin';
    const { uploadId } = await client.initiateMultipartUpload(key);
    await client.uploadPart(key, uploadId, 1, new Blob([new Uint8Array(40)]));
    await assert.rejects(client.uploadPart(key, uploadId, 2, new Blob([new Uint8Array(30)])), /EntityTooLarge.*70 bytes/);
    await client.uploadPart(key, uploadId, 1, new Blob([new Uint8Array(30)]));
    await client.uploadPart(key, uploadId, 2, new Blob([new Uint8Array(30)]));
    await client.abortMultipartUpload(key, uploadId);
  });

  test('Pic-Operations may only write processed copies inside the prefix and the bucket', async () => {
    const handler = handlerWith();
    const pic = (rules: unknown[]) => signBody({ key: 'users/alice/p.png', headers: { host, 'content-length': '5', 'pic-operations': JSON.stringify({ is_pic_info: 1, rules }) } });
    const ok = await callSign(handler, pic([{ fileid: 'p_thumb.webp', rule: 'imageMogr2/thumbnail/100x' }]));
    assert.equal(ok.status, 200, ok.text);
    assert.match(JSON.parse(ok.text).authorization, /pic-operations/);
    for (const rules of [
      [{ fileid: '/users/bob/p.webp', rule: 'imageMogr2/thumbnail/100x' }],
      [{ fileid: '../bob/p.webp', rule: 'imageMogr2/thumbnail/100x' }],
      [{ fileid: '%2E%2E/bob/p.webp', rule: 'imageMogr2/thumbnail/100x' }],
      [{ fileid: 'p.webp', rule: 'imageMogr2/thumbnail/100x', bucket: 'otherbucket-1250000000' }],
    ]) {
      const refused = await callSign(handler, pic(rules));
      assert.equal(refused.status, 403, JSON.stringify(rules));
    }
  });

  test('signatures live at most lifetimeSeconds, whatever the browser asks', async () => {
    const { text } = await callSign(handlerWith({ lifetimeSeconds: 120 }), signBody({ expires: 86_400 }));
    const [start, end] = /q-sign-time=(\d+);(\d+)/.exec(JSON.parse(text).authorization)!.slice(1).map(Number);
    assert.equal(end - start, 120);
  });
});
