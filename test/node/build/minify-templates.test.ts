// The standalone build's template-text minifier: shorter text, same meaning (docs/bundle-size.md#template-text).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RolldownMagicString } from 'rolldown';
import { minifyCssText, minifyHtmlText, minifyTemplates } from '../../../scripts/minify-templates.js';

describe('minifyCssText', () => {
  it('drops comments and the whitespace CSS ignores', () => {
    const css = `
      /* the host */
      :host {
        display: block;
        grid-template-columns: minmax(0, 1fr) auto;
      }
      .a > .b, .c { color: var(--x, #fff); }
    `;
    assert.equal(minifyCssText(css), ' :host{display:block;grid-template-columns:minmax(0,1fr) auto}.a>.b,.c{color:var(--x,#fff)}');
  });

  it('keeps what carries meaning: descendant spaces before a pseudo-class, calc operators, quoted strings, !important', () => {
    assert.equal(minifyCssText('.list :hover { width: calc(100% - 2 * 4px); }'), '.list :hover{width:calc(100% - 2 * 4px)}');
    assert.equal(minifyCssText(".x::before { content: ' , ;  } '; }"), ".x::before{content:' , ;  } '}");
    assert.equal(minifyCssText('.x { content: "a\\"  b"; }'), '.x{content:"a\\"  b"}');
    assert.equal(minifyCssText('[hidden] { display: none !important; }'), '[hidden]{display:none !important}');
    assert.equal(minifyCssText(":host([theme='dark']) { --_bg: #111; }"), ":host([theme='dark']){--_bg:#111}");
  });

  it('ignores quotes inside comments', () => {
    assert.equal(minifyCssText("/* don't */ .a { color: red; }"), ' .a{color:red}');
  });

  it('keeps one space where an interpolation may need it', () => {
    // Text around `${}` is minified piece by piece: a boundary space is kept as one space.
    assert.equal(minifyCssText('\n    border: 1px solid '), ' border:1px solid ');
  });
});

describe('minifyHtmlText', () => {
  it('turns every whitespace run holding a line break into one space, and leaves the rest', () => {
    assert.equal(minifyHtmlText('\n  <div part="base">\n    <span>a</span>\n    <span>b  c</span>\n  </div>\n'), ' <div part="base"> <span>a</span> <span>b  c</span> </div> ');
  });
});

describe('minifyTemplates', () => {
  const run = (code: string) => {
    const magic = new RolldownMagicString(code);
    const changed = minifyTemplates(code, magic);
    return { code: magic.toString(), changed };
  };

  it('rewrites the static text of css and html templates, nested ones included, and leaves expressions alone', () => {
    const code = [
      'const styles = css`\n  :host {\n    color: red;\n  }\n`;',
      'const view = (x) => html`\n  <p>\n    ${x ? html`\n      <b>${"  keep  \\n  me  "}</b>\n    ` : nothing}\n  </p>\n`;',
      'const other = String.raw`\n  not touched\n`;',
    ].join('\n');
    const { code: out, changed } = run(code);
    assert.equal(changed, 5);
    assert.equal(out, [
      'const styles = css` :host{color:red}`;',
      'const view = (x) => html` <p> ${x ? html` <b>${"  keep  \\n  me  "}</b> ` : nothing} </p> `;',
      'const other = String.raw`\n  not touched\n`;',
    ].join('\n'));
  });

  it('leaves an html template with preformatted text as written', () => {
    const code = 'const v = html`\n  <pre>\n  a\n    b\n  </pre>\n`;';
    assert.deepEqual(run(code), { code, changed: 0 });
  });
});
