import type { shapes } from './shapes.js';

export type XmlShapes = typeof shapes;

let loading: Promise<XmlShapes> | undefined;

/**
 * The client's XML shapes (`shapes.ts`), imported once on the first call that reads or writes one; a failed import
 * (a chunk that did not arrive) is tried again on the next call.
 */
export function xmlShapes(): Promise<XmlShapes> {
  if (loading) return loading;
  const load = import('./shapes.js').then((m) => m.shapes);
  loading = load;
  load.catch(() => {
    if (loading === load) loading = undefined;
  });
  return load;
}
