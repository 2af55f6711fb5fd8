#!/usr/bin/env node
/* global Response, fetch -- Node ≥ 20 has both */
// A backend for <cos-uploader> with a REAL COS bucket, built on cos-uploader/server. Each signed-in user
// gets temporary keys (or per-request signatures) for their own prefix `<COS_PREFIX><user>/` only, for the
// upload actions only (no Delete, no Get), with a size ceiling COS enforces. The permanent key stays here.
//
//   COS_SECRET_ID=... COS_SECRET_KEY=... COS_BUCKET=examplebucket-1250000000 COS_REGION=ap-guangzhou \
//   ALLOW_ORIGIN=http://127.0.0.1:5173 DEMO_USERS=alice:pw1,bob:pw2 npx tsx demo/server/real-bucket-sts.mjs
//
// Development without a bucket: COS_STS=emulator EMULATOR_URL=http://127.0.0.1:9100 (npm run emulator).
// The sample login (POST /login with {user, password} → an HttpOnly session cookie) stands in for your
// app's own: in your code, make `authenticate` read your session and import from 'cos-uploader/server'.
// Endpoints: POST /login, POST /logout, GET /me, GET|POST /sts (token-url), POST /sign (sign-url).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import {
  createSignHandler, createStsHandler, emulatorCredentialSource, qcloudCredentialSource, toNodeListener,
} from '../../src/server/index.ts';

const COOKIE = 'cos_demo_session';
const SESSION_MS = 8 * 60 * 60 * 1000;
const digest = (text) => createHash('sha256').update(text).digest();

/** `alice:pw1,bob:pw2` → Map; without DEMO_USERS two users get random passwords (printed once). */
export function parseUsers(spec) {
  const users = new Map();
  for (const entry of (spec || '').split(',').filter(Boolean)) {
    const colon = entry.indexOf(':');
    const name = entry.slice(0, colon);
    if (colon < 1 || !/^[a-z0-9_-]{1,32}$/i.test(name)) throw new Error(`DEMO_USERS entry "${entry}" must be name:password (name of letters, digits, _ or -)`);
    users.set(name, entry.slice(colon + 1));
  }
  if (users.size === 0) for (const name of ['alice', 'bob']) users.set(name, randomBytes(9).toString('base64url'));
  return users;
}

function cookieOf(request, name) {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * The demo backend as one fetch-style handler: the sample login plus the two cos-uploader/server handlers.
 * `source` is where temporary keys come from; `secretId`/`secretKey` sign per request for /sign.
 */
export function createDemoBackend(config) {
  const sessions = new Map();
  const allowedOrigins = config.allowedOrigins ?? [];
  const now = config.now ?? Date.now;

  const authenticate = (request) => {
    const session = sessions.get(cookieOf(request, COOKIE) ?? '');
    if (!session || session.expires < now()) return null;
    return { id: session.user };
  };
  const common = {
    bucket: config.bucket,
    region: config.region,
    authenticate,
    prefixFor: (user) => `${config.prefix ?? 'uploads/'}${user.id}/`,
    maxObjectSize: config.maxObjectSize ?? 200 * 1024 * 1024,
    allowedOrigins,
    audit: config.audit ?? ((e) => console.log(`[audit] ${e.handler} ${e.decision} ${e.status} user=${e.userId ?? '-'} ${e.action ?? ''} ${e.key ?? ''} ${e.decision === 'deny' ? e.reason : ''}`)),
  };
  const sts = createStsHandler({ ...common, source: config.source });
  const sign = config.secretId ? createSignHandler({ ...common, secretId: config.secretId, secretKey: config.secretKey, hosts: config.hosts }) : undefined;

  // The login routes answer cross-origin pages listed in allowedOrigins only (with the session cookie).
  const cors = (request) => {
    const origin = request.headers.get('origin');
    return origin && allowedOrigins.includes(origin)
      ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
      : { vary: 'Origin' };
  };
  const json = (request, status, body, headers = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors(request), ...headers } });
  const foreign = (request) => {
    const origin = request.headers.get('origin');
    return origin && origin !== new URL(request.url).origin && !allowedOrigins.includes(origin);
  };

  async function login(request) {
    const body = await request.json().catch(() => ({}));
    const expected = config.users.get(String(body.user ?? ''));
    // Compare digests so the time taken does not tell how much of a password was right.
    if (expected === undefined || !timingSafeEqual(digest(String(body.password ?? '')), digest(expected))) {
      return json(request, 401, { error: 'Wrong user or password' });
    }
    const id = randomBytes(32).toString('base64url');
    sessions.set(id, { user: body.user, expires: now() + SESSION_MS });
    const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
    const cookie = `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MS / 1000}${secure}`;
    return json(request, 200, { user: body.user, prefix: common.prefixFor({ id: body.user }) }, { 'set-cookie': cookie });
  }

  return async function handler(request) {
    const path = new URL(request.url).pathname;
    if (path === '/sts') return sts(request);
    if (path === '/sign') return sign ? sign(request) : json(request, 404, { error: 'Signing needs COS_SECRET_ID / COS_SECRET_KEY' });
    if (foreign(request)) return json(request, 403, { error: 'Origin not allowed' });
    if (request.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: { ...cors(request), 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type' } });
    }
    if (path === '/login' && request.method === 'POST') return login(request);
    if (path === '/logout' && request.method === 'POST') {
      sessions.delete(cookieOf(request, COOKIE) ?? '');
      return json(request, 200, {}, { 'set-cookie': `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` });
    }
    if (path === '/me' && request.method === 'GET') {
      const user = authenticate(request);
      return user ? json(request, 200, { user: user.id, prefix: common.prefixFor(user) }) : json(request, 401, { error: 'Not signed in' });
    }
    return json(request, 404, { error: 'Not found' });
  };
}

async function main() {
  const env = process.env;
  const useEmulator = env.COS_STS === 'emulator';
  const required = useEmulator ? ['EMULATOR_URL'] : ['COS_SECRET_ID', 'COS_SECRET_KEY', 'COS_BUCKET', 'COS_REGION'];
  for (const name of required) {
    if (!env[name]) {
      console.error(`Set ${name} (see the comment at the top of this file).`);
      process.exit(1);
    }
  }
  let bucket = env.COS_BUCKET;
  let region = env.COS_REGION;
  let hosts;
  if (useEmulator) {
    const info = await fetch(`${env.EMULATOR_URL}/-/info`).then((r) => r.json());
    bucket ??= info.bucket;
    region ??= info.region;
    hosts = [new URL(env.EMULATOR_URL).host];
  }
  const users = parseUsers(env.DEMO_USERS);
  const backend = createDemoBackend({
    bucket,
    region,
    prefix: env.COS_PREFIX ?? 'uploads/',
    users,
    allowedOrigins: (env.ALLOW_ORIGIN ?? '').split(',').filter(Boolean),
    source: useEmulator
      ? emulatorCredentialSource({ url: env.EMULATOR_URL })
      : qcloudCredentialSource({ secretId: env.COS_SECRET_ID, secretKey: env.COS_SECRET_KEY }),
    secretId: env.COS_SECRET_ID ?? (useEmulator ? 'AKIDcosEmulatorDevelopmentKey0001' : undefined),
    secretKey: env.COS_SECRET_KEY ?? (useEmulator ? 'cosEmulatorDevelopmentSecretKey1' : undefined),
    hosts,
  });
  const port = Number(env.PORT ?? 3000);
  const server = createServer(toNodeListener(backend));
  server.listen(port, '127.0.0.1', () => {
    console.log(`Backend at http://127.0.0.1:${server.address().port}: POST /login, GET /me, /sts (token-url), /sign (sign-url); bucket ${bucket}`);
    if (!env.DEMO_USERS) console.log(`Sample users (random passwords, set DEMO_USERS to choose): ${[...users].map(([u, p]) => `${u}:${p}`).join(' ')}`);
    if (!env.ALLOW_ORIGIN) console.log('No ALLOW_ORIGIN: only pages served from this origin may call it.');
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
