import { filesFromList, type PickedFile } from '../dropped-files.js';

const TEXT_INPUTS = new Set(['text', 'search', 'url', 'tel', 'email', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);

/**
 * Where a paste is meant as text: a text field, a textarea, or editable content. Editable content keeps
 * pasted images too: rich-text editors take them themselves, and taking them away would surprise (docs/intake.md).
 */
export function wantsPaste(target: EventTarget | undefined): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUTS.has(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

/**
 * `paste="document"`: files pasted anywhere on the page join the queue while the element is visible, with
 * no focus inside it. A paste already taken (preventDefault: a paste inside the element, another uploader
 * with the same setting) is left alone.
 */
export class PasteAnywhere {
  #on = false;
  /** From the IntersectionObserver; undefined until its first report. */
  #inView?: boolean;
  #observer?: IntersectionObserver;

  constructor(
    private readonly host: HTMLElement,
    private readonly options: { add(files: PickedFile[]): void; disabled(): boolean },
  ) {}

  enable(on: boolean): void {
    if (on === this.#on) return;
    this.#on = on;
    if (on) {
      document.addEventListener('paste', this.#onPaste);
      this.#observer = new IntersectionObserver((entries) => (this.#inView = entries[entries.length - 1].isIntersecting));
      this.#observer.observe(this.host);
    } else {
      document.removeEventListener('paste', this.#onPaste);
      this.#observer?.disconnect();
      this.#observer = this.#inView = undefined;
    }
  }

  /** Rendered (not display:none or hidden by an ancestor) and, once the observer has reported, in the viewport. */
  get visible(): boolean {
    const shown = this.host.checkVisibility?.() ?? this.host.getClientRects().length > 0;
    return shown && this.#inView !== false;
  }

  readonly #onPaste = (event: ClipboardEvent) => {
    if (event.defaultPrevented || this.options.disabled() || !this.visible || wantsPaste(event.composedPath()[0])) return;
    const files = filesFromList(event.clipboardData?.files);
    if (files.length === 0) return;
    event.preventDefault();
    this.options.add(files);
  };
}
