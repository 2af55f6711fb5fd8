import { rememberHandle } from '../../../core/upload/file-handles.js';
import { isDirectoryHandle, isFileHandle, type FolderFileRef } from './file-system-access.js';

type ItemWithHandle = DataTransferItem & { getAsFileSystemHandle?(): Promise<unknown> };

/** Name, size and date: how a dropped item's File and the File the drop zone queues are matched. */
const identity = (file: File) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;

/**
 * Keeps the handles of what is dropped on the host, where the browser offers them
 * (docs/resume.md#dropped-files). Handles can only be asked for during the drop event, so this listens in
 * the capture phase, before the drop zone reads the drop; each is tied to its file when the file joins the
 * queue (cos-file-added). A dropped file is matched by name, size and date. A dropped folder gives one handle
 * for the folder: a file below it is matched by its key (prefix, folder name, sub-folders, file name, as the
 * intake names it) and keeps the folder's handle and its path below it.
 */
export function keepDroppedHandles(host: HTMLElement & { keyPrefix: string }): void {
  if (typeof DataTransferItem === 'undefined' || !('getAsFileSystemHandle' in DataTransferItem.prototype)) return;
  const files = new Map<string, Promise<unknown>>();
  const folders = new Map<string, Promise<unknown>>();
  host.addEventListener('drop', (event) => {
    files.clear();
    folders.clear();
    for (const item of Array.from(event.dataTransfer?.items ?? []) as ItemWithHandle[]) {
      if (item.kind !== 'file') continue;
      const entry = item.webkitGetAsEntry?.();
      const file = entry?.isDirectory ? null : item.getAsFile();
      const handle = item.getAsFileSystemHandle?.().catch(() => null);
      if (!handle) continue;
      if (entry?.isDirectory) folders.set(entry.name, handle);
      else if (file) files.set(identity(file), handle);
    }
  }, { capture: true });
  host.addEventListener('cos-file-added', (event) => {
    const { file, key } = event.detail;
    if (!(file instanceof File)) return;
    const handle = files.get(identity(file));
    if (handle) {
      files.delete(identity(file));
      void handle.then((value) => isFileHandle(value) && rememberHandle(file, value));
      return;
    }
    const path = key.startsWith(host.keyPrefix) ? key.slice(host.keyPrefix.length).split('/') : [];
    // A renamed key (a duplicate's suffix, a page's own naming) no longer names the file: no handle then.
    const folder = path.length > 1 && path[path.length - 1] === file.name ? folders.get(path[0]) : undefined;
    void folder?.then((directory) => {
      if (!isDirectoryHandle(directory)) return;
      const ref: FolderFileRef = { kind: 'folder-file', directory, path: path.slice(1) };
      rememberHandle(file, ref);
    });
  });
}
