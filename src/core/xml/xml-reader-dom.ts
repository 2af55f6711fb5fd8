/**
 * The browser bundle's XML reader: the browser's own DOMParser behind the interface of `xml-reader.ts`, so no XML
 * library ships to the page. Output shape is the same: text-only elements are strings, elements with children are
 * objects, repeated children arrays; attributes and namespace prefixes are dropped, text is trimmed.
 */
import type { XmlElement, XmlNode } from './parse.js';
import type { XmlParse } from './xml-reader.js';

function toNode(element: Element): XmlNode {
  const children = [...element.children];
  if (children.length === 0) return (element.textContent ?? '').trim();
  const out: XmlElement = {};
  for (const child of children) {
    const value = toNode(child);
    const name = child.localName;
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  // Text beside child elements (COS never sends it) is kept the way fast-xml-parser keeps it.
  const text = [...element.childNodes].filter((n) => n.nodeType === 3 || n.nodeType === 4).map((n) => n.nodeValue).join('').trim();
  if (text) out['#text'] = text;
  return out;
}

export async function loadXmlReader(): Promise<XmlParse> {
  return (xml: string) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const error = doc.getElementsByTagName('parsererror')[0];
    if (error) throw new Error((error.textContent ?? 'not well-formed').replace(/\s+/g, ' ').trim().slice(0, 200));
    const root = doc.documentElement;
    return { [root.localName]: toNode(root) };
  };
}
