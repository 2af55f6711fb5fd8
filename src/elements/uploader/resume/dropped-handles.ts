import { rememberHandle } from '../../../core/upload/file-handles.js';
import { isFileHandle } from './file-system-access.js';

type ItemWithHandle = DataTransferItem & { getAsFileSystemHandle?(): Promise<unknown> };

/** Name, size and date: how a dropped item's File and the File the drop zone queues are matched. */
const identity = (file: File) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;

/**
 * Keeps the FileSystemFileHandle of each file dropped on the host, where the browser offers it
 * (docs/resume.md#dropped-files). Handles can only be asked for during the drop event, so this listens in
 * the capture phase, before the drop zone reads the drop; each handle is tied to its file when the file
 * joins the queue (cos-file-added). Files inside dropped folders get none.
 */
export function keepDroppedHandles(host: HTMLElement): void {
  if (typeof DataTransferItem === 'undefined' || !('getAsFileSystemHandle' in DataTransferItem.prototype)) return;
  const pending = new Map<string, Promise<unknown>>();
  host.addEventListener('drop', (event) => {
    pending.clear();
    for (const item of Array.from(event.dataTransfer?.items ?? []) as ItemWithHandle[]) {
      if (item.kind !== 'file') continue;
      const file = item.getAsFile();
      const handle = item.getAsFileSystemHandle?.();
      if (file && handle) pending.set(identity(file), handle.catch(() => null));
    }
  }, { capture: true });
  host.addEventListener('cos-file-added', (event) => {
    const file = event.detail.file as File;
    if (pending.size === 0 || !(file instanceof File)) return;
    const handle = pending.get(identity(file));
    if (!handle) return;
    pending.delete(identity(file));
    void handle.then((value) => isFileHandle(value) && rememberHandle(file, value));
  });
}
