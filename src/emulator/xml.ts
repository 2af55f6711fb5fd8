import { XMLParser } from 'fast-xml-parser';
import { decodeXmlEntities } from '../core/xml/parse.js';
import { escapeXml } from '../core/xml/build.js';

// The core's escaping: ETags come out as `&quot;…&quot;` like COS sends them (docs/protocol.md#conventions).
export { escapeXml };

export type XmlValue = string | number | boolean | undefined | null | XmlNode | XmlNode[] | string[];
export interface XmlNode {
  [name: string]: XmlValue;
}

/** Serialises `{Name: value}` trees; arrays repeat the element, `undefined` omits it, '' gives `<Name/>`. */
export function toXml(node: XmlNode): string {
  let out = '';
  for (const [name, value] of Object.entries(node)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) out += `<${name}>${typeof item === 'object' ? toXml(item) : escapeXml(String(item))}</${name}>`;
    } else if (value === null || value === '') {
      out += `<${name}/>`;
    } else if (typeof value === 'object') {
      out += `<${name}>${toXml(value)}</${name}>`;
    } else {
      out += `<${name}>${escapeXml(String(value))}</${name}>`;
    }
  }
  return out;
}

/** A whole document: declaration plus one root element (optionally with raw inner XML appended). */
export function xmlDocument(root: string, body: XmlNode, rawInner = '', attributes = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${attributes}>${toXml(body)}${rawInner}</${root}>`;
}

export interface ErrorXmlFields {
  code: string;
  message: string;
  resource: string;
  requestId: string;
}

/** The COS error body (docs/protocol.md#errors). */
export function errorXml(f: ErrorXmlFields): string {
  return xmlDocument('Error', {
    Code: f.code,
    Message: f.message,
    Resource: f.resource,
    RequestId: f.requestId,
    TraceId: f.requestId,
  });
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
  // fast-xml-parser caps entity expansions at 1000, and a Complete body has two &quot; per part: past
  // 500 parts it would fail. The five predefined entities are decoded here instead (no DTD entities).
  processEntities: false,
  tagValueProcessor: (_name: string, value: string) => decodeXmlEntities(value),
  isArray: (name) => name === 'Part',
});

/** Parses a request body; any syntax error becomes `undefined` so callers answer MalformedXML. */
export function parseXml(text: string): Record<string, unknown> | undefined {
  try {
    const parsed = parser.parse(text, true) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
