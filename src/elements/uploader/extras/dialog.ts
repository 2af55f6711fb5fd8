import { html, nothing, svg, type TemplateResult } from 'lit';
import { formatMessage } from '../../shared/i18n.js';
import { summarize } from '../summary.js';
import type { UploadSnapshot } from '../../../core/types.js';
import type { IntakeStrings } from './strings.js';

const FOCUSABLE = 'button:not([disabled]), [tabindex="0"], a[href], input:not([hidden]):not([disabled]), select, textarea';

/** "3 of 10 · 42 %" for the button, or undefined while no file is listed. */
export function dialogProgress(uploads: readonly UploadSnapshot[], s: IntakeStrings): { text: string; percent: number } | undefined {
  const { counts, percent } = summarize(uploads);
  const total = counts.total - counts.cancelled;
  if (total <= 0) return undefined;
  return { text: formatMessage(s.dialogProgress, { done: counts.done, total, percent }), percent };
}

/**
 * `mode="dialog"`: a button that opens the uploader in a modal `<dialog>`. The content stays rendered while
 * the dialog is closed, so uploads (and their rows) carry on; the button shows their progress. Focus goes to
 * the drop zone on open, Tab cycles inside the dialog, and focus returns to the button on close (Escape,
 * the close button or `close()`).
 */
export class DialogView {
  constructor(
    private readonly host: HTMLElement,
    /** Called when the dialog closes (the camera stops: nobody sees its preview any more). */
    private readonly onClosed: () => void = () => undefined,
  ) {}

  get #root(): ShadowRoot | null {
    return this.host.shadowRoot;
  }

  get dialog(): HTMLDialogElement | null {
    return this.#root?.querySelector('dialog') ?? null;
  }

  get opener(): HTMLButtonElement | null {
    return this.#root?.querySelector<HTMLButtonElement>('.opener') ?? null;
  }

  open(): void {
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    (this.#root?.querySelector<HTMLElement>('.dropzone') ?? dialog).focus();
  }

  close(): void {
    this.dialog?.close();
    this.opener?.focus();
  }

  readonly #onClose = () => {
    this.opener?.focus();
    this.onClosed();
  };

  /** Files dragged onto the button open the dialog, so they can be dropped on the drop zone inside. */
  readonly #onDragEnter = (event: DragEvent) => {
    if (event.dataTransfer?.types.includes('Files') && !(event.currentTarget as HTMLButtonElement).disabled) this.open();
  };

  /** Keeps Tab inside the dialog: from the last stop to the first and back (the browser would leave for its own UI). */
  readonly #onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || !this.dialog) return;
    const stops = [...this.dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
    if (stops.length === 0) return;
    const active = this.#root?.activeElement;
    const [first, last] = [stops[0], stops[stops.length - 1]];
    if (event.shiftKey ? active === first || !active : active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };

  render(body: TemplateResult, s: IntakeStrings, uploads: readonly UploadSnapshot[], disabled: boolean): TemplateResult {
    const progress = dialogProgress(uploads, s);
    return html`
      <button type="button" part="opener" class="opener" aria-haspopup="dialog" ?disabled=${disabled} @click=${() => this.open()} @dragenter=${this.#onDragEnter}>
        <slot name="button">${s.openDialog}</slot>
        ${progress ? html`<span part="opener-progress" class="opener-progress">${ring(progress.percent)}<span>${progress.text}</span></span>` : nothing}
      </button>
      <dialog part="dialog" class="dialog" aria-labelledby="dialog-title" @close=${this.#onClose} @keydown=${this.#onKeyDown}>
        <div class="dialog-head">
          <h2 id="dialog-title" class="dialog-title">${s.dialogTitle}</h2>
          <button type="button" part="close" class="close" @click=${() => this.close()}>${s.closeDialog}</button>
        </div>
        ${body}
      </dialog>
    `;
  }
}

/** A progress ring; its fill is an SVG attribute (no style attribute, so a strict CSP is fine). */
function ring(percent: number): TemplateResult {
  return html`<svg class="ring" viewBox="0 0 36 36" aria-hidden="true">
    ${svg`<circle class="ring-track" cx="18" cy="18" r="15" pathLength="100"></circle>
    <circle class="ring-fill" cx="18" cy="18" r="15" pathLength="100" stroke-dasharray="100" stroke-dashoffset=${100 - percent}></circle>`}
  </svg>`;
}
