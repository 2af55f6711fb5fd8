// The browser bundle's own XML reader must read every COS response shape exactly as the fast-xml-parser reader does
// (both sit behind src/core/xml/xml-reader.ts's interface), and refuse malformed XML as it does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { loadXmlReader as loadFxp } from '../../../src/core/xml/xml-reader.js';
import { loadXmlReader as loadOwn } from '../../../src/core/xml/xml-reader-browser.js';

const dir = new URL('./fixtures/xml/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, dir), 'utf8').trim();

describe('the browser bundle XML reader', () => {
  it('reads every captured COS response like the fast-xml-parser reader', async () => {
    const [fxp, own] = await Promise.all([loadFxp(), loadOwn()]);
    const names = readdirSync(dir).filter((f) => f.endsWith('.xml') && f !== 'truncated.xml' && f !== 'entity-bomb.xml');
    assert.ok(names.length >= 12);
    for (const name of names) assert.deepEqual(own(fixture(name)), fxp(fixture(name)), name);
  });

  it('decodes entities once, drops namespaces, attributes, comments and declarations, keeps repeats as arrays', async () => {
    const [fxp, own] = await Promise.all([loadFxp(), loadOwn()]);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><s:R xmlns:s="http://x" a='1' b="2>3"><K>&amp;lt;&#x41;&quot;</K>
      <P><N>1</N></P><P><N>2</N><!-- c --></P><E/><E2></E2><W>  x  </W><C><![CDATA[<a&b>]]></C><P><N>3</N></P></s:R>`;
    assert.deepEqual(own(xml), fxp(xml));
    assert.deepEqual(own(xml), { R: { K: '&lt;A"', P: [{ N: '1' }, { N: '2' }, { N: '3' }], E: '', E2: '', W: 'x', C: '<a&b>' } });
  });

  it('reads a ListParts of 10,000 parts quickly', async () => {
    const own = await loadOwn();
    const parts = Array.from({ length: 10_000 }, (_, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>&quot;${i}&quot;</ETag><Size>1048576</Size></Part>`);
    const started = performance.now();
    const read = own(`<ListPartsResult>${parts.join('')}</ListPartsResult>`) as { ListPartsResult: { Part: unknown[] } };
    assert.equal(read.ListPartsResult.Part.length, 10_000);
    assert.ok(performance.now() - started < 2000, 'linear, not quadratic');
  });

  it('throws on malformed and truncated XML, as the other reader does', async () => {
    const [fxp, own] = await Promise.all([loadFxp(), loadOwn()]);
    for (const bad of [fixture('truncated.xml'), '<a><b></a>', '<a>x</a', '<a>x</b>', '<a', 'text', '<a>x</a>trailing', '<a b=1>x</a>']) {
      assert.throws(() => fxp(bad), `fast-xml-parser on ${bad}`);
      assert.throws(() => own(bad), /at character \d+/, `own reader on ${bad}`);
    }
  });
});
