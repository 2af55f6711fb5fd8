/**
 * Row edits of `<cos-uploader editable>` (docs/editing.md): the Edit button and "Edited" badge of image rows, the
 * editor (its own chunk, loaded on the first click) and what an applied edit does — a Pic-Operations rule added to
 * a file not sending yet, or `POST ?image_process` for an uploaded one. Lives in the file list chunk.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { SYNC_PROCESSING_LIMIT } from '../../../core/ci/mode.js';
import type { ImageEdit, Size } from '../../../core/rules/edit-geometry.js';
import { expandFileId } from '../../../core/rules/file-id.js';
import { MAX_PIC_RULES, buildPicOperations, parsePicOperations, type PicOperations } from '../../../core/rules/pic-header.js';
import type { UploadManagerApi, UploadResult, UploadSnapshot } from '../../../core/types.js';
import { CosFileEditedEvent, type CosFileEditedDetail } from '../../../events/file-edited.js';
import { formatMessage } from '../../shared/i18n.js';
import { isProcessableImage } from '../image-files.js';
import type { EditApplyDetail } from './image-editor.js';

/** What the row edits read off `<cos-uploader>`: public properties and attributes only. */
export interface EditHost extends HTMLElement {
  manager?: UploadManagerApi;
  processing: string;
  strings?: object;
  managerHooks(): { picOperationsFor?(file: Blob & { name?: string }, key: string): string | undefined };
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
}

interface FileEdit { edit: ImageEdit; upright: Size; fileid: string; mode: 'upload' | 'cloud' }
type Busy = { state: 'processing' } | { state: 'failed'; message: string };
type ImageProcess = (key: string, header: string) => Promise<UploadResult>;

/** Texts of the row controls; a page replaces any of them through the uploader's `strings`. */
const ROW_EDIT_STRINGS = {
  edit: 'Edit',
  editAgain: 'Edit again',
  removeEdit: 'Remove edit',
  edited: 'Edited',
  editing: 'Applying edit…',
  editFailed: 'The edit could not be applied',
  editStarted: 'The upload has started: the file can no longer be edited before upload.',
  editTooManyRules: 'The edit needs a Pic-Operations rule of its own, but the file already has 5 (the most COS takes).',
};

type RowEditStrings = typeof ROW_EDIT_STRINGS;

const DEFAULT_FILEID = '{name}_edited.{ext}';
const hosts = new WeakMap<EditHost, RowEdits>();

/** The row edits of one uploader (made on first use). */
export function rowEditsFor(host: EditHost): RowEdits {
  let edits = hosts.get(host);
  if (!edits) hosts.set(host, (edits = new RowEdits(host)));
  return edits;
}

export class RowEdits {
  readonly #edits = new Map<string, FileEdit>();
  readonly #busy = new Map<string, Busy>();
  readonly #versions = new Map<string, number>();
  #open?: { id: string; url: string; problem: string };

  constructor(private readonly host: EditHost) {}

  get enabled(): boolean {
    return this.host.hasAttribute('editable');
  }

  get #strings(): RowEditStrings {
    return { ...ROW_EDIT_STRINGS, ...(this.host.strings as Partial<RowEditStrings> | undefined) };
  }

  get #overwrite(): boolean {
    return this.host.getAttribute('edit-mode') === 'overwrite';
  }

  get #imageProcess(): ImageProcess | undefined {
    const client = (this.host.manager as { client?: { imageProcess?: ImageProcess } } | undefined)?.client;
    return client?.imageProcess ? (key, header) => client.imageProcess!(key, header) : undefined;
  }

  /** Changes whenever a row's edit state does: part of the row's re-render key. */
  version(id: string): number {
    return this.#versions.get(id) ?? 0;
  }

  edit(id: string): ImageEdit | undefined {
    return this.#edits.get(id)?.edit;
  }

  /** `before` (the rule joins the upload), `after` (image_process on the stored file), or undefined: no Edit. */
  editable(upload: UploadSnapshot): 'before' | 'after' | undefined {
    if (!this.enabled || !isProcessableImage(upload.file) || upload.size > SYNC_PROCESSING_LIMIT) return undefined;
    if (upload.status === 'queued' || upload.status === 'paused') {
      return this.host.processing !== 'async' && this.host.manager?.setPicOperations ? 'before' : undefined;
    }
    // Over the original an edit is final: a second one would apply to the edited pixels.
    const overwritten = this.#overwrite && this.#edits.has(upload.id);
    return upload.status === 'done' && this.#imageProcess && !overwritten && this.#busy.get(upload.id)?.state !== 'processing' ? 'after' : undefined;
  }

  #touch(id: string): void {
    this.#versions.set(id, this.version(id) + 1);
    this.host.requestUpdate();
  }

  async open(upload: UploadSnapshot): Promise<void> {
    await import('./image-editor.js');
    this.close();
    this.#open = { id: upload.id, url: URL.createObjectURL(upload.file), problem: '' };
    this.#touch(upload.id);
    // Keyboard users land on the crop box, ready for the arrow keys.
    await this.host.updateComplete;
    const editor = this.host.shadowRoot?.querySelector('cos-image-editor');
    await editor?.updateComplete;
    await editor?.ready;
    editor?.shadowRoot?.querySelector<HTMLElement>('.box')?.focus();
  }

  /** Closes the editor; focus goes back to the row it belongs to. */
  close(): void {
    const open = this.#open;
    if (!open) return;
    URL.revokeObjectURL(open.url);
    this.#open = undefined;
    this.#touch(open.id);
    void this.host.updateComplete.then(() => {
      const row = this.host.shadowRoot?.querySelector<HTMLElement>(`li[data-id="${CSS.escape(open.id)}"]`);
      (row?.querySelector<HTMLElement>('button.edit') ?? row)?.focus();
    });
  }

  /** Drops a queued file's edit: its Pic-Operations go back to the page's own. */
  remove(upload: UploadSnapshot): void {
    const done = this.host.manager?.setPicOperations?.(upload.id, this.#baseHeader(upload)) ?? false;
    if (!done) return this.#fail(upload.id, this.#strings.editStarted);
    const fileid = this.#edits.get(upload.id)?.fileid ?? '';
    this.#edits.delete(upload.id);
    this.#busy.delete(upload.id);
    this.#touch(upload.id);
    this.#announce({ uploadId: upload.id, key: upload.key, rule: '', fileid, mode: 'removed' });
  }

  #baseHeader(upload: UploadSnapshot): string | undefined {
    return this.host.managerHooks().picOperationsFor?.(upload.file, upload.key);
  }

  #fileid(upload: UploadSnapshot): string {
    if (this.#overwrite) return `/${upload.key}`;
    const name = upload.key.split('/').pop() ?? upload.name;
    return expandFileId(this.host.getAttribute('edit-fileid') || DEFAULT_FILEID, { name });
  }

  async #apply(upload: UploadSnapshot, detail: EditApplyDetail): Promise<void> {
    const s = this.#strings;
    const current = this.host.manager?.snapshot().find((u) => u.id === upload.id) ?? upload;
    const when = this.editable(current);
    if (!when) return this.#refuse(s.editStarted);
    if (detail.identity && when === 'before') {
      // Nothing left to do: an unchanged picture needs no rule (and a reset edit is a removed one).
      this.close();
      if (this.#edits.has(current.id)) this.remove(current);
      return;
    }
    const { rule } = detail;
    let fileid: string;
    let header: string;
    try {
      fileid = this.#fileid(current);
      header = this.#headerFor(current, when, { fileid, rule });
    } catch (err) {
      // A fileid template that names no object, a page header already at 5 rules…: said in the editor, nothing sent.
      return this.#refuse((err as Error).message);
    }
    if (when === 'before') {
      if (!this.host.manager?.setPicOperations?.(current.id, header)) return this.#refuse(s.editStarted);
      this.#edits.set(current.id, { edit: detail.edit, upright: detail.upright, fileid, mode: 'upload' });
      this.close();
      this.#announce({ uploadId: current.id, key: current.key, rule, fileid, mode: 'upload' });
      return;
    }
    const key = current.result?.key || current.key;
    this.#busy.set(current.id, { state: 'processing' });
    this.close();
    try {
      const uploadResult = await this.#imageProcess!(key, header);
      this.#busy.delete(current.id);
      this.#edits.set(current.id, { edit: detail.edit, upright: detail.upright, fileid, mode: 'cloud' });
      this.#announce({ uploadId: current.id, key, rule, fileid, mode: 'cloud', uploadResult });
    } catch (err) {
      this.#fail(current.id, `${s.editFailed}: ${(err as Error).message}`);
    }
    this.#touch(current.id);
  }

  /** Before upload the edit joins the file's own rules; after, image_process gets the edit alone. Throws on an unusable value. */
  #headerFor(upload: UploadSnapshot, when: 'before' | 'after', edit: { fileid: string; rule: string }): string {
    if (when === 'after') return buildPicOperations({ isPicInfo: true, rules: [edit] });
    const base = this.#baseHeader(upload);
    const value: PicOperations = base ? parsePicOperations(base).value : { isPicInfo: true, rules: [] };
    if (value.rules.length >= MAX_PIC_RULES) throw new Error(this.#strings.editTooManyRules);
    return buildPicOperations({ ...value, rules: [...value.rules, edit] });
  }

  #refuse(problem: string): void {
    if (!this.#open) return;
    this.#open.problem = problem;
    this.#touch(this.#open.id);
  }

  #fail(id: string, message: string): void {
    this.#busy.set(id, { state: 'failed', message });
    this.#touch(id);
  }

  #announce(detail: CosFileEditedDetail): void {
    this.host.dispatchEvent(new CosFileEditedEvent(detail));
  }

  /** The row's Edit / Remove edit buttons. */
  renderActions(upload: UploadSnapshot, disabled: boolean): TemplateResult | typeof nothing {
    const when = this.editable(upload);
    if (!when) return nothing;
    const s = this.#strings;
    const edited = this.#edits.has(upload.id);
    const label = (action: string) => formatMessage('{action} {name}', { action, name: upload.name });
    return html`<button type="button" class="edit" ?disabled=${disabled} aria-expanded=${String(this.#open?.id === upload.id)}
      aria-label=${label(edited ? s.editAgain : s.edit)} @click=${() => void this.open(upload)}>${edited ? s.editAgain : s.edit}</button>
      ${edited && when === 'before' ? html`<button type="button" class="remove-edit" ?disabled=${disabled} aria-label=${label(s.removeEdit)}
        @click=${() => this.remove(upload)}>${s.removeEdit}</button>` : nothing}`;
  }

  /** The badge and any failure of the row's edit, under its progress bar. */
  renderStatus(upload: UploadSnapshot): TemplateResult | typeof nothing {
    const s = this.#strings;
    const busy = this.#busy.get(upload.id);
    return html`${this.#edits.has(upload.id) ? html`<span part="edited-badge" class="note edited">${s.edited}</span>` : nothing}
      ${busy?.state === 'processing' ? html`<span class="note editing" role="status">${s.editing}</span>` : nothing}
      ${busy?.state === 'failed' ? html`<p part="error" class="error edit-error" role="alert">${busy.message}</p>` : nothing}`;
  }

  /** The open editor, across the row's full width. */
  renderEditor(upload: UploadSnapshot): TemplateResult | typeof nothing {
    const open = this.#open;
    if (open?.id !== upload.id) return nothing;
    return html`<cos-image-editor part="editor" .src=${open.url} .label=${upload.name} .edit=${this.#edits.get(upload.id)?.edit}
      .aspects=${this.host.getAttribute('edit-aspects') ?? ''} .strings=${this.host.strings} .problem=${open.problem}
      @cos-edit-apply=${(e: CustomEvent<EditApplyDetail>) => void this.#apply(upload, e.detail)}
      @cos-edit-cancel=${() => this.close()}></cos-image-editor>`;
  }
}
