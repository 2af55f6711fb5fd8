import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CosError } from '../../../src/core/http/errors.js';
import { createSignerTokenProvider, parseSignerAnswer } from '../../../src/core/auth/credentials-signer.js';
import { lazySignerTokenProvider } from '../../../src/core/auth/lazy-signer.js';
import type { AuthorizeRequest } from '../../../src/core/types.js';

const AUTH = 'q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1700000000;1700003600&q-key-time=1700000000;1700003600&q-header-list=content-length;host&q-url-param-list=&q-signature=7370a4febc136ced74936a957733a12956da7821';
const host = 'examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com';

const request: AuthorizeRequest = {
  bucket: 'examplebucket-1250000000', region: 'ap-guangzhou', method: 'PUT', key: 'uploads/photo.jpg', pathname: '/uploads/photo.jpg',
  query: { partNumber: '1', uploadId: 'u1' }, headers: { host, 'content-length': '13' }, clockOffsetMs: 0,
};

function fakeFetch(answer: () => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

async function rejection(promise: Promise<unknown>): Promise<CosError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CosError, `expected a CosError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

describe('createSignerTokenProvider', () => {
  it('POSTs the request to sign as JSON and returns {authorization, securityToken}', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ authorization: AUTH, securityToken: 'tok' }));
    const provider = createSignerTokenProvider({ url: 'http://backend.test/sign', fetch, init: { headers: { 'x-csrf': 'abc' } } });
    assert.deepEqual(await provider.authorize(request), { authorization: AUTH, securityToken: 'tok' });
    assert.equal(calls.length, 1);
    assert.equal(calls[0].init.method, 'POST');
    const headers = calls[0].init.headers as Headers;
    assert.equal(headers.get('content-type'), 'application/json');
    assert.equal(headers.get('x-csrf'), 'abc');
    assert.deepEqual(JSON.parse(calls[0].init.body as string), {
      method: 'PUT', pathname: '/uploads/photo.jpg', key: 'uploads/photo.jpg', query: { partNumber: '1', uploadId: 'u1' },
      headers: { host, 'content-length': '13' }, bucket: 'examplebucket-1250000000', region: 'ap-guangzhou',
    });
    assert.equal(provider.name, 'signer http://backend.test/sign');
  });

  it('signs every request (no cache)', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ authorization: AUTH }));
    const provider = createSignerTokenProvider({ url: '/sign', fetch });
    await provider.authorize(request);
    await provider.authorize(request);
    assert.equal(calls.length, 2);
  });

  it('accepts the SDK shapes: {Authorization, SecurityToken|XCosSecurityToken}, a bare string, JSON string, {url}', () => {
    assert.deepEqual(parseSignerAnswer(JSON.stringify({ Authorization: AUTH, SecurityToken: 't1' }), 'p'), { authorization: AUTH, securityToken: 't1' });
    assert.deepEqual(parseSignerAnswer(JSON.stringify({ Authorization: AUTH, XCosSecurityToken: 't2' }), 'p'), { authorization: AUTH, securityToken: 't2' });
    assert.deepEqual(parseSignerAnswer(`${AUTH}\n`, 'p'), { authorization: AUTH });
    assert.deepEqual(parseSignerAnswer(JSON.stringify(AUTH), 'p'), { authorization: AUTH });
    const url = `https://${host}/uploads/photo.jpg?${AUTH}`;
    assert.deepEqual(parseSignerAnswer(JSON.stringify({ url }), 'p'), { url });
  });

  for (const [label, body, message] of [
    ['HTML', '<html>login</html>', /did not answer JSON or an Authorization string: "login"/],
    ['an object without authorization', '{"ok":true}', /without a string "authorization" \(got undefined\)/],
    ['a numeric authorization', '{"authorization":12}', /without a string "authorization" \(got number 12\)/],
    ['an authorization without q-signature', JSON.stringify({ authorization: AUTH.replace(/&q-signature=.*/, '') }), /not a COS signature \(lacks q-signature=\)/],
    ['an authorization with spaces', JSON.stringify({ authorization: AUTH.replace('q-ak=', 'q-ak= ') }), /contains spaces or non-ASCII/],
    ['a relative url', JSON.stringify({ url: '/a?q-signature=x' }), /url that is not absolute/],
    ['a url without signature', JSON.stringify({ url: 'https://x.test/a' }), /not a pre-signed COS URL/],
    ['a numeric token', JSON.stringify({ authorization: AUTH, securityToken: 5 }), /securityToken as number 5/],
    ['an array', '[1]', /answered an array instead of \{authorization\}/],
  ] as const) {
    it(`refuses ${label} with a CredentialsError naming the provider`, () => {
      assert.throws(() => parseSignerAnswer(body, 'signer /sign'), (e: unknown) =>
        e instanceof CosError && e.code === 'CredentialsError' && e.source === 'provider' &&
        e.message.startsWith('Token provider "signer /sign" ') && message.test(e.message));
    });
  }

  it('HTTP 403 from the signer → CredentialsError with the status', async () => {
    const { fetch } = fakeFetch(() => new Response('{"error":"key outside allowed prefix"}', { status: 403 }));
    const err = await rejection(createSignerTokenProvider({ url: '/sign', fetch }).authorize(request));
    assert.equal(err.code, 'CredentialsError');
    assert.equal(err.status, 403);
    assert.match(err.message, /answered HTTP 403: "\{"error":"key outside allowed prefix"\}"/);
  });

  it('an abort rejects with the caller reason', async () => {
    const fetch = (() => new Promise<Response>(() => undefined)) as unknown as typeof globalThis.fetch;
    const controller = new AbortController();
    const pending = createSignerTokenProvider({ url: '/sign', fetch }).authorize(request, { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    await assert.rejects(pending, (e) => e === reason);
  });
});

// The uploader, the library and the doctor build the provider through this wrapper, whose code loads on the first
// signature (docs/bundle-size.md#what-waits-for-its-first-use): same name, same request, same answers and errors.
describe('lazySignerTokenProvider', () => {
  it('answers as createSignerTokenProvider does, with the same name, and fetches per signature', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ authorization: AUTH, securityToken: 'tok' }));
    const provider = lazySignerTokenProvider({ url: 'http://backend.test/sign', fetch });
    assert.equal(provider.name, 'signer http://backend.test/sign');
    assert.equal(lazySignerTokenProvider({ url: 'http://x.test/s', name: 'mine' }).name, 'mine');
    assert.deepEqual(await provider.authorize(request), { authorization: AUTH, securityToken: 'tok' });
    assert.deepEqual(await provider.authorize(request), { authorization: AUTH, securityToken: 'tok' });
    assert.equal(calls.length, 2);
    assert.deepEqual(JSON.parse(calls[1].init.body as string).query, { partNumber: '1', uploadId: 'u1' });
  });

  it('reports a bad answer with the provider\'s name, as the eager provider does', async () => {
    const { fetch } = fakeFetch(() => new Response('not a signature'));
    const err = await rejection(lazySignerTokenProvider({ url: 'http://backend.test/sign', fetch }).authorize(request));
    const eager = await rejection(createSignerTokenProvider({ url: 'http://backend.test/sign', fetch }).authorize(request));
    assert.equal(err.code, eager.code);
    assert.equal(err.message, eager.message);
  });
});
