/**
 * The uploader's resume chunk (docs/resume.md): loaded after the first render, it lists the uploads an
 * earlier page left unfinished (expiring old ones) and, when there are any, shows the resume prompt.
 * Also turns FileSystemFileHandles given to `addFiles` into files that remember their handle.
 */
import { rememberHandle } from '../../../core/upload/file-handles.js';
import type { ReactiveControllerHost } from 'lit';
import type { UploadManagerApi } from '../../../core/types.js';
import { CosFileRejectedEvent } from '../../../events/file-rejected.js';
import { keepDroppedHandles } from './dropped-handles.js';
import { isFileHandle } from './file-system-access.js';
import { pickWithHandles } from './picked-handles.js';
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
  mount(host, new ResumeSession(host, manager, records));
}

/** Shows a prompt above the drop zone, outside every Lit part of the host's template (its renders leave it alone). */
function mount(host: ResumeHost & { strings?: object }, session: ResumeSession): CosResumePrompt {
  const prompt = new CosResumePrompt();
  prompt.session = session;
  prompt.strings = host.strings as Partial<ResumeStrings> | undefined;
  prompt.setAttribute('part', 'resume');
  prompt.setAttribute('exportparts', 'resume-title, resume-list, resume-button, resume-message');
  host.addEventListener('cos-file-added', (event) => prompt.chosenAgain(event.detail.file as File));
  const base = host.shadowRoot?.querySelector('.base');
  if (base) base.prepend(prompt);
  else host.shadowRoot?.prepend(prompt);
  return prompt;
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
  if (unreadable.length === 0) return;
  const prompt = promptOf(host) ?? mount(host, new ResumeSession(host, undefined, []));
  const messages = unreadable.map((name) => prompt.say('handleUnreadable', name));
  unreadable.forEach((name, i) => host.dispatchEvent(new CosFileRejectedEvent({ file: new File([], name), reason: 'unreadable', message: messages[i] })));
}

function promptOf(host: ResumeHost): CosResumePrompt | undefined {
  return host.shadowRoot?.querySelector('cos-resume-prompt') ?? undefined;
}

/** The chunk's one entry: with `items`, adds them (handles read first); without, offers resuming. */
export function resume(host: ResumeHost & ReactiveControllerHost, uploads: { ensureManager(): Promise<UploadManagerApi> }, items?: readonly unknown[]): Promise<void> {
  if (items) return addHandles(host, items);
  offerResume(host, uploads);
  return Promise.resolve();
}
