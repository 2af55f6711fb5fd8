import { html, nothing, type TemplateResult } from 'lit';
import { walkDataTransfer, type PickedFile } from '../dropped-files.js';

export interface PageDropOptions {
  add(files: PickedFile[]): void;
  disabled(): boolean;
  /** The selector matched no element. */
  missing(selector: string): void;
  unreadable(count: number): void;
}

const hasFiles = (event: DragEvent) => !!event.dataTransfer?.types.includes('Files');

/**
 * `drop-target`: a file drop anywhere in the document (or the element a selector names) joins the queue,
 * with a full-area overlay while files are dragged over it. Listeners sit on the area in the bubbling phase,
 * so a drop zone inside it sees the drop first: a drop it took (preventDefault, stopPropagation) or one on
 * another `<cos-uploader>` is left alone. The overlay lets the pointer through, so those zones keep working.
 */
export class PageDrop {
  dragging = false;
  #area?: Document | Element;
  #selector = '';
  /** dragenter minus dragleave over the area: 0 once the pointer left it. */
  #depth = 0;

  constructor(
    private readonly host: HTMLElement & { requestUpdate(): void },
    private readonly options: PageDropOptions,
  ) {}

  /** Listens on the area `selector` names (`document` for the whole page); '' stops listening. Called after every update. */
  watch(selector: string): void {
    // A selector that matched nothing stays reported once, until the attribute changes.
    if (selector === this.#selector) return;
    this.stop();
    this.#selector = selector;
    if (!selector) return;
    let area: Document | Element | null = null;
    try {
      area = selector === 'document' ? document : document.querySelector(selector);
    } catch {
      area = null; // not a valid selector: reported like one that matches nothing
    }
    if (!area) return this.options.missing(selector);
    this.#area = area;
    for (const [type, listener] of this.#listeners) area.addEventListener(type, listener as EventListener);
  }

  stop(): void {
    for (const [type, listener] of this.#listeners) this.#area?.removeEventListener(type, listener as EventListener);
    this.#area = undefined;
    this.#selector = '';
    this.#show(false);
  }

  readonly #listeners: [string, (event: DragEvent) => void][] = [
    ['dragenter', (event) => {
      if (!hasFiles(event)) return;
      this.#depth += 1;
      this.#over(event);
    }],
    ['dragover', (event) => {
      if (!hasFiles(event)) return;
      this.#depth = Math.max(this.#depth, 1);
      this.#over(event);
    }],
    ['dragleave', () => {
      this.#depth = Math.max(0, this.#depth - 1);
      if (this.#depth === 0) this.#show(false);
    }],
    ['drop', (event) => void this.#drop(event)],
  ];

  /** Another handler that wants this drag (it called preventDefault) or another uploader: no overlay over it. */
  #takenElsewhere(event: DragEvent): boolean {
    const path = event.composedPath();
    if (path.includes(this.host)) return false;
    return event.defaultPrevented || path.some((node) => node instanceof Element && node.localName === 'cos-uploader');
  }

  #over(event: DragEvent): void {
    if (this.#takenElsewhere(event)) return this.#show(false);
    const disabled = this.options.disabled();
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    this.#show(!disabled);
  }

  async #drop(event: DragEvent): Promise<void> {
    this.#depth = 0;
    this.#show(false);
    // Taken by a drop zone on the way up (our own drop zone included: it added the files already).
    if (!hasFiles(event) || this.#takenElsewhere(event) || event.defaultPrevented) return;
    event.preventDefault();
    if (this.options.disabled()) return;
    const { unreadable } = await walkDataTransfer(event.dataTransfer, { onFiles: (files) => this.options.add(files) });
    if (unreadable) this.options.unreadable(unreadable);
  }

  #show(dragging: boolean): void {
    if (this.dragging === dragging) return;
    this.dragging = dragging;
    this.host.requestUpdate();
  }

  /** Lays the overlay over the area: the viewport for the document, the element's box for a selector (through the CSSOM). */
  place(): void {
    const overlay = this.host.shadowRoot?.querySelector<HTMLElement>('.page-overlay');
    if (!overlay || !(this.#area instanceof Element)) return;
    const box = this.#area.getBoundingClientRect();
    overlay.style.setProperty('inset', 'auto');
    for (const [name, value] of [['top', box.top], ['left', box.left], ['width', box.width], ['height', box.height]] as const) {
      overlay.style.setProperty(name, `${value}px`);
    }
  }

  render(text: string): TemplateResult | typeof nothing {
    return this.dragging ? html`<div part="page-overlay" class="page-overlay" aria-hidden="true"><span>${text}</span></div>` : nothing;
  }
}
