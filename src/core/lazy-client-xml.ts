import type { xmlCalls } from './client-xml.js';

export type XmlCalls = typeof xmlCalls;

let loading: Promise<XmlCalls> | undefined;

/**
 * The client's XML calls (`client-xml.ts`), imported once by the first call that needs one; a failed import (a
 * chunk that did not arrive) is tried again on the next call.
 */
export function clientXml(): Promise<XmlCalls> {
  if (loading) return loading;
  const load = import('./client-xml.js').then((m) => m.xmlCalls);
  loading = load;
  load.catch(() => {
    if (loading === load) loading = undefined;
  });
  return load;
}
