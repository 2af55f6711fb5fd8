/**
 * Reads XML text into plain objects with fast-xml-parser: the reader for Node, the emulator and the library build.
 * The browser bundle replaces this module with `xml-reader-browser.ts` (same export, same output shape).
 */
import { decodeXmlEntities } from './entities.js';
import type { XmlElement } from './parse.js';

/** Well-formed XML → `{ root: { child: 'text' | {…} | [...] } }`; throws an Error saying what is wrong. */
export type XmlParse = (xml: string) => XmlElement;

export async function loadXmlReader(): Promise<XmlParse> {
  const mod = await import('fast-xml-parser');
  // fast-xml-parser 4 is CommonJS: depending on the bundler its exports arrive named or on `default`.
  const lib = mod as Partial<typeof mod> & { default?: typeof mod };
  const { XMLParser, XMLValidator } = lib.XMLParser ? (lib as typeof mod) : lib.default!;
  // Values stay strings (the mappers type them); entities are decoded once here, leaving `&amp;lt;` as `&lt;`.
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: false,
    tagValueProcessor: (_name: string, value: string) => decodeXmlEntities(value),
  });
  return (xml: string) => {
    const verdict = XMLValidator.validate(xml);
    if (verdict !== true) throw new Error(`line ${verdict.err.line}: ${verdict.err.msg}`);
    return parser.parse(xml) as XmlElement;
  };
}
