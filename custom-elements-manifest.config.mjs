// `cem analyze` reads the elements' JSDoc (@summary, @slot, @csspart, @cssprop, @event) into custom-elements.json.
export default {
  globs: ['src/elements/**/*.ts', 'src/events/*.ts'],
  exclude: ['**/*.styles.ts', '**/strings.ts', '**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
