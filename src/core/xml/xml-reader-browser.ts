/**
 * The browser bundle's XML reader, behind the interface of `xml-reader.ts`: a small strict reader for the few
 * shapes COS answers with, so no XML library ships to the page. Not DOMParser: `parseFromString` is a Trusted Types
 * sink, refused on pages that allow only Lit's policy (CONTRIBUTING.md#habits). Same output as the fast-xml-parser
 * reader: text-only elements are strings, elements with children objects, repeated children arrays; attributes,
 * namespace prefixes, comments and processing instructions dropped; text trimmed, entities decoded once.
 * DOCTYPE/ENTITY declarations never get here (parse.ts refuses them first).
 */
import { decodeXmlEntities } from './entities.js';
import type { XmlElement, XmlNode } from './parse.js';
import type { XmlParse } from './xml-reader.js';

const NAME = String.raw`[A-Za-z_][\w.\-:]*`;
const OPEN = new RegExp(String.raw`<(${NAME})((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(/?)>`, 'y');
const CLOSE = new RegExp(String.raw`</(${NAME})\s*>`, 'y');
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/y;
const SKIPPED = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>/y;
const TEXT = /[^<]+/y;
const BLANK = /\s*/y;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

export function readXml(xml: string): XmlElement {
  let at = 0;
  const fail = (problem: string): never => {
    throw new Error(`${problem} at character ${at}`);
  };
  const take = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = at;
    const m = re.exec(xml);
    if (m) at = re.lastIndex;
    return m;
  };
  const skipMisc = () => {
    do take(BLANK);
    while (take(SKIPPED));
  };

  const element = (): [string, XmlNode] => {
    const open = take(OPEN) ?? fail('expected an element');
    const name = localName(open[1]);
    if (open[3] === '/') return [name, ''];
    const children: XmlElement = {};
    let text = '';
    let hasChildren = false;
    for (;;) {
      if (at >= xml.length) fail(`<${open[1]}> is not closed`);
      const close = take(CLOSE);
      if (close) {
        if (close[1] !== open[1]) fail(`</${close[1]}> closes <${open[1]}>`);
        break;
      }
      const cdata = take(CDATA);
      if (cdata) text += cdata[1];
      else if (take(SKIPPED)) continue;
      else if (xml[at] === '<') {
        const [childName, child] = element();
        hasChildren = true;
        const existing = children[childName];
        if (existing === undefined) children[childName] = child;
        else if (Array.isArray(existing)) existing.push(child);
        else children[childName] = [existing, child];
      } else text += decodeXmlEntities(take(TEXT)![0]);
    }
    const trimmed = text.trim();
    if (!hasChildren) return [name, trimmed];
    if (trimmed) children['#text'] = trimmed;
    return [name, children];
  };

  skipMisc();
  const [root, node] = element();
  skipMisc();
  if (at < xml.length) fail('content after the root element');
  return { [root]: node };
}

export async function loadXmlReader(): Promise<XmlParse> {
  return readXml;
}
