// The WebAssembly CRC-64 (docs/crc64-wasm.md) in Node: the module the emitter writes validates, gives the JS hash's
// digests, and the engine chooser keeps JS outside a browser page unless told 'on'. The CSP reading is pure text.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { crc64 } from '../../../../src/core/integrity/crc64.js';
import { Crc64Wasm, instantiateCrc64Wasm } from '../../../../src/core/integrity/crc64-wasm.js';
import { crc64WasmBytes, DATA_BYTES } from '../../../../src/core/integrity/crc64-wasm-module.js';
import { crc64HasherFor, WASM_MIN_BYTES } from '../../../../src/core/integrity/crc64-engine.js';
import { Crc64Engines } from '../../../../src/core/integrity/crc64-engines.js';
import { allowsConnectToSelf, allowsWasm, parsePolicies } from '../../../../src/core/integrity/csp-wasm.js';

describe('CRC-64 in WebAssembly', () => {
  it('is a valid module of a few hundred bytes exporting its memory and update()', () => {
    const bytes = crc64WasmBytes();
    assert.ok(WebAssembly.validate(bytes));
    assert.ok(bytes.length < 1024, `${bytes.length} bytes`);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => `${e.name}:${e.kind}`);
    assert.deepEqual(exports, ['memory:memory', 'update:function']);
  });

  it('gives the JS digests for lengths 0-64 at every alignment, and across chunkings over its data area', async () => {
    const wasm = await instantiateCrc64Wasm();
    const data = new Uint8Array(randomBytes(DATA_BYTES * 2 + 123));
    for (let offset = 0; offset < 8; offset++) {
      for (let length = 0; length <= 64; length++) {
        const bytes = data.subarray(offset, offset + length);
        assert.equal(new Crc64Wasm(wasm).update(bytes).digest(), crc64(bytes), `offset ${offset} length ${length}`);
      }
    }
    for (const piece of [1, 7, 8, 9, 4093, 65_536, DATA_BYTES - 1, DATA_BYTES + 1]) {
      const hash = new Crc64Wasm(wasm);
      for (let at = 0; at < data.length; at += piece) hash.update(data.subarray(at, at + piece));
      assert.equal(hash.digest(), crc64(data), `pieces of ${piece}`);
      if (piece < 10) break;
    }
  });

  it("chooses JS outside a browser page unless 'on', and JS for small blobs or 'off'", async () => {
    const engines = new Crc64Engines();
    assert.equal((await engines.hasherFor(WASM_MIN_BYTES, 'auto')).engine, 'js');
    assert.equal((await engines.hasherFor(WASM_MIN_BYTES, 'off')).engine, 'js');
    assert.equal((await engines.hasherFor(WASM_MIN_BYTES - 1, 'on')).engine, 'js');
    // The page's chooser, through the function every hash calls (it loads the chooser's chunk).
    assert.equal((await crc64HasherFor(WASM_MIN_BYTES, 'auto')).engine, 'js');
    assert.equal((await crc64HasherFor(WASM_MIN_BYTES - 1, 'on')).engine, 'js');
    const on = await crc64HasherFor(WASM_MIN_BYTES, 'on');
    assert.equal(on.engine, 'wasm');
    assert.equal(on.hasher.update(new TextEncoder().encode('123456789')) && on.hasher.digest(), '11051210869376104954');
  });

  it('does not let a decision that never ends hold the hashes: JS after the timeout, for the page', async () => {
    const never = new Promise<never>(() => undefined);
    const chunk = await import('../../../../src/core/integrity/crc64-wasm.js');
    const stuck = new Crc64Engines(async () => ({ ...chunk, pageAllowsWasm: () => never }), 50);
    assert.equal((await stuck.hasherFor(WASM_MIN_BYTES, 'auto')).engine, 'js');
    const slowCompile = new Crc64Engines(async () => ({ ...chunk, instantiateCrc64Wasm: () => never }), 50);
    assert.equal((await slowCompile.hasherFor(WASM_MIN_BYTES, 'on')).engine, 'js');
    assert.equal((await slowCompile.hasherFor(WASM_MIN_BYTES, 'on')).engine, 'js');
  });
});

describe('reading a CSP for WebAssembly', () => {
  const one = (text: string) => parsePolicies(text);
  const page = { origin: 'https://cms.example', protocol: 'https:', host: 'cms.example' };

  it('looks at script-src, else default-src, and needs wasm-unsafe-eval or unsafe-eval there', () => {
    assert.equal(one("script-src 'self'").every(allowsWasm), false);
    assert.equal(one("default-src 'self'").every(allowsWasm), false);
    assert.equal(one("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'").every(allowsWasm), true);
    assert.equal(one("default-src * 'unsafe-eval'").every(allowsWasm), true);
    assert.equal(one("img-src 'self'; connect-src 'self'").every(allowsWasm), true);
    assert.equal(one('').every(allowsWasm), true);
  });

  it('reads several policies in one header value, names case-insensitively, the first of a name only', () => {
    assert.equal(one("script-src 'wasm-unsafe-eval', default-src 'self'").every(allowsWasm), false);
    assert.equal(one("SCRIPT-SRC 'WASM-UNSAFE-EVAL'").every(allowsWasm), true);
    assert.equal(one("script-src 'self'; script-src 'wasm-unsafe-eval'").every(allowsWasm), false);
  });

  it("takes connect-src as covering the page only for 'self', *, its scheme, origin or host", () => {
    for (const ok of ["connect-src 'self'", 'connect-src *', 'connect-src https:', 'connect-src https://cms.example/', 'connect-src cms.example', "img-src 'none'"]) {
      assert.equal(allowsConnectToSelf(one(ok)[0], page), true, ok);
    }
    for (const no of ["connect-src 'none'", 'connect-src https://cos.example', "default-src 'none'", 'connect-src *.example']) {
      assert.equal(allowsConnectToSelf(one(no)[0], page), false, no);
    }
  });
});
