// `cem analyze` reads the elements' JSDoc (@summary, @slot, @csspart, @cssprop, @event) into custom-elements.json.
export default {
  globs: ['src/elements/**/*.ts', 'src/events/*.ts'],
  // The resume prompt is an internal part of <cos-uploader> (its `resume` part), not an element pages use.
  exclude: ['**/*.styles.ts', '**/strings.ts', '**/*.test.ts', '**/resume/resume-prompt.ts'],
  outdir: '.',
  litelement: true,
};
