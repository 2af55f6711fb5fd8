// The emulator's /sts and /sign serve anyone; it must say so whenever it starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { cosEmulatorPlugin } from '../../../src/emulator/vite-plugin.js';

const root = new URL('../../../', import.meta.url).pathname;

test('npm run emulator warns that /sts and /sign are open, for development only', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cos-warn-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/emulator/cli.ts'), '--port', '0', '--data', data], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    const deadline = Date.now() + 20_000;
    while (!/WARNING/.test(err) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.match(err, /WARNING: \/sts and \/sign hand keys to anyone who asks, with no login: development and tests only/, out + err);
    assert.match(out, /sign:\s+http:\/\/127\.0\.0\.1:\d+\/sign/);
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(data, { recursive: true, force: true });
  }
});

test('the Vite plugin logs the same warning when it mounts the emulator', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cos-warn-vite-'));
  const warnings: string[] = [];
  const logger = {
    info: () => undefined, warnOnce: () => undefined, error: () => undefined, clearScreen: () => undefined, hasErrorLogged: () => false,
    hasWarned: false, warn: (msg: string) => void warnings.push(msg),
  };
  const server = await createServer({ configFile: false, root: data, customLogger: logger, plugins: [cosEmulatorPlugin({ dataDir: data })], server: { port: 0, host: '127.0.0.1' } });
  try {
    assert.ok(warnings.some((w) => /\/cos: WARNING: \/sts and \/sign/.test(w)), warnings.join('\n'));
  } finally {
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
});
