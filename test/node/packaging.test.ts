// The `npm pack` tarball, installed into a fresh Vite app in a temporary folder without network access (from the
// npm cache `npm ci` filled), type-checks with the package's React and Vue declarations and builds.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd: string, args: string[], options: SpawnSyncOptions & { cwd: string }): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300_000, ...options, env: { ...process.env, ...options.env } });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} in ${options.cwd} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return String(r.stdout);
}

describe('the npm package in a fresh Vite app', { timeout: 600_000 }, () => {
  let work: string;
  let app: string;
  let files: string[];

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'cos-pack-'));
    run(npm, ['run', 'build'], { cwd: root });
    const packed = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work], { cwd: root }))[0];
    files = packed.files.map((f: { path: string }) => f.path);
    app = join(work, 'app');
    cpSync(join(root, 'test/node/packaging/app'), app, { recursive: true });
    // The app's manifest and lockfile are fixtures pinned to this repository's versions, so `npm ci` here only
    // needs tarballs the repository's own `npm ci` put in the npm cache: --offline, the registry is never asked.
    const appManifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
    for (const [name, version] of Object.entries(appManifest.devDependencies)) {
      assert.equal(version, pkg.devDependencies[name], `test/node/packaging/app pins ${name} as the repository does (regenerate its lockfile)`);
    }
    assert.equal(appManifest.dependencies['cos-uploader'], `file:../${packed.filename}`);
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
    const tarball = readFileSync(join(work, packed.filename));
    lock.packages['node_modules/cos-uploader'] = {
      ...lock.packages['node_modules/cos-uploader'],
      version: pkg.version,
      integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
      dependencies: pkg.dependencies,
    };
    writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom', 'dom.iterable'],
        strict: true, noEmit: true, jsx: 'react-jsx', skipLibCheck: true, types: [],
      },
      include: ['src'],
    }, null, 2));
    run(npm, ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: app });
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships the builds, the types (React and Vue declarations included) and the manifest, not the sources', () => {
    for (const file of ['dist/index.js', 'dist/core.js', 'dist/cos-uploader.js', 'dist/types/index.d.ts', 'dist/types/frameworks/react.d.ts',
      'dist/types/frameworks/vue.d.ts', 'custom-elements.json', 'package.json']) {
      assert.ok(files.includes(file), `${file} is in the tarball`);
    }
    assert.deepEqual(files.filter((f) => /^(src|test|bench|demo|docs)\//.test(f) || /emulator/.test(f)), []);
  });

  it('type-checks the app: element properties, cos-* events, React JSX and Vue GlobalComponents', () => {
    // The checks hold @ts-expect-error lines: types that went missing (any) would fail them as unused.
    run(join(app, 'node_modules/.bin/tsc'), ['-p', '.'], { cwd: app });
  });

  it('builds with Vite, the elements and their dependencies bundled', () => {
    run(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], { cwd: app });
    const assets = join(app, 'dist/assets');
    assert.ok(existsSync(assets));
    const code = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
    for (const tag of ['cos-uploader', 'cos-rule-editor', 'cos-results']) assert.match(code, new RegExp(`["'\`]${tag}["'\`]`), `${tag} is defined`);
    assert.ok(!code.includes('node:'), 'no Node built-ins reach the browser bundle');
  });
});
