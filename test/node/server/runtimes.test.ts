// One handler instance, several runtimes: node:http through toNodeListener, an Express-style stack that has
// parsed the body already, and a plain fetch-style call as Next.js route handlers, Hono, Deno and Bun make it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSignerTokenProvider } from '../../../src/core/auth/credentials-signer.js';
import { createStsTokenProvider } from '../../../src/core/auth/credentials-sts.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { createSignHandler, createStsHandler, emulatorCredentialSource, toNodeListener } from '../../../src/server/index.js';
import { asUser, authenticate, BUCKET, clientFor, fetchAs, serveNode, startEmulator, type TestEmulator } from './helpers.js';

let t: TestEmulator;
before(async () => {
  t = await startEmulator();
});
after(() => t.close());

const signHandler = () => createSignHandler({
  bucket: BUCKET, region: 'ap-guangzhou', secretId: t.emu.secretId, secretKey: t.emu.secretKey, hosts: [`127.0.0.1:${t.port}`], authenticate,
});

/** A fetch function that never opens a socket: the handler is called like a route handler. */
function inProcess(handler: (r: Request) => Promise<Response>, user: 'alice' | 'bob'): typeof fetch {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', asUser(user).authorization);
    return handler(new Request(new URL(String(input), 'http://route.test'), { ...init, headers }));
  };
}

test('the same sign handler serves node:http and a fetch-style runtime; both uploads land', async () => {
  const handler = signHandler();
  const served = await serveNode(handler);
  try {
    const overHttp = clientFor(t, createSignerTokenProvider({ url: `${served.url}/sign`, fetch: fetchAs('alice') }));
    await overHttp.putObject('users/alice/over-http.txt', new Blob(['http']));
    const inRoute = clientFor(t, createSignerTokenProvider({ url: 'http://route.test/api/sign', fetch: inProcess(handler, 'bob') }));
    await inRoute.putObject('users/bob/in-route.txt', new Blob(['route']));
    assert.equal((await overHttp.headObject('users/alice/over-http.txt')).size, 4);
    assert.equal((await inRoute.headObject('users/bob/in-route.txt')).size, 5);
    await assert.rejects(inRoute.putObject('users/alice/x.txt', new Blob(['x'])), /outside your prefix/);
  } finally {
    await served.close();
  }
});

test('the same STS handler serves node:http and a fetch-style runtime', async () => {
  const handler = createStsHandler({ bucket: BUCKET, region: 'ap-guangzhou', source: emulatorCredentialSource({ url: t.url }), authenticate });
  const served = await serveNode(handler);
  try {
    const overHttp = clientFor(t, createStsTokenProvider({ url: `${served.url}/sts`, fetch: fetchAs('alice'), hash: nodeHash }));
    await overHttp.putObject('users/alice/sts-http.txt', new Blob(['a']));
    const inRoute = clientFor(t, createStsTokenProvider({ url: 'http://route.test/api/sts', fetch: inProcess(handler, 'bob'), hash: nodeHash }));
    await inRoute.putObject('users/bob/sts-route.txt', new Blob(['b']));
    const anonymous = await fetch(`${served.url}/sts`);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('cache-control'), 'no-store');
  } finally {
    await served.close();
  }
});

test('Express-style: a body parsed by earlier middleware is used as is; an oversized body is refused before buffering', async () => {
  const listener = toNodeListener(signHandler());
  // What express.json() leaves behind: the stream consumed, req.body an object.
  const server: Server = createServer((req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.headers['x-pre-parse']) req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      else req.unshift(Buffer.concat(chunks));
      listener(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/sign`;
  try {
    const body = { method: 'PUT', pathname: '/users/alice/e.txt', key: 'users/alice/e.txt', query: {}, headers: { host: `127.0.0.1:${t.port}`, 'content-length': '1' } };
    const parsed = await fetch(url, { method: 'POST', headers: { ...asUser('alice'), 'content-type': 'application/json', 'x-pre-parse': '1' }, body: JSON.stringify(body) });
    assert.equal(parsed.status, 200, await parsed.clone().text());
    assert.match((await parsed.json()).authorization, /^q-sign-algorithm=sha1&/);
  } finally {
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }
  const served = await serveNode(signHandler());
  try {
    const huge = await fetch(`${served.url}/sign`, { method: 'POST', headers: asUser('alice'), body: 'x'.repeat(200_000) });
    assert.equal(huge.status, 413);
  } finally {
    await served.close();
  }
});
