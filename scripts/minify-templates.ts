// Build step of the standalone bundle: the static text of Lit's `css` and `html` tagged templates, shortened.
// The JS minifier leaves template text as written (indentation, comments, spaces around CSS punctuation), which is
// about a tenth of the bundle's bytes. Only whitespace and CSS comments go; what the browser renders does not
// change (docs/bundle-size.md#template-text).
import { RolldownMagicString, type Plugin } from 'rolldown';
import { parseAst } from 'vite';

/**
 * CSS text, shorter and equivalent: comments dropped, whitespace runs made one space, and the spaces that CSS
 * ignores (around `{ } ; , >` and after `:`) removed. Quoted strings are kept exactly. A space before `:` stays
 * (`a :hover` is not `a:hover`), as do spaces around `+`/`-` (`calc()` needs them).
 */
export function minifyCssText(text: string): string {
  let out = '';
  let plain = '';
  const flush = () => {
    out += plain
      .replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}');
    plain = '';
  };
  for (let i = 0; i < text.length; ) {
    const char = text[i];
    if ((char === '"' || char === "'") && !/\/\*(?![\s\S]*\*\/)/.test(plain)) {
      // A quoted string (outside a comment), escapes included, as written.
      let end = i + 1;
      while (end < text.length && text[end] !== char) end += text[end] === '\\' ? 2 : 1;
      flush();
      out += text.slice(i, end + 1);
      i = end + 1;
    } else {
      plain += char;
      i += 1;
    }
  }
  flush();
  return out.replace(/;}/g, '}');
}

/**
 * HTML template text: every whitespace run that holds a line break becomes one space. The browser shows any
 * whitespace run between words or inline elements as one space, so the rendering is the same.
 */
export function minifyHtmlText(text: string): string {
  return text.replace(/[ \t]*\r?\n\s*/g, ' ');
}

interface Node {
  type?: string;
  [key: string]: unknown;
}
interface Quasi {
  start: number;
  end: number;
  value: { raw: string };
}

/** Every `css`/`html` tagged template in a module's code, its static text shortened in place. */
export function minifyTemplates(code: string, magic: { update(start: number, end: number, content: string): unknown }): number {
  let changed = 0;
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const n = node as Node;
    if (n.type === 'TaggedTemplateExpression') {
      const tag = (n.tag as Node).type === 'Identifier' ? ((n.tag as Node).name as string) : '';
      const quasis = ((n.quasi as Node).quasis ?? []) as Quasi[];
      const raw = quasis.map((q) => q.value.raw).join('');
      // A template with preformatted text keeps its whitespace.
      const minify = tag === 'css' ? minifyCssText : tag === 'html' && !/<(pre|textarea)\b/i.test(raw) ? minifyHtmlText : undefined;
      for (const quasi of minify ? quasis : []) {
        // Only where the node's span is exactly its raw text (no surprise in how the parser counts offsets).
        if (code.slice(quasi.start, quasi.end) !== quasi.value.raw) continue;
        const shorter = minify!(quasi.value.raw);
        if (shorter !== quasi.value.raw && quasi.end > quasi.start) {
          magic.update(quasi.start, quasi.end, shorter);
          changed += 1;
        }
      }
    }
    for (const key of Object.keys(n)) if (key !== 'type') visit(n[key]);
  };
  visit(parseAst(code));
  return changed;
}

/** The Vite plugin: runs on our own element modules after TypeScript is stripped; source maps follow. */
export function minifyTemplatesPlugin(): Plugin {
  return {
    name: 'cos-minify-templates',
    transform: {
      filter: { id: /[\\/]src[\\/]elements[\\/].*\.ts$/ },
      handler(code) {
        if (!/\b(css|html)`/.test(code)) return null;
        const magic = new RolldownMagicString(code);
        return minifyTemplates(code, magic) ? { code: magic } : null;
      },
    },
  };
}
