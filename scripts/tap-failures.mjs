// The failed tests of a node --test TAP stream, named for the list npm test prints at its end (scripts/test.mjs).

/** The failed leaf tests of a TAP stream (a suite failed only by its subtests is not listed again). */
export function tapFailures(text) {
  const lines = text.split('\n');
  const names = [];
  const found = [];
  for (let i = 0; i < lines.length; i += 1) {
    const depth = (lines[i].match(/^ */)[0].length) / 4;
    const subtest = lines[i].match(/^ *# Subtest: (.*)$/);
    if (subtest) {
      names.length = depth;
      names[depth] = subtest[1];
      continue;
    }
    if (!/^ *not ok \d+ - /.test(lines[i])) continue;
    const details = {};
    for (let j = i + 1; j < lines.length && lines[j].trim() !== '...'; j += 1) {
      const field = lines[j].match(/^ *(failureType|location|error): (.*)$/);
      if (!field) continue;
      details[field[1]] = field[2] === '|-' ? (lines[j + 1] ?? '').trim() : field[2].replace(/^'|'$/g, '');
    }
    if (details.failureType === 'subtestsFailed') continue;
    found.push(`${details.location ?? ''} ${names.slice(0, depth + 1).join(' › ')}: ${details.error ?? details.failureType ?? ''}`.trim());
  }
  return found;
}
