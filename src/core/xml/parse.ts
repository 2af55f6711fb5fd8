import { invalidResponse, type ResponseContext } from './invalid-response.js';
import { loadXmlReader, type XmlParse } from './xml-reader.js';
import { lazyImport } from '../lazy-import.js';

/** A parsed element: text-only elements are strings, others objects; repeated children arrays. */
export type XmlNode = string | XmlElement;
export interface XmlElement {
  [name: string]: XmlNode | XmlNode[] | undefined;
}

export interface XmlDocument {
  /** Name of the root element without namespace prefix, e.g. `ListPartsResult`. */
  root: string;
  element: XmlElement;
}

export { decodeXmlEntities } from './entities.js';
// Kept apart (the client reports with them without reading any XML), re-exported for the XML readers.
export { describeBody, invalidResponse, type ResponseContext } from './invalid-response.js';

/**
 * The XML reader is loaded on the first XML response, so the widget's first file stays small. Node and the
 * emulator read with fast-xml-parser (`xml-reader.ts`); the browser bundle swaps in a small reader
 * of its own (`xml-reader-browser.ts`) at build time (vite.config.ts), so it ships no XML library at all.
 */
const loadParser: () => Promise<XmlParse> = lazyImport('the XML reader', loadXmlReader);

/** Starts loading the parser early (e.g. when a multipart upload begins). */
export function preloadXmlParser(): void {
  loadParser().catch(() => undefined);
}

/**
 * Parses a COS XML body into its root element. Refuses DOCTYPE/ENTITY declarations before any
 * parsing (COS never sends them; entity expansion could blow up memory) and reports anything
 * that is not well-formed XML as a CosError 'InvalidResponse'.
 */
export async function parseXml(text: string, ctx: ResponseContext): Promise<XmlDocument> {
  // Complete streams whitespace as keep-alive before the XML (docs/protocol.md#multipart-upload).
  const body = text.replace(/^\uFEFF/, '').trim();
  if (!body) throw invalidResponse(ctx, 'empty body where XML was expected');
  if (/<!doctype\s+html|<html[\s>]/i.test(body)) throw invalidResponse(ctx, 'an HTML page instead of XML', body);
  if (/<!(doctype|entity)/i.test(body)) {
    throw invalidResponse(ctx, 'XML with a DOCTYPE/ENTITY declaration refused (possible entity-expansion attack)', body);
  }
  if (!body.startsWith('<')) throw invalidResponse(ctx, 'not XML', body);
  const parse = await loadParser();
  let parsed: XmlElement;
  try {
    parsed = parse(body);
  } catch (cause) {
    throw invalidResponse(ctx, `malformed or truncated XML (${(cause as Error).message})`, body, cause);
  }
  const roots = Object.keys(parsed).filter((name) => name !== '#text');
  if (roots.length !== 1) throw invalidResponse(ctx, `expected one root element, found ${roots.length}`, body);
  const root = roots[0];
  const value = parsed[root];
  if (Array.isArray(value)) throw invalidResponse(ctx, `repeated root element <${root}>`, body);
  return { root, element: typeof value === 'object' && value !== null ? value : {} };
}
