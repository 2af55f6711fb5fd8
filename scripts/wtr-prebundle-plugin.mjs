// Serves CommonJS-only packages to the browser tests as one esbuild-made ES module each (default export),
// the way Vite pre-bundles them for the demo. Per-file CommonJS transforms mishandle fast-xml-parser 4.
import { build } from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function prebundlePlugin(packages) {
  const bundles = new Map();
  return {
    name: 'prebundle-cjs',
    resolveImport({ source }) {
      return packages.includes(source) ? `/__prebundled/${source}.js` : undefined;
    },
    async serve(context) {
      const name = context.path.match(/^\/__prebundled\/(.+)\.js$/)?.[1];
      if (!name || !packages.includes(name)) return undefined;
      if (!bundles.has(name)) {
        const result = await build({ entryPoints: [require.resolve(name)], bundle: true, format: 'esm', platform: 'browser', write: false });
        bundles.set(name, result.outputFiles[0].text);
      }
      return { body: bundles.get(name), type: 'js' };
    },
  };
}
