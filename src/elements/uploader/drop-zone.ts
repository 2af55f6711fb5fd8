import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { filesFromList, walkDataTransfer, type PickedFile } from './dropped-files.js';

export interface DropZoneOptions {
  disabled(): boolean;
  /** Files chosen by drop, picker or paste, in order. */
  onFiles(files: PickedFile[]): void;
  /** Dropped entries that could not be read. */
  onUnreadable(count: number): void;
}

export interface DropZoneView {
  prompt: string;
  activePrompt: string;
  hint: string;
  /** "Reading folder… N files", while a dropped folder is walked. */
  reading(count: number): string;
  multiple: boolean;
  accept: string;
}

const uploadIcon = svg`<svg viewBox="0 0 24 24" width="32" height="32" aria-hidden="true"><path fill="currentColor" d="M11 16V7.8l-3.3 3.3-1.4-1.4L12 4l5.7 5.7-1.4 1.4L13 7.8V16h-2zm-7 4v-5h2v3h12v-3h2v5H4z"/></svg>`;

/**
 * The ways files come in: drag and drop (folders walked), the file picker (opened by click, Enter or
 * Space on the drop zone) and paste while the element has focus. `dragging` drives the drop styling.
 */
export class DropZoneController implements ReactiveController {
  dragging = false;
  /** Files found so far while a dropped folder is read; undefined when no walk runs. */
  reading?: number;
  readonly #onPaste = (event: ClipboardEvent) => {
    const files = filesFromList(event.clipboardData?.files);
    if (files.length === 0 || this.options.disabled()) return;
    event.preventDefault();
    this.options.onFiles(files);
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: DropZoneOptions,
  ) {
    host.addController(this);
  }

  /** The drop target, once rendered. */
  get zone(): HTMLElement | undefined {
    return this.host.shadowRoot?.querySelector<HTMLElement>('.dropzone') ?? undefined;
  }

  get #input(): HTMLInputElement | undefined {
    return this.host.shadowRoot?.querySelector<HTMLInputElement>('input[type=file]') ?? undefined;
  }

  /** A click aimed at the host itself comes from a `<label>` around it: act like a labelled file input. */
  readonly #onHostClick = (event: MouseEvent) => {
    if (event.composedPath()[0] !== this.host) return;
    this.zone?.focus();
    this.openPicker();
  };

  hostConnected(): void {
    this.host.addEventListener('paste', this.#onPaste);
    this.host.addEventListener('click', this.#onHostClick);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('paste', this.#onPaste);
    this.host.removeEventListener('click', this.#onHostClick);
  }

  openPicker(): void {
    if (!this.options.disabled()) this.#input?.click();
  }

  render(view: DropZoneView): TemplateResult {
    const disabled = this.options.disabled();
    return html`
      <div
        part="dropzone"
        class="dropzone"
        role="button"
        tabindex=${disabled ? -1 : 0}
        aria-disabled=${disabled ? 'true' : 'false'}
        @click=${() => this.openPicker()}
        @keydown=${this.#onKeyDown}
        @dragenter=${this.#onDragOver}
        @dragover=${this.#onDragOver}
        @dragleave=${this.#onDragLeave}
        @drop=${this.#onDrop}
      >
        <slot name="upload-icon">${uploadIcon}</slot>
        <span class="prompt">${this.dragging ? view.activePrompt : html`<slot>${view.prompt}</slot>`}</span>
        <span class="hint">${view.hint}</span>
        ${this.reading === undefined ? nothing : html`<span class="reading" role="status">${view.reading(this.reading)}</span>`}
      </div>
      <input type="file" hidden tabindex="-1" ?multiple=${view.multiple} accept=${view.accept || nothing} @change=${this.#onPicked} />
    `;
  }

  #setDragging(dragging: boolean): void {
    if (this.dragging === dragging) return;
    this.dragging = dragging;
    this.host.requestUpdate();
  }

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    this.openPicker();
  };

  #onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    const disabled = this.options.disabled();
    event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    this.#setDragging(!disabled);
  };

  #onDragLeave = (event: DragEvent) => {
    if (!this.zone?.contains(event.relatedTarget as Node | null)) this.#setDragging(false);
  };

  #onDrop = async (event: DragEvent) => {
    // Always take the drop, so a missed target never makes the browser navigate to the file.
    event.preventDefault();
    this.#setDragging(false);
    if (this.options.disabled()) return;
    // Files join the queue batch by batch while the folder is still being read.
    const { unreadable } = await walkDataTransfer(event.dataTransfer, {
      onFiles: (files) => this.options.onFiles(files),
      onProgress: (count) => this.#setReading(count),
    }).finally(() => this.#setReading(undefined));
    if (unreadable) this.options.onUnreadable(unreadable);
  };

  #setReading(count: number | undefined): void {
    this.reading = count;
    this.host.requestUpdate();
  }

  #onPicked = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = filesFromList(input.files);
    input.value = '';
    if (files.length) this.options.onFiles(files);
  };
}
