/**
 * Files that came with a FileSystemFileHandle (File System Access API: picked, dropped or passed to
 * `addFiles`). The handle is kept beside the file's resume record, so after a reload the upload can
 * resume from it without the user choosing the file again (docs/resume.md). Opaque here: core has no DOM.
 */
const handles = new WeakMap<Blob, unknown>();

/** Remembers where a file came from; `file` is what the handle's `getFile()` gave (or the dropped File). */
export function rememberHandle(file: Blob, handle: unknown): void {
  handles.set(file, handle);
}

/** The handle a file came from, if any. */
export function handleOf(file: Blob): unknown {
  return handles.get(file);
}
