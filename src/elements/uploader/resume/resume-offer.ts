/**
 * The uploader's resume chunk (docs/resume.md): loaded after the first render, it lists the uploads an
 * earlier page left unfinished (expiring old ones) and, when there are any, shows the resume prompt.
 * Also turns FileSystemFileHandles given to `addFiles` into files that remember their handle.
 */
import { rememberHandle } from '../../../core/upload/file-handles.js';
import type { ReactiveControllerHost } from 'lit';
import type { UploadManagerApi } from '../../../core/types.js';
import { keepDroppedHandles } from './dropped-handles.js';
import { isFileHandle } from './file-system-access.js';
import { CosResumePrompt } from './resume-prompt.js';
import { ResumeSession, maxAgeMs, type ResumeHost } from './resume-session.js';
import type { ResumeStrings } from './strings.js';

export type { ResumeStrings } from './strings.js';

/**
 * Starts keeping dropped files' handles, then lists the interrupted uploads and shows the prompt above the
 * drop zone. Needs the manager, so a page that sets bucket or credentials after the first render gets the
 * prompt once they are set (the host's next update). Quietly does nothing where there is no IndexedDB.
 */
export function offerResume(host: ResumeHost & ReactiveControllerHost & { strings?: object }, uploads: { ensureManager(): Promise<UploadManagerApi> }): void {
  if (typeof indexedDB === 'undefined') return;
  keepDroppedHandles(host);
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
  const base = host.shadowRoot?.querySelector('.base');
  if (records.length === 0 || !base || !host.isConnected) return;
  const prompt = new CosResumePrompt();
  prompt.session = new ResumeSession(host, manager, records);
  prompt.strings = host.strings as Partial<ResumeStrings> | undefined;
  prompt.setAttribute('part', 'resume');
  prompt.setAttribute('exportparts', 'resume-title, resume-list, resume-button, resume-message');
  host.addEventListener('cos-file-added', (event) => prompt.chosenAgain(event.detail.file as File));
  // Before the drop zone and outside every Lit part of the host's template, so its renders leave it alone.
  base.prepend(prompt);
}

/** `addFiles` with FileSystemFileHandles: each is read, and its file remembers the handle for resuming. */
export async function addHandles(host: ResumeHost, items: readonly unknown[]): Promise<void> {
  const files = await Promise.all(items.map(async (item) => {
    if (!isFileHandle(item)) return item as File;
    const file = await item.getFile();
    rememberHandle(file, item);
    return file;
  }));
  host.addFiles(files);
}

/** The chunk's one entry: with `items`, adds them (handles read first); without, offers resuming. */
export function resume(host: ResumeHost & ReactiveControllerHost, uploads: { ensureManager(): Promise<UploadManagerApi> }, items?: readonly unknown[]): Promise<void> {
  if (items) return addHandles(host, items);
  offerResume(host, uploads);
  return Promise.resolve();
}
