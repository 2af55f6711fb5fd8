/**
 * The uploader's resume chunk (docs/resume.md): loaded after the first render, it lists the uploads an
 * earlier page left unfinished (expiring old ones) and, when there are any, loads and shows the resume prompt
 * (resume-ui.ts, a chunk of its own: docs/bundle-size.md). Also turns FileSystemFileHandles given to `addFiles`
 * into files that remember their handle.
 */
import { rememberHandle } from '../../../core/upload/file-handles.js';
import type { ReactiveControllerHost } from 'lit';
import type { UploadManagerApi } from '../../../core/types.js';
import { keepDroppedHandles } from './dropped-handles.js';
import { isFileHandle } from './file-system-access.js';
import { pickWithHandles } from './picked-handles.js';
import { maxAgeMs, type ResumeHost } from './resume-host.js';

export type { ResumeStrings } from './strings.js';

const ui = () => import('./resume-ui.js');

/**
 * Starts keeping dropped files' handles, then lists the interrupted uploads and shows the prompt above the
 * drop zone. Needs the manager, so a page that sets bucket or credentials after the first render gets the
 * prompt once they are set (the host's next update). Quietly does nothing where there is no IndexedDB.
 */
export function offerResume(host: ResumeHost & ReactiveControllerHost & { strings?: object }, uploads: { ensureManager(): Promise<UploadManagerApi> }): void {
  if (typeof indexedDB === 'undefined') return;
  keepDroppedHandles(host);
  pickWithHandles(host);
  let state: 'waiting' | 'trying' | 'done' = 'waiting';
  const attempt = async () => {
    if (state !== 'waiting') return;
    state = 'trying';
    const manager = await uploads.ensureManager().catch(() => undefined);
    // Not configured yet: try again after the host's next update.
    state = manager ? 'done' : 'waiting';
    if (!manager) return;
    host.removeController(controller);
    await show(host, manager);
  };
  const controller = { hostUpdated: () => void attempt() };
  host.addController(controller);
  void attempt();
}

async function show(host: ResumeHost & { strings?: object }, manager: UploadManagerApi): Promise<void> {
  if (!manager.interruptedUploads) return;
  // Every uploader of the origin shares the store: each offers only the uploads under its own prefix.
  const records = (await manager.interruptedUploads(maxAgeMs(host)).catch(() => [])).filter((r) => r.key.startsWith(host.keyPrefix));
  if (records.length === 0 || !host.isConnected) return;
  (await ui()).showPrompt(host, manager, records);
}

/**
 * `addFiles` with FileSystemFileHandles: each is read, and its file remembers the handle for resuming. A
 * handle whose file cannot be read (gone, no permission) is refused: cos-file-rejected (`unreadable`) and a
 * message in the notice; the others go on.
 */
export async function addHandles(host: ResumeHost & { strings?: object }, items: readonly unknown[]): Promise<void> {
  const unreadable: string[] = [];
  const files = await Promise.all(items.map(async (item) => {
    if (!isFileHandle(item)) return item as File;
    try {
      const file = await item.getFile();
      rememberHandle(file, item);
      return file;
    } catch {
      unreadable.push(item.name);
      return undefined;
    }
  }));
  const readable = files.filter((file): file is File => file !== undefined);
  if (readable.length) host.addFiles(readable);
  if (unreadable.length) (await ui()).refuseUnreadable(host, unreadable);
}

/** The chunk's one entry: with `items`, adds them (handles read first); without, offers resuming. */
export function resume(host: ResumeHost & ReactiveControllerHost, uploads: { ensureManager(): Promise<UploadManagerApi> }, items?: readonly unknown[]): Promise<void> {
  if (items) return addHandles(host, items);
  offerResume(host, uploads);
  return Promise.resolve();
}
