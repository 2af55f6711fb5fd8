// The browser bundle's DOMParser reader must read every COS response shape exactly as the fast-xml-parser reader
// does (both behind src/core/xml/xml-reader.ts's interface), and refuse what it refuses.
import { expect } from '@open-wc/testing';
import { loadXmlReader as loadFxp } from '../../../src/core/xml/xml-reader.js';
import { loadXmlReader as loadDom } from '../../../src/core/xml/xml-reader-dom.js';
import { parseXml } from '../../../src/core/xml/parse.js';

const FIXTURES = [
  'complete.xml', 'complete-pic.xml', 'complete-error-in-200.xml', 'error-expired.xml', 'error-signature.xml',
  'error-skewed.xml', 'initiate.xml', 'list-multipart-uploads.xml', 'list-parts-many.xml', 'list-parts-one.xml',
  'upload-result.xml', 'upload-result-two.xml',
];
const text = async (name: string) => (await fetch(`/test/node/core/fixtures/xml/${name}`)).text();

describe('DOMParser XML reader', () => {
  it('reads every captured COS response shape like the fast-xml-parser reader', async () => {
    const [fxp, dom] = await Promise.all([loadFxp(), loadDom()]);
    for (const name of FIXTURES) {
      const xml = (await text(name)).trim();
      expect(dom(xml), name).to.deep.equal(fxp(xml));
    }
  });

  it('decodes entities once, drops namespaces and attributes, keeps repeated children as arrays', async () => {
    const [fxp, dom] = await Promise.all([loadFxp(), loadDom()]);
    const xml = '<?xml version="1.0"?><R xmlns="http://x" a="1"><K>&amp;lt;&#x41;&quot;</K><P><N>1</N></P><P><N>2</N></P><E/><W>  x  </W></R>';
    expect(dom(xml)).to.deep.equal(fxp(xml));
    expect(dom(xml)).to.deep.equal({ R: { K: '&lt;A"', P: [{ N: '1' }, { N: '2' }], E: '', W: 'x' } });
  });

  it('throws on malformed and truncated XML, as the other reader does', async () => {
    const [fxp, dom] = await Promise.all([loadFxp(), loadDom()]);
    for (const bad of [(await text('truncated.xml')).trim(), '<a><b></a>', '<a>x</a']) {
      expect(() => fxp(bad), bad).to.throw();
      expect(() => dom(bad), bad).to.throw();
    }
  });

  it('parseXml still refuses DOCTYPE/ENTITY before any reader runs', async () => {
    const bomb = await text('entity-bomb.xml');
    let error: unknown;
    try {
      await parseXml(bomb, { status: 200, headers: {} });
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).to.match(/DOCTYPE\/ENTITY/);
  });
});
