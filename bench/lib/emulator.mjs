// Runs the emulator in a child process (through tsx) and talks to it: pre-signed URLs, object checks, request log.
/* global fetch -- Node 20 global */
import { fork } from 'node:child_process';
import { join } from 'node:path';

/** `options`: extra createCosEmulator options (the WAN section's latencyMs / bandwidth). */
export async function startEmulator(root, dataDir, options = {}) {
  const child = fork(join(root, 'bench/lib/emulator-process.ts'), [dataDir, JSON.stringify(options)], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the emulator process exited with code ${code} before it was ready`)));
    child.on('message', (m) => {
      if (m.ready) {
        clearTimeout(timer);
        resolve(m.ready);
      }
    });
  });
  let nextId = 0;
  const pending = new Map();
  child.on('message', (m) => {
    if (m.id === undefined || !pending.has(m.id)) return;
    const { resolve, reject } = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) reject(new Error(`presign: ${m.error}`));
    else resolve(m.url);
  });
  child.on('exit', () => {
    for (const { reject } of pending.values()) reject(new Error('the emulator process exited'));
    pending.clear();
  });
  const presign = (method, key) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, presign: { method, key } });
    });

  return {
    ...info,
    presign,
    /** HEADs each key; throws unless every object exists with the expected size. */
    async assertObjects(keys, size) {
      const queue = [...keys];
      const worker = async () => {
        for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
          const response = await fetch(await presign('HEAD', key), { method: 'HEAD' });
          const length = Number(response.headers.get('content-length'));
          if (response.status !== 200 || length !== size) {
            throw new Error(`object ${key}: HEAD ${response.status}, ${length} bytes (expected 200, ${size} bytes)`);
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    },
    async deleteObject(key) {
      const response = await fetch(await presign('DELETE', key), { method: 'DELETE' });
      if (response.status >= 300) throw new Error(`DELETE ${key}: HTTP ${response.status}`);
    },
    /** The emulator's request log (admin endpoint), cleared after reading. */
    async takeLog() {
      const response = await fetch(`${info.url}/-/log`);
      const log = response.ok ? await response.json() : undefined;
      await fetch(`${info.url}/-/log`, { method: 'DELETE' });
      return log;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
