// The WebAssembly CRC-64 in Chromium against the JS one (docs/crc64-wasm.md): the same digests for every length,
// alignment and chunking, and the engine chooser's decisions: the page's CSP, 'on'/'off', small blobs, failures.
import { expect } from '@open-wc/testing';
import { Crc64, crc64 } from '../../../src/core/integrity/crc64.js';
import { Crc64Wasm, instantiateCrc64Wasm, pageAllowsWasm } from '../../../src/core/integrity/crc64-wasm.js';
import { WASM_MIN_BYTES } from '../../../src/core/integrity/crc64-engine.js';
import { Crc64Engines, type Crc64WasmChunk } from '../../../src/core/integrity/crc64-engines.js';
import { DATA_BYTES } from '../../../src/core/integrity/crc64-wasm-module.js';
import { hashBlob } from '../../../src/core/integrity/verify.js';

/** Deterministic pseudo-random bytes (a failure can be replayed). */
function bytesOf(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let x = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const realChunk = (): Promise<Crc64WasmChunk> => import('../../../src/core/integrity/crc64-wasm.js');
const MiB = 1024 * 1024;

describe('CRC-64 in WebAssembly (Chromium)', function () {
  this.timeout(60_000);
  let wasm: Awaited<ReturnType<typeof instantiateCrc64Wasm>>;
  before(async () => {
    wasm = await instantiateCrc64Wasm();
  });

  it('gives the check values', () => {
    const utf8 = new TextEncoder();
    expect(new Crc64Wasm(wasm).update(utf8.encode('123456789')).digest()).to.equal('11051210869376104954');
    expect(new Crc64Wasm(wasm).update(utf8.encode('[Object Content]')).digest()).to.equal('16749565679157681890');
    expect(new Crc64Wasm(wasm).digest()).to.equal(new Crc64().digest());
  });

  it('equals the JS hash for every length around its 16-byte steps, at every alignment', () => {
    const data = bytesOf(300, 1);
    for (let offset = 0; offset < 9; offset++) {
      for (let length = 0; length <= 70; length++) {
        const bytes = data.subarray(offset, offset + length);
        expect(new Crc64Wasm(wasm).update(bytes).digest(), `offset ${offset} length ${length}`).to.equal(crc64(bytes));
      }
    }
  });

  it('equals the JS hash over random chunkings, chunks larger than its data area included', () => {
    const data = bytesOf(DATA_BYTES * 2 + 4099, 2);
    const whole = crc64(data);
    let seed = 7;
    const next = (max: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % max);
    for (let round = 0; round < 12; round++) {
      const hash = new Crc64Wasm(wasm);
      // Small pieces (0-17 bytes), medium ones, and pieces over the 1 MiB data area.
      const limit = [18, 70_000, DATA_BYTES + 5000][round % 3];
      for (let at = 0; at < data.length;) {
        const end = Math.min(data.length, at + next(limit));
        hash.update(data.subarray(at, end));
        at = end;
        if (round % 3 === 0 && at > 5000) {
          hash.update(data.subarray(at));
          break;
        }
      }
      expect(hash.digest(), `round ${round}`).to.equal(whole);
    }
  });

  it('lets hashes share one instance, interleaved', () => {
    const a = bytesOf(100_003, 3), b = bytesOf(77_777, 4);
    const ha = new Crc64Wasm(wasm), hb = new Crc64Wasm(wasm);
    for (let at = 0; at < 100_003; at += 9_999) {
      ha.update(a.subarray(at, at + 9_999));
      hb.update(b.subarray(at, at + 9_999));
    }
    expect([ha.digest(), hb.digest()]).to.deep.equal([crc64(a), crc64(b)]);
  });

  it('hashes a large Blob through its stream, sliced at odd offsets, to the JS digest: wasm when on, JS when off', async () => {
    const data = bytesOf(WASM_MIN_BYTES + 3 * MiB + 5, 5);
    const blob = new Blob([data]);
    const engines = new Crc64Engines(realChunk);
    const on = await hashBlob(blob.slice(3), { wasmChecksum: 'on', engines });
    expect(on).to.deep.equal({ crc64: crc64(data.subarray(3)), engine: 'wasm' });
    const off = await hashBlob(blob.slice(3), { wasmChecksum: 'off', engines });
    expect(off).to.deep.equal({ crc64: on.crc64, engine: 'js' });
    // A part smaller than the threshold takes its file's engine; a small blob alone stays in JS.
    const part = blob.slice(1, 2 * MiB + 1);
    expect(await hashBlob(part, { wasmChecksum: 'on', engines, engineSize: blob.size })).to.deep.equal({ crc64: crc64(data.subarray(1, 2 * MiB + 1)), engine: 'wasm' });
    expect((await hashBlob(part, { wasmChecksum: 'on', engines })).engine).to.equal('js');
  });

  it("'auto' on this page (no CSP): WebAssembly, decided once", async () => {
    expect(await pageAllowsWasm()).to.equal(true);
    let loads = 0;
    const engines = new Crc64Engines(() => (loads++, realChunk()));
    const first = await engines.hasherFor(WASM_MIN_BYTES, 'auto');
    const second = await engines.hasherFor(64 * MiB);
    expect([first.engine, second.engine]).to.deep.equal(['wasm', 'wasm']);
    expect(loads).to.equal(1);
    // Small blobs never load the chunk.
    const small = new Crc64Engines(() => (loads++, realChunk()));
    expect((await small.hasherFor(WASM_MIN_BYTES - 1, 'auto')).engine).to.equal('js');
    expect(loads).to.equal(1);
  });

  it('falls back to JS, for the page, when compiling fails or the chunk does not load, and the digest is unchanged', async () => {
    const data = bytesOf(WASM_MIN_BYTES + 17, 6);
    let attempts = 0;
    const broken = new Crc64Engines(async () => ({
      ...(await realChunk()),
      // A real failure: bytes that are not a module (as when a CSP refuses the compile, without the report).
      instantiateCrc64Wasm: async () => {
        attempts++;
        await WebAssembly.instantiate(new Uint8Array([0, 1, 2, 3]));
        throw new Error('unreachable');
      },
    }));
    expect(await hashBlob(new Blob([data]), { wasmChecksum: 'on', engines: broken })).to.deep.equal({ crc64: crc64(data), engine: 'js' });
    expect((await broken.hasherFor(WASM_MIN_BYTES, 'on')).engine).to.equal('js');
    expect(attempts, 'one compile attempt per page').to.equal(1);
    const unreachable = new Crc64Engines(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    expect((await unreachable.hasherFor(WASM_MIN_BYTES, 'auto')).engine).to.equal('js');
    expect((await unreachable.hasherFor(WASM_MIN_BYTES, 'on')).engine).to.equal('js');
  });

  describe('the page CSP check', () => {
    // Outside <head> a CSP meta tag is not applied by the browser (HTML: only a child of head), but pageAllowsWasm
    // reads it anyway (it reads every one): so these tests can show it a policy without this page enforcing it.
    const withMeta = async (content: string) => {
      const meta = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content });
      document.body.append(meta);
      try {
        return await pageAllowsWasm();
      } finally {
        meta.remove();
      }
    };

    it("says no for a script-src (or default-src) without 'wasm-unsafe-eval'", async () => {
      expect(await withMeta("script-src 'self'")).to.equal(false);
      expect(await withMeta("default-src 'self'; img-src *")).to.equal(false);
      expect(await withMeta("img-src *; script-src 'none'")).to.equal(false);
    });

    it("says yes for 'wasm-unsafe-eval' or 'unsafe-eval', and for policies that do not restrict scripts", async () => {
      expect(await withMeta("script-src 'self' 'WASM-unsafe-eval'")).to.equal(true);
      expect(await withMeta("default-src 'self' 'unsafe-eval'")).to.equal(true);
      expect(await withMeta("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'")).to.equal(true);
      expect(await withMeta("img-src 'self'; style-src 'self'")).to.equal(true);
    });

    it("does not send its HEAD request when a meta policy's connect-src leaves out the page's origin", async () => {
      const heads: string[] = [];
      const realFetch = window.fetch;
      window.fetch = (input, init) => (heads.push(String(init?.method)), realFetch(input, init));
      try {
        expect(await withMeta("connect-src https://elsewhere.example")).to.equal(false);
        expect(await withMeta("default-src 'none'; script-src 'wasm-unsafe-eval'")).to.equal(false);
        expect(heads).to.deep.equal([]);
        expect(await withMeta(`connect-src ${location.origin}`)).to.equal(true);
        expect(heads).to.deep.equal(['HEAD']);
      } finally {
        window.fetch = realFetch;
      }
    });
  });
});
