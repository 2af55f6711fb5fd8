// Multipart uploads whose parts are hashed by the WebAssembly CRC (docs/crc64-wasm.md): this test page has no CSP, so
// 'auto' picks WebAssembly for files of 8 MiB and more. A corrupted part is still caught, re-sent once, and fails the
// file when corrupted again; 'off' keeps JS. The outcome says which engine checked the file.
import { expect } from '@open-wc/testing';
import { MemoryResumeStore, UploadManager } from '../../../src/core/index.js';
import { crc64 } from '../../../src/core/integrity/crc64.js';
import { MiB, addFault, bytesOf, clientFor, emulator, logFor, sha256, uniqueKey } from './emulator.js';

describe('multipart uploads checked by the WebAssembly CRC', function () {
  this.timeout(60_000);
  const size = 9 * MiB + 321;

  async function upload(key: string, seed: number, options: { wasmChecksum?: 'auto' | 'on' | 'off' } = {}) {
    const emu = await emulator();
    const client = clientFor(emu);
    const bytes = bytesOf(size, seed);
    const file = new File([bytes], 'big.bin', { type: 'application/octet-stream' });
    const manager = new UploadManager({ client, resumeStore: new MemoryResumeStore(), keyFor: () => key, partSize: 4 * MiB, concurrency: 3, ...options });
    return { emu, client, bytes, file, manager };
  }

  it('checks every part and the whole object with WebAssembly, and a part corrupted once is re-sent', async () => {
    const key = uniqueKey('wasm-once.bin');
    const { emu, client, bytes, file, manager } = await upload(key, 31);
    await addFault(emu, { action: 'UploadPart', key, partNumber: 2, corrupt: 'stored', times: 1 });
    manager.add([file]);
    await manager.idle();
    const [done] = manager.snapshot();
    expect(done.status, JSON.stringify(done.error)).to.equal('done');
    expect(done.result?.checksum).to.deep.equal({ crc64: crc64(bytes), engine: 'wasm' });
    const part2 = (await logFor(emu, key)).filter((e) => e.action === 'UploadPart' && e.partNumber === 2);
    expect(part2.length).to.equal(2);
    expect(await sha256(await client.getObject(key))).to.equal(await sha256(file));
  });

  it('fails the file with Crc64Mismatch when the part is corrupted again, and never sends Complete', async () => {
    const key = uniqueKey('wasm-twice.bin');
    const { emu, manager, file } = await upload(key, 32);
    await addFault(emu, { action: 'UploadPart', key, partNumber: 3, corrupt: 'stored', times: 2 });
    manager.add([file]);
    await manager.idle();
    const [failed] = manager.snapshot();
    expect(failed.status).to.equal('failed');
    expect(failed.error?.code).to.equal('Crc64Mismatch');
    expect(failed.error?.message).to.contain('Part 3');
    expect((await logFor(emu, key)).some((e) => e.action === 'CompleteMultipartUpload')).to.equal(false);
    await manager.cancel(failed.id);
  });

  it("wasmChecksum 'off' checks the same file with the JS CRC", async () => {
    const key = uniqueKey('wasm-off.bin');
    const { manager, file, bytes } = await upload(key, 33, { wasmChecksum: 'off' });
    manager.add([file]);
    await manager.idle();
    const [done] = manager.snapshot();
    expect(done.status, JSON.stringify(done.error)).to.equal('done');
    expect(done.result?.checksum).to.deep.equal({ crc64: crc64(bytes), engine: 'js' });
  });
});
