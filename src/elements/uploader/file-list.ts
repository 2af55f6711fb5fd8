import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { UploadSnapshot } from '../../core/types.js';
import { cssProps } from '../shared/css-props.js';

/** From this many rows on, the list scrolls in its own box and only rows near its viewport are in the DOM. */
export const VIRTUAL_FROM = 50;
/** Height assumed for a row not measured yet, and the gap between rows (px). */
const ESTIMATE = 72;
const GAP = 8;
/** Rendered beyond each edge of the viewport, so a fast scroll or a Tab does not meet a blank. */
const OVERSCAN_PX = 600;

export interface ListView {
  uploads: readonly UploadSnapshot[];
  label: string;
  /** Re-render a row when any of these change, besides its snapshot (texts, disabled…). */
  deps: readonly unknown[];
  row(upload: UploadSnapshot): TemplateResult;
  /** A row state kept outside the snapshot (background processing): shown as `data-processing`, and re-renders the row when it changes. */
  processing?(upload: UploadSnapshot): string | undefined;
  /** Anything else a row shows that is not in its snapshot (a retry countdown's seconds): a change re-renders that row. */
  rowKey?(upload: UploadSnapshot): unknown;
}

/**
 * The file list (docs/many-files.md). Big lists are virtualized: rows sit at measured offsets in a
 * scroll box and only those near the viewport are rendered, plus the row holding focus, so focus
 * survives scrolling it out and back. Every row carries `aria-posinset`/`aria-setsize`; one row is in
 * the Tab order (roving tabindex) and the arrow keys, Home, End, Page Up/Down move between rows.
 * A row re-renders only when its snapshot (immutable, replaced on change) or `deps` change.
 */
export class FileListController implements ReactiveController {
  /** Ids of the rows in the DOM after the last render (thumbnails are kept for these only). */
  rendered: string[] = [];
  readonly #heights = new Map<string, number>();
  #focusedId?: string;
  #scrollTop = 0;
  #viewport = 480;
  #observer?: ResizeObserver;
  readonly #observed = new Set<Element>();
  #box?: HTMLElement;
  /** Focus the row with this id once it is rendered. */
  #focusAfterRender?: string;

  constructor(readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  get #list(): HTMLElement | null {
    return this.host.shadowRoot?.querySelector<HTMLElement>('.files') ?? null;
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver((entries) => this.#resized(entries));
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#observed.clear();
    this.#box = undefined;
  }

  /** Whether focus was in the list before this render (a row moved by the render loses it; see hostUpdated). */
  #hadFocus = false;

  hostUpdate(): void {
    const list = this.#list;
    this.#hadFocus = !!list && list.contains(this.host.shadowRoot?.activeElement ?? null);
  }

  hostUpdated(): void {
    const list = this.#list;
    if (!list || !this.#observer) return;
    if (this.#hadFocus && this.#focusedId && !list.contains(this.host.shadowRoot?.activeElement ?? null)) {
      // Reordering rows (the focused one kept while the window moves) can take focus away: give it back.
      this.#focusAfterRender ??= this.#focusedId;
    }
    const rows = new Set<Element>(list.children);
    for (const row of this.#observed) if (!rows.has(row)) this.#observer.unobserve(row);
    for (const row of rows) if (!this.#observed.has(row)) this.#observer.observe(row);
    this.#observed.clear();
    for (const row of rows) this.#observed.add(row);
    // observe() again would report again: the box is watched once (a new box after a re-render is new).
    if (this.#box !== list) {
      if (this.#box) this.#observer.unobserve(this.#box);
      this.#box = list;
      this.#observer.observe(list);
    }
    if (this.#focusAfterRender) {
      const id = this.#focusAfterRender;
      this.#focusAfterRender = undefined;
      list.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`)?.focus({ preventScroll: true });
    }
  }

  render(view: ListView): TemplateResult {
    const { uploads } = view;
    const virtual = uploads.length >= VIRTUAL_FROM;
    const setsize = uploads.length;
    const focusIndex = this.#focusIndex(uploads);
    let shown: number[];
    let offsets: Float64Array | undefined;
    if (virtual) {
      offsets = this.#offsets(uploads);
      shown = this.#window(offsets, uploads.length);
      if (focusIndex >= 0 && !shown.includes(focusIndex)) shown = [...shown, focusIndex].sort((a, b) => a - b);
    } else {
      shown = uploads.map((_, i) => i);
    }
    this.rendered = shown.map((i) => uploads[i].id);
    const total = offsets ? offsets[uploads.length] : 0;
    return html`<ul
      part="file-list"
      class="files ${virtual ? 'virtual' : ''}"
      aria-label=${view.label}
      ${cssProps({ '--_list-height': `${total}px` })}
      @scroll=${this.#onScroll}
      @keydown=${(event: KeyboardEvent) => this.#onKeyDown(event, uploads)}
      @focusin=${this.#onFocusIn}
    >${repeat(
      shown,
      (i) => uploads[i].id,
      (i) => {
        const upload = uploads[i];
        const processing = view.processing?.(upload);
        return html`<li
          part="file"
          class="file"
          data-id=${upload.id}
          data-status=${upload.status}
          data-processing=${processing ?? nothing}
          aria-posinset=${i + 1}
          aria-setsize=${setsize}
          tabindex=${i === Math.max(focusIndex, 0) ? 0 : -1}
          ${cssProps({ '--_row-y': offsets ? `${offsets[i]}px` : '0px' })}
        >${guard([upload, processing, view.rowKey?.(upload), ...view.deps], () => view.row(upload))}</li>`;
      },
    )}</ul>`;
  }

  /** Top of every row (and the total height at the end), from measured heights or the estimate. */
  #offsets(uploads: readonly UploadSnapshot[]): Float64Array {
    const offsets = new Float64Array(uploads.length + 1);
    for (let i = 0; i < uploads.length; i += 1) offsets[i + 1] = offsets[i] + (this.#heights.get(uploads[i].id) ?? ESTIMATE) + GAP;
    return offsets;
  }

  /** Indices of the rows overlapping the viewport plus the overscan. */
  #window(offsets: Float64Array, count: number): number[] {
    const top = Math.max(0, this.#scrollTop - OVERSCAN_PX);
    const bottom = this.#scrollTop + this.#viewport + OVERSCAN_PX;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid + 1] <= top) lo = mid + 1;
      else hi = mid;
    }
    const shown: number[] = [];
    for (let i = lo; i < count && offsets[i] < bottom; i += 1) shown.push(i);
    return shown;
  }

  #focusIndex(uploads: readonly UploadSnapshot[]): number {
    if (this.#focusedId === undefined) return -1;
    const index = uploads.findIndex((u) => u.id === this.#focusedId);
    if (index < 0) this.#focusedId = undefined;
    return index;
  }

  #resized(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const element = entry.target as HTMLElement;
      const height = entry.borderBoxSize?.[0]?.blockSize ?? element.offsetHeight;
      if (element.classList.contains('files')) {
        const viewport = element.clientHeight || height;
        if (Math.abs(viewport - this.#viewport) > 1) changed = true;
        this.#viewport = viewport;
        continue;
      }
      const id = element.dataset.id;
      if (!id || !element.isConnected || height <= 0) continue;
      if (Math.abs((this.#heights.get(id) ?? -1) - height) > 0.5) {
        this.#heights.set(id, height);
        changed = true;
      }
    }
    if (changed) this.host.requestUpdate();
  }

  #onScroll = (event: Event) => {
    const list = event.currentTarget as HTMLElement;
    this.#scrollTop = list.scrollTop;
    this.#viewport = list.clientHeight;
    this.host.requestUpdate();
  };

  #onFocusIn = (event: FocusEvent) => {
    const row = (event.target as HTMLElement).closest?.('li.file') as HTMLElement | null;
    if (row?.dataset.id && row.dataset.id !== this.#focusedId) {
      this.#focusedId = row.dataset.id;
      this.host.requestUpdate();
    }
  };

  /** Arrow keys, Home, End, Page Up/Down move between rows while a row (not one of its buttons) has focus. */
  #onKeyDown(event: KeyboardEvent, uploads: readonly UploadSnapshot[]): void {
    const row = event.target as HTMLElement;
    if (!row.matches?.('li.file') || uploads.length === 0) return;
    const index = Math.max(0, this.#focusIndex(uploads));
    const page = Math.max(1, Math.floor(this.#viewport / (ESTIMATE + GAP)));
    const moves: Record<string, number> = {
      ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: uploads.length - 1, PageDown: index + page, PageUp: index - page,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const target = Math.min(uploads.length - 1, Math.max(0, moves[event.key]));
    this.focusRow(uploads, target);
  }

  /** Moves focus to a row, scrolling it into view (rendering it first when the list is virtual). */
  focusRow(uploads: readonly UploadSnapshot[], index: number): void {
    const id = uploads[index]?.id;
    if (id === undefined) return;
    this.#focusedId = id;
    this.#focusAfterRender = id;
    const list = this.#list;
    if (list && uploads.length >= VIRTUAL_FROM) {
      const offsets = this.#offsets(uploads);
      const top = offsets[index];
      const bottom = offsets[index + 1] - GAP;
      if (top < list.scrollTop) list.scrollTop = top;
      else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
      this.#scrollTop = list.scrollTop;
    }
    this.host.requestUpdate();
    if (list && uploads.length < VIRTUAL_FROM) list.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
  }
}
