// `cos-uploader doctor` built the way `npm run build` builds it (dist/cli.js), run as a separate process.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmulator, type TestEmulator } from '../emulator/helpers.js';
import { PAGE, PREFIX, corsXml, putCors } from './helpers.js';

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
// Inside node_modules so the built file resolves the package's dependencies as dist/cli.js would.
const outDir = join(root, 'node_modules/.cache/cos-uploader-cli-test');
const cli = join(outDir, 'cli.js');

async function doctor(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'doctor', ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('cos-uploader doctor (the built bin)', () => {
  let t: TestEmulator;
  let base: string[];
  before(async () => {
    rmSync(outDir, { recursive: true, force: true });
    await run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'cli', '--outDir', outDir, '--logLevel', 'error'], { cwd: root, timeout: 120_000 });
    t = await startEmulator();
    base = ['--bucket', t.emu.bucket, '--region', t.emu.region, '--endpoint', `${t.url}/{Bucket}`, '--token-url', `${t.url}/sts?prefix=${PREFIX}`, '--origin', PAGE, '--prefix', PREFIX];
  });
  after(async () => {
    await t?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  test('package.json names dist/cli.js as the bin, and the build makes it an executable script', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    assert.equal(pkg.bin['cos-uploader'], './dist/cli.js');
    assert.match(pkg.scripts.build, /vite build --mode cli/);
    assert.ok(existsSync(cli));
    assert.match(readFileSync(cli, 'utf8'), /^#!\/usr\/bin\/env node/);
  });

  test('a correct setup: exit 0, and --json prints {findings} without errors', async () => {
    await putCors(t, corsXml());
    const result = await doctor([...base, '--json']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const { findings } = JSON.parse(result.stdout) as { findings: { code: string; severity: string }[] };
    assert.ok(findings.length >= 14);
    assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
  });

  test('a misconfigured bucket: exit 1, the report puts each error first with its fix', async () => {
    await putCors(t, corsXml({ expose: ['Date', 'x-cos-hash-crc64ecma'] }));
    t.emu.setCiEnabled(false);
    try {
      const result = await doctor(base);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /^ERROR {3}(cors-expose-etag|ci-disabled): /);
      assert.match(result.stdout, /ERROR {3}cors-expose-etag: CORS does not expose ETag[^\n]*\n {2}fix: Add ETag to ExposeHeaders/);
      assert.match(result.stdout, /ERROR {3}ci-disabled: /);
      assert.match(result.stdout, /2 error\(s\)/);
      assert.equal(result.stdout.split('<CORSRule>').length - 1, 1, 'the CORS rule is printed once');
    } finally {
      t.emu.setCiEnabled(true);
    }
  });

  test('bad arguments: exit 2 with the usage', async () => {
    const result = await doctor(['--bucket', 'b-1']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Missing --region, --origin, --token-url or sign-url/);
    assert.match(result.stderr, /Usage: cos-uploader doctor/);
  });
});
