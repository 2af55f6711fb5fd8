#!/usr/bin/env node
// Prints the elements' API tables (attributes, properties, events, slots, parts, CSS properties) from
// custom-elements.json as Markdown, so the README copies the manifest instead of inventing it.
// Usage: npx cem analyze && node scripts/api-docs.mjs > /tmp/api.md
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'));
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();
const table = (head, rows) =>
  rows.length ? [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''].join('\n') : '';

for (const mod of manifest.modules) {
  for (const d of mod.declarations ?? []) {
    if (!d.tagName) continue;
    console.log(`### \`<${d.tagName}>\`\n\n${d.summary ?? ''}\n`);
    const attrs = d.attributes ?? [];
    console.log(table(['Attribute', 'Property', 'Type', 'Default', 'Description'],
      attrs.map((a) => [`\`${a.name}\``, a.fieldName ? `\`${a.fieldName}\`` : '', a.type?.text, a.default, a.description])));
    const props = (d.members ?? []).filter((m) => m.kind === 'field' && m.privacy !== 'private' && m.privacy !== 'protected' && !m.static && !m.name.startsWith('#') && !attrs.some((a) => a.fieldName === m.name) && m.description);
    console.log(table(['Property (no attribute)', 'Type', 'Description'], props.map((p) => [`\`${p.name}\``, p.type?.text, p.description])));
    const methods = (d.members ?? []).filter((m) => m.kind === 'method' && m.privacy !== 'private' && m.privacy !== 'protected' && !m.static && !m.name.startsWith('#') && m.description);
    console.log(table(['Method', 'Description'], methods.map((m) => [`\`${m.name}()\``, m.description])));
    console.log(table(['Event', 'Description'], (d.events ?? []).filter((e) => e.name && e.description).map((e) => [`\`${e.name}\``, e.description])));
    console.log(table(['Slot', 'Description'], (d.slots ?? []).map((s) => [s.name ? `\`${s.name}\`` : '(default)', s.description])));
    console.log(table(['CSS part', 'Description'], (d.cssParts ?? []).map((p) => [`\`${p.name}\``, p.description])));
    console.log(table(['CSS custom property', 'Description'], (d.cssProperties ?? []).map((p) => [`\`${p.name}\``, p.description])));
  }
}
