/** Tiny XML writing helpers for the CI response bodies (no declaration; text always escaped with the core's escaping). */
import { escapeXml } from '../../core/xml/build.js';

export { escapeXml };

/** `<name>escaped value</name>`; an empty value gives `<name/>`. */
export function el(name: string, value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return text === '' ? `<${name}/>` : `<${name}>${escapeXml(text)}</${name}>`;
}

/** `<name>children</name>` where children is already XML. */
export function wrap(name: string, children: string): string {
  return `<${name}>${children}</${name}>`;
}

/** ETags are quoted in COS (`"<md5>"`); quote one that arrives bare so the XML always carries `&quot;…&quot;`. */
export function quoteEtag(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}
