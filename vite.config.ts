import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { cosEmulatorPlugin } from './src/emulator/vite-plugin.js';
import { minifyTemplatesPlugin } from './scripts/minify-templates.js';
import { chunkPreloadPlugin } from './scripts/chunk-preload.js';

// `vite`                          -> demo (index.html + demo/) with the COS emulator mounted at /cos
// `vite build`                    -> dist/index.js + dist/core.js + dist/server.js: ES module library, dependencies external
// `vite build --mode standalone`  -> dist/cos-uploader.js: self-contained (lit bundled), lazy chunks beside it
// `vite build --mode cli`         -> dist/cli.js: the `cos-uploader` command for Node (dependencies external)
const RULES_CHUNK = /src[\\/]core[\\/]rules[\\/]/;
// The uploader's Pic-Operations checks: a chunk of their own, loaded by an uploader that processes without the grammar.
const PIC_CHECKS = /src[\\/]core[\\/]rules[\\/](pic-header|file-id)\.ts$/;
// The COS client (signing, credentials, transports, XML) with the small modules it shares with the manager and the resume
// chunks (`CosError`, resume records, fingerprints, file handles): every page that loads one of those loads the client
// too, so one file (docs/bundle-size.md#fewer-files). Left out: what the first load holds (network status, token
// source) and the SHA-1 fallback, a chunk of its own.
const CLIENT = /src[\\/]core[\\/](client[\w-]*|lazy-client-xml|lazy-import|post-form|auth[\\/][\w-]+|http[\\/][\w-]+|xml[\\/][\w-]+|integrity[\\/][\w-]+|ci[\\/]lazy-pic-jobs|upload[\\/](resume-records|fingerprint|file-handles))\.ts$/;
// @aws-crypto/sha1-browser and what it imports (the bundler would otherwise give them a chunk of their own).
const CLIENT_DEPENDENCIES = /node_modules[\\/](@aws-crypto|@aws-sdk|@smithy|tslib)[\\/]/;
const NOT_CLIENT = /src[\\/]core[\\/](http[\\/](network|fetch-transport)|auth[\\/](token-source|sha1-fallback|credentials-signer)|client-xml)\.ts$/;
// Reading XML (the reader, COS errors, the shapes of multipart, listing and processing answers): loaded with the
// client's calls that use it (`clientXml()`), its first error answer, the doctor and the picture
// jobs; not on an upload that succeeds.
const XML_SHAPES = /src[\\/]core[\\/]xml[\\/](responses|build|list-objects|parse|nodes|error|entities|xml-reader-browser)\.ts$/;
// The browser glue of the setup doctor goes with the checks it runs: nothing loads the glue without them.
const DOCTOR_CHECKS = /src[\\/](core[\\/]doctor[\\/][^\\/]+|elements[\\/]doctor[\\/]browser-doctor)\.ts$/;
// Small modules that every page with an element fetches, one file instead of three (docs/bundle-size.md#fewer-files):
// lit's directive base, `repeat` (its helpers and re-export) and our CSS-properties directive. The fileid helpers left
// it when the multipart requests became a chunk: the upload path no longer needs them.
const SHARED = /(lit-html[\\/](directive|directive-helpers|directives[\\/]repeat)\.js|lit[\\/]directives[\\/]repeat\.js|src[\\/]elements[\\/]shared[\\/]css-props\.ts)$/;
// Geometry of row edits (crop box, EXIF orientation) and of editing a rule on its preview (output-size prediction,
// JPEG orientation): no grammar, it travels with the editors that use it.
const RULES_NOT_GRAMMAR = /src[\\/]core[\\/]rules[\\/](edit-geometry|crop-box|preview-geometry|output-size|jpeg-orientation)\.ts$/;

export default defineConfig(({ command, mode }) => ({
  // COS_EMULATOR_DATA lets tests give the embedded emulator a throwaway data dir.
  plugins: command === 'serve'
    ? [cosEmulatorPlugin({ mount: '/cos', dataDir: process.env.COS_EMULATOR_DATA })]
    : mode === 'standalone' ? [minifyTemplatesPlugin(), chunkPreloadPlugin()] : [],
  server: { port: 5173, strictPort: false },
  // The self-contained browser bundle reads XML with a small reader of its own instead of fast-xml-parser: same
  // interface (src/core/xml/xml-reader.ts), chosen at build time so only one reader ships.
  resolve: mode === 'standalone'
    ? { alias: [{ find: /^\.\/xml-reader\.js$/, replacement: fileURLToPath(new URL('./src/core/xml/xml-reader-browser.ts', import.meta.url)) }] }
    : undefined,
  build:
    mode === 'cli'
      ? {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'node20',
          ssr: 'src/node/cli.ts',
          rolldownOptions: { output: { entryFileNames: 'cli.js', banner: '#!/usr/bin/env node' } },
        }
      : mode === 'standalone'
      ? {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2022',
          sourcemap: true,
          lib: { entry: 'src/standalone.ts', formats: ['es'], fileName: () => 'cos-uploader.js' },
          // Lib mode keeps entry signatures strict, which stops shared chunks merging into the entry.
          rolldownOptions: {
            preserveEntrySignatures: 'allow-extension',
            output: {
              minify: true,
              // The page runs this bundle as is (nothing bundles it again): pure annotations would only cost bytes.
              comments: { annotation: false },
              chunkFileNames: 'chunks/[name]-[hash].js',
              // The rule grammar (catalogue, parser, validator, geometry) is a chunk of its own: left to itself the
              // bundler folds it into loadCore()'s chunk, whose static imports pull the client, manager and doctor
              // into every page that only shows <cos-rule-editor> or <cos-results>. The uploader's Pic-Operations checks
              // stay out of it: an uploader loads them alone (docs/bundle-size.md).
              codeSplitting: { includeDependenciesRecursively: false, groups: [
                { name: 'rules', test: (id: string) => RULES_CHUNK.test(id) && !PIC_CHECKS.test(id) && !RULES_NOT_GRAMMAR.test(id) },
                { name: 'xml-shapes', test: (id: string) => XML_SHAPES.test(id) },
                { name: 'client', test: (id: string) => (CLIENT.test(id) || CLIENT_DEPENDENCIES.test(id)) && !NOT_CLIENT.test(id) },
                { name: 'shared', test: (id: string) => SHARED.test(id) },
                { name: 'doctor-checks', test: (id: string) => DOCTOR_CHECKS.test(id) },
              ] },
            },
          },
        }
      : {
          outDir: 'dist',
          target: 'es2022',
          sourcemap: true,
          // server: cos-uploader/server, fetch-style backends (Node ≥ 20, Deno, Bun); qcloud-cos-sts is the user's to install.
          lib: { entry: { index: 'src/index.ts', core: 'src/core/index.ts', server: 'src/server/index.ts' }, formats: ['es'] },
          rolldownOptions: {
            external: [/^lit(\/|$)/, /^@lit\//, /^fast-xml-parser/, /^@aws-crypto\//, /^qcloud-cos-sts/, /^node:/],
            output: { minify: true, chunkFileNames: 'chunks/[name]-[hash].js' },
          },
        },
}));
