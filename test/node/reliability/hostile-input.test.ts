// Hostile and bad input: each case ends with a clear error (or a correct upload), and nothing is
// lost or half-written on the server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import {
  buildPicOperations, createStsTokenProvider, FetchTransport, MAX_SIMPLE_PUT_SIZE, PicOperationsError,
  type HttpRequest, type HttpResponse, type SendOptions, type Transport,
} from '../../../src/core/index.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import {
  errorOf, fileOf, MiB, partsResentAfterSuccess, prefixFor, sha256, startLab, succeededParts, until, waitFor, type Lab,
} from './helpers.js';

let lab: Lab;
before(async () => {
  lab = await startLab();
});
after(() => lab.close());

const entriesFor = (key: string) => lab.log().filter((e) => e.key === key);

async function uploadOne(file: File, options: Parameters<Lab['manager']>[1] = {}, clientOptions: Parameters<Lab['client']>[0] = {}) {
  const client = lab.client({ backoff: { baseMs: 20 }, ...clientOptions });
  const manager = lab.manager(client, { retryDelays: [100, 200], ...options });
  const [added] = manager.add([file]);
  await manager.idle();
  return { client, manager, upload: manager.snapshot().find((u) => u.id === added.id)! };
}

/** A Blob that claims a size beyond what Node can allocate; its slices are real (zero) bytes. */
class SparseBlob extends Blob {
  readonly #size: number;
  constructor(size: number) {
    super([]);
    this.#size = size;
  }
  override get size(): number {
    return this.#size;
  }
  override slice(start = 0, end = this.#size): Blob {
    const from = Math.max(0, Math.min(start, this.#size));
    const to = Math.max(from, Math.min(end, this.#size));
    return new Blob([new Uint8Array(to - from)]);
  }
}

describe('file sizes at the edges', { timeout: 60_000 }, () => {
  for (const threshold of [MiB, 0]) {
    it(`a 0-byte file is stored as an empty object with one PUT (multipartThreshold ${threshold})`, async () => {
      const file = new File([], `${prefixFor('empty')}empty.txt`, { type: 'text/plain' });
      const { client, upload } = await uploadOne(file, { multipartThreshold: threshold });
      assert.deepEqual([upload.status, upload.multipart, upload.loaded, upload.total], ['done', false, 0, 0]);
      assert.equal((await client.headObject(file.name)).size, 0);
      assert.equal((await client.getObject(file.name)).size, 0);
      assert.deepEqual(entriesFor(file.name).map((e) => [e.action, e.status]).slice(0, 1), [['PutObject', 200]]);
    });
  }

  it('a file above the 5 GB simple-PUT limit goes multipart even when the threshold says PUT; cancel leaves nothing', async () => {
    const key = `${prefixFor('huge')}huge.bin`;
    const blob = new SparseBlob(MAX_SIMPLE_PUT_SIZE + 1);
    const client = lab.client();
    const manager = lab.manager(client, { multipartThreshold: Number.MAX_SAFE_INTEGER, partSize: 8 * MiB, concurrency: 1, keyFor: () => key });
    const [added] = manager.add([blob]);
    assert.equal(added.multipart, true);
    assert.equal(added.parts.length, Math.ceil((MAX_SIMPLE_PUT_SIZE + 1) / (8 * MiB)));
    await until(() => succeededParts(lab.log(), key).length >= 1, 30_000, 'the first part stored');
    await manager.cancel(added.id);
    assert.equal(manager.snapshot()[0].status, 'cancelled');
    const actions = entriesFor(key).map((e) => e.action);
    assert.ok(!actions.includes('PutObject'), 'no simple PUT was tried');
    assert.equal(actions[0], 'InitiateMultipartUpload');
    assert.ok(actions.includes('AbortMultipartUpload'), 'the cancel aborted the upload on the server');
    assert.equal((await errorOf(client.headObject(key))).code, 'NotFound');
    assert.deepEqual(await client.listMultipartUploads(key), [], 'no upload is left open');
  });
});

describe('object keys the client must refuse before sending', { timeout: 60_000 }, () => {
  const prefix = prefixFor('keys');
  const badKeys: [string, string, RegExp][] = [
    ['a ../ segment', `${prefix}../escape.txt`, /'\.' or '\.\.' path segment/],
    ['a leading ../', '../outside.txt', /'\.' or '\.\.' path segment/],
    ['a ./ segment', `${prefix}./dot.txt`, /'\.' or '\.\.' path segment/],
    ['a NUL', `${prefix}nul\u0000.txt`, /control characters/],
    ['a newline', `${prefix}line\nbreak.txt`, /control characters/],
    ['an ESC', `${prefix}esc\u001b.txt`, /control characters/],
    ['851 ASCII bytes', `${prefix}${'k'.repeat(851 - prefix.length)}`, /851 bytes in UTF-8; COS allows at most 850/],
    ['852 UTF-8 bytes', `${prefix}${'键'.repeat(Math.ceil((852 - prefix.length) / 3))}`, /bytes in UTF-8; COS allows at most 850/],
    ['a leading /', `/${prefix}slash.txt`, /must not start with/],
  ];
  for (const [what, key, message] of badKeys) {
    it(`putObject refuses a key with ${what}, and nothing reaches COS`, async () => {
      const before = lab.log().length;
      const err = await errorOf(lab.client().putObject(key, new Blob(['data'])));
      assert.equal(err.code, 'InvalidKey');
      assert.equal(err.source, 'client');
      assert.match(err.message, message);
      assert.deepEqual(lab.log().slice(before).filter((e) => e.action !== 'Sts'), [], 'no COS request was sent');
    });
  }

  it('the engine refuses an over-long key before adding anything; the rest of a batch is untouched', async () => {
    const manager = lab.manager(lab.client(), { keyFor: (file) => (file as File).name });
    const good = fileOf(10, `${prefix}good.txt`, 1);
    const long = fileOf(10, `${prefix}${'x'.repeat(900)}`, 2);
    assert.throws(() => manager.add([good, long]), (err: Error) => err instanceof RangeError && /COS allows 850/.test(err.message));
    assert.deepEqual(manager.snapshot(), [], 'the batch is refused as a whole, nothing is half-added');
  });

  it('in a batch, a file whose key has ../ fails with InvalidKey while the others upload', async () => {
    const files = [fileOf(100, `${prefix}one.txt`, 3), fileOf(100, `${prefix}sub/../two.txt`, 4), fileOf(2 * MiB, `${prefix}three.bin`, 5)];
    const client = lab.client();
    const manager = lab.manager(client);
    manager.add(files);
    await manager.idle();
    assert.deepEqual(manager.snapshot().map((u) => [u.key, u.status, u.error?.code]), [
      [files[0].name, 'done', undefined],
      [files[1].name, 'failed', 'InvalidKey'],
      [files[2].name, 'done', undefined],
    ]);
    assert.match(manager.snapshot()[1].error!.message, /path segment/);
    assert.deepEqual(entriesFor(files[1].name), [], 'the bad key never reached the server');
    assert.equal((await errorOf(client.headObject(`${prefix}two.txt`))).code, 'NotFound', 'no object was written where ../ points');
    for (const file of [files[0], files[2]]) assert.equal(await sha256(await client.getObject(file.name)), await sha256(file));
  });
});

describe('Pic-Operations on bad input', { timeout: 60_000 }, () => {
  it('a non-image with Pic-Operations: a clear InvalidImageFormat, and the original is stored intact', async () => {
    const prefix = prefixFor('nonimage');
    const file = fileOf(3000, `${prefix}notes.png`, 7, 'image/png');
    const picOperations = JSON.stringify({ is_pic_info: 1, rules: [{ fileid: 'notes_thumb.webp', rule: 'imageMogr2/thumbnail/100x/format/webp' }] });
    const { client, upload } = await uploadOne(file, { picOperationsFor: () => picOperations });
    assert.equal(upload.status, 'failed');
    assert.equal(upload.error?.code, 'InvalidImageFormat');
    assert.match(upload.error!.message, /not an image/);
    assert.ok(upload.error?.requestId, 'the error carries the request id');
    assert.equal(await sha256(await client.getObject(file.name)), await sha256(file), 'the original is stored byte-identical');
    assert.equal((await errorOf(client.headObject(`${prefix}notes_thumb.webp`))).code, 'NotFound', 'no processed object');
  });

  it('6 rules: the builder refuses them before anything is sent', () => {
    const rules = Array.from({ length: 6 }, (_, i) => ({ fileid: `out-${i}.webp`, rule: 'imageMogr2/thumbnail/50x' }));
    assert.throws(() => buildPicOperations({ isPicInfo: false, rules }), (err: Error) => err instanceof PicOperationsError && /5/.test(err.message));
  });

  it('6 rules sent as a raw header: a clear InvalidPicOperations, no processed object, the original intact', async () => {
    const prefix = prefixFor('six');
    const png = await tinyPng();
    const file = new File([png], `${prefix}photo.png`, { type: 'image/png' });
    const header = JSON.stringify({ rules: Array.from({ length: 6 }, (_, i) => ({ fileid: `out-${i}.png`, rule: 'imageMogr2/thumbnail/8x' })) });
    const { client, upload } = await uploadOne(file, { picOperationsFor: () => header });
    assert.deepEqual([upload.status, upload.error?.code], ['failed', 'InvalidPicOperations']);
    assert.match(upload.error!.message, /at most 5 rules/);
    for (let i = 0; i < 6; i++) assert.equal((await errorOf(client.headObject(`${prefix}out-${i}.png`))).code, 'NotFound');
    // As with a non-image above: the original is stored before the header is processed, and stays whole.
    assert.equal(await sha256(await client.getObject(file.name)), await sha256(file), 'the original is stored byte-identical');
  });
});

/** A 16×16 PNG made by the emulator's own dependency, sharp. */
async function tinyPng(): Promise<Uint8Array<ArrayBuffer>> {
  const { default: sharp } = await import('sharp');
  const buffer = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#3366cc' } }).png().toBuffer();
  return new Uint8Array(buffer);
}

describe('token providers that answer badly', { timeout: 60_000 }, () => {
  let backend: Server;
  let backendUrl = '';
  let mode = 'ok';
  before(async () => {
    // A page's STS backend: proxies to the emulator's STS when healthy, misbehaves on demand.
    backend = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const current = url.searchParams.get('mode') ?? mode;
      if (current === '500') {
        res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><body><h1>500 Internal Server Error</h1>upstream failed</body></html>');
      } else if (current === 'garbage') {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('\u0000\u0001garbage{{{not json');
      } else if (current === 'wrong-shape') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, credentials: 'secret?' }));
      } else {
        const duration = url.searchParams.get('duration') ?? '60';
        const answer = (await (await fetch(`${lab.url}/sts?duration=${duration}`)).json()) as Record<string, number>;
        if (current === 'expired') {
          answer.StartTime -= 7200;
          answer.ExpiredTime -= 3600;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
      }
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const address = backend.address();
    backendUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/keys`;
  });
  after(() => new Promise<void>((resolve) => backend.close(() => resolve())));

  const cases: [string, string, RegExp][] = [
    ['500', 'CredentialsError', /answered HTTP 500: "500 Internal Server Error upstream failed"/],
    ['garbage', 'CredentialsError', /did not answer JSON/],
    ['wrong-shape', 'CredentialsError', /expected \{Credentials:\{TmpSecretId, TmpSecretKey, Token\}, StartTime, ExpiredTime\}|instead of temporary keys|returned no/],
    ['expired', 'ExpiredCredentials', /returned keys that expired at .*check the backend's and this device's clocks/],
  ];
  for (const [answer, code, message] of cases) {
    it(`a provider answering ${answer}: the file fails with ${code} naming the provider, and nothing is sent to COS`, async () => {
      const prefix = prefixFor(`provider-${answer}`);
      const files = [fileOf(500, `${prefix}small.txt`, 1), fileOf(2 * MiB + 5, `${prefix}large.bin`, 2)];
      const tokenProvider = createStsTokenProvider({ url: `${backendUrl}?mode=${answer}`, hash: nodeHash });
      const client = lab.client({ tokenProvider });
      const manager = lab.manager(client, { retryDelays: [50] });
      manager.add(files);
      await manager.idle();
      for (const upload of manager.snapshot()) {
        assert.deepEqual([upload.status, upload.error?.code], ['failed', code], upload.key);
        assert.match(upload.error!.message, new RegExp(`Token provider "sts ${backendUrl.replace(/[.?]/g, '\\$&')}\\?mode=${answer}"`));
        assert.match(upload.error!.message, message);
        assert.deepEqual(entriesFor(upload.key), [], 'no request reached COS');
      }
    });
  }

  it('a provider failing in the middle of a multipart upload: the file fails clearly, and a retry resumes it', async () => {
    const prefix = prefixFor('provider-midway');
    const file = fileOf(5 * MiB + 3, `${prefix}midway.bin`, 8);
    mode = 'ok';
    // Keys valid for 4 s are too short-lived to sign with (docs/networks.md): the backend is asked before every
    // request, so its failure meets a request that has no usable keys (valid cached keys would carry on instead).
    const tokenProvider = createStsTokenProvider({ url: `${backendUrl}?duration=4`, hash: nodeHash });
    const client = lab.client({ tokenProvider });
    const manager = lab.manager(client, { concurrency: 1, retryDelays: [50] });
    const [added] = manager.add([file]);
    await until(() => succeededParts(lab.log(), file.name).length >= 2, 20_000, 'two parts stored');
    mode = '500';
    const [failed] = await waitFor(manager, (uploads) => uploads[0].status === 'failed', 20_000);
    assert.equal(failed.error?.code, 'CredentialsError');
    const storedBefore = succeededParts(lab.log(), file.name);
    assert.ok(storedBefore.length >= 2 && storedBefore.length < 6, `parts stored before the failure: ${storedBefore}`);

    mode = 'ok';
    manager.retry(added.id);
    await manager.idle();
    assert.equal(manager.snapshot()[0].status, 'done');
    assert.deepEqual(partsResentAfterSuccess(lab.log(), file.name), [], 'finished parts were kept, not sent again');
    assert.equal(await sha256(await client.getObject(file.name)), await sha256(file));
  });
});

/** A transport with a "proxy" in front of COS: `answer` may reply instead of forwarding the request. */
class ProxyTransport implements Transport {
  readonly #inner = new FetchTransport();
  readonly hits: string[] = [];
  constructor(private readonly answer: (request: HttpRequest) => HttpResponse | undefined) {}
  async send(request: HttpRequest, options?: SendOptions): Promise<HttpResponse> {
    const reply = this.answer(request);
    if (reply) {
      this.hits.push(`${request.method} ${new URL(request.url).search}`);
      return reply;
    }
    return this.#inner.send(request, options);
  }
}

const NGINX_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const PORTAL_200 = '<!DOCTYPE html><html><head><title>Wi-Fi login</title></head><body><form>Accept the terms</form></body></html>';
const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n ')}
]>
<InitiateMultipartUploadResult><Bucket>&lol9;</Bucket><Key>&lol9;</Key><UploadId>&lol9;</UploadId></InitiateMultipartUploadResult>`;

/** Answers the first request that matches, once. */
function once(match: (request: HttpRequest) => boolean, response: HttpResponse) {
  let used = false;
  return (request: HttpRequest) => {
    if (used || !match(request)) return undefined;
    used = true;
    return response;
  };
}

const isPart = (n: number) => (r: HttpRequest) => r.method === 'PUT' && new URL(r.url).searchParams.get('partNumber') === String(n);
const isInitiate = (r: HttpRequest) => r.method === 'POST' && new URL(r.url).searchParams.has('uploads');
const isComplete = (r: HttpRequest) => r.method === 'POST' && new URL(r.url).searchParams.has('uploadId');
const html = (status: number, text: string): HttpResponse => ({ status, headers: { 'content-type': 'text/html' }, text });
const xml = (status: number, text: string): HttpResponse => ({ status, headers: { 'content-type': 'application/xml' }, text });

describe('a proxy answering instead of COS', { timeout: 60_000 }, () => {
  async function viaProxy(name: string, answer: (request: HttpRequest) => HttpResponse | undefined) {
    const transport = new ProxyTransport(answer);
    const file = fileOf(2 * MiB + 11, `${prefixFor(name)}data.bin`, 12);
    const { client, upload } = await uploadOne(file, {}, { transport });
    return { client, upload, file, transport };
  }

  it('a 502 HTML page for a part: retried as a network failure, the file completes intact', async () => {
    const { client, upload, file, transport } = await viaProxy('html502', once(isPart(2), html(502, NGINX_502)));
    assert.equal(transport.hits.length, 1);
    assert.equal(upload.status, 'done');
    assert.equal(await sha256(await client.getObject(file.name)), await sha256(file));
  });

  it('malformed XML with a 503 on Complete: retried, the file completes intact', async () => {
    const { client, upload, file, transport } = await viaProxy('xml503', once(isComplete, xml(503, '<Error><Code>Service')));
    assert.equal(transport.hits.length, 1);
    assert.equal(upload.status, 'done');
    assert.equal(await sha256(await client.getObject(file.name)), await sha256(file));
  });

  const failures: [string, HttpResponse, RegExp][] = [
    ['a captive-portal HTML page with 200', html(200, PORTAL_200), /an HTML page instead of XML: "Wi-Fi login Accept the terms"/],
    ['truncated XML with 200', xml(200, '<?xml version="1.0"?><InitiateMultipartUploadResult><Bucket>b</Bucket><UploadId>12'), /malformed or truncated XML/],
    ['an entity-expansion document with 200', xml(200, BILLION_LAUGHS), /DOCTYPE\/ENTITY declaration refused/],
    ['an entity-expansion <Error> with 400', xml(400, BILLION_LAUGHS.replace(/InitiateMultipartUploadResult/g, 'Error')), /DOCTYPE\/ENTITY declaration refused/],
  ];
  for (const [what, response, message] of failures) {
    it(`${what} for Initiate: a clear InvalidResponse, quickly, and no upload left on the server`, async () => {
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const { client, upload, file } = await viaProxy('bad-initiate', (request) => (isInitiate(request) ? response : undefined));
      assert.ok(performance.now() - started < 5000, 'no blow-up: answered within seconds');
      assert.ok(process.memoryUsage().heapUsed - heapBefore < 64 * MiB, 'no blow-up: memory stayed flat');
      assert.deepEqual([upload.status, upload.error?.code], ['failed', 'InvalidResponse']);
      assert.match(upload.error!.message, message);
      assert.match(upload.error!.message, new RegExp(`HTTP ${response.status}`));
      assert.deepEqual(entriesFor(file.name), [], 'nothing reached COS');
      assert.deepEqual(await client.listMultipartUploads(file.name), []);
    });
  }

  it('the entity-expansion document is refused in well under a second without expanding anything', async () => {
    const { parseXml } = await import('../../../src/core/index.js');
    const started = performance.now();
    const err = await errorOf(parseXml(BILLION_LAUGHS, { status: 200, headers: {} }));
    assert.ok(performance.now() - started < 500);
    assert.equal(err.code, 'InvalidResponse');
    assert.ok(err.message.length < 400, 'the message quotes a short excerpt, not an expansion');
  });
});

