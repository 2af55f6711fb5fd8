import type { xmlCalls } from './client-xml.js';
import { lazyImport } from './lazy-import.js';

export type XmlCalls = typeof xmlCalls;

/**
 * The client's XML calls (`client-xml.ts`), imported once by the first call that needs one; a failed import (a
 * chunk that did not arrive) is tried again on the next call.
 */
export const clientXml: () => Promise<XmlCalls> = lazyImport('the XML calls', () => import('./client-xml.js').then((m) => m.xmlCalls));
