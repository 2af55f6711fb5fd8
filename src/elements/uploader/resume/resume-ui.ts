/**
 * The resume prompt and what it does (docs/resume.md): a chunk of its own, loaded by resume-offer.ts only when an
 * earlier page left uploads unfinished or a handle could not be read. Most pages have neither, so they never load it.
 */
import type { UploadManagerApi, ResumeRecord } from '../../../core/types.js';
import { CosFileRejectedEvent } from '../../../events/file-rejected.js';
import { CosResumePrompt } from './resume-prompt.js';
import { ResumeSession, type ResumeHost } from './resume-session.js';
import type { ResumeStrings } from './strings.js';

type Host = ResumeHost & { strings?: object };

/** Shows the prompt listing `records` above the drop zone. */
export function showPrompt(host: Host, manager: UploadManagerApi, records: ResumeRecord[]): void {
  // The element may have left the page while this chunk loaded.
  if (host.isConnected) mount(host, new ResumeSession(host, manager, records));
}

/** Shows a prompt above the drop zone, outside every Lit part of the host's template (its renders leave it alone). */
function mount(host: Host, session: ResumeSession): CosResumePrompt {
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

/** Refuses handles whose files could not be read: cos-file-rejected (`unreadable`) and a message in the notice. */
export function refuseUnreadable(host: Host, names: readonly string[]): void {
  const prompt = host.shadowRoot?.querySelector('cos-resume-prompt') ?? mount(host, new ResumeSession(host, undefined, []));
  const messages = names.map((name) => prompt.say('handleUnreadable', name));
  names.forEach((name, i) => host.dispatchEvent(new CosFileRejectedEvent({ file: new File([], name), reason: 'unreadable', message: messages[i] })));
}
