/**
 * Where the uploader gets its file list (rows, summary header, virtual scrolling): given up front by an entry
 * that bundles it (`provideFilesView`), or loaded as its own chunk with the engine, since a page shows no row
 * before its first file (docs/bundle-size.md). uploader-files.ts imports nothing from here: no import cycle.
 */
import type { ReactiveElement, TemplateResult } from 'lit';
import type { FileListController } from './file-list.js';
import type { FilesView } from './uploader-files.js';

export type FilesViewModule = typeof import('./uploader-files.js');

let view: FilesViewModule | undefined;
let loading: Promise<FilesViewModule> | undefined;

/** Called by an entry that bundles the file list statically (src/index.ts). */
export function provideFilesView(value: FilesViewModule): void {
  view = value;
}

/** The file list module if it was provided or has loaded, so rows render without waiting. */
export function loadedFilesView(): FilesViewModule | undefined {
  return view;
}

/** Loads the file list chunk once; a failed load is forgotten, so the next call tries again. */
export function loadFilesView(): Promise<FilesViewModule> {
  if (view) return Promise.resolve(view);
  loading ??= import('./uploader-files.js').then(
    (module) => (view = module),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/**
 * A host's file list: the module and the host's list controller once loaded. A render that needs rows before
 * the module is there starts the load and gets undefined; the host re-renders when it arrives.
 */
export class LazyFileList {
  /** The host's list controller, made when the module is first there. */
  list?: FileListController;
  #loading?: Promise<unknown>;

  constructor(private readonly host: ReactiveElement) {}

  /** The module (making the list controller on first use), or undefined while it loads. */
  #view(): FilesViewModule | undefined {
    const module = loadedFilesView();
    if (module) {
      this.list ??= new module.FileListController(this.host);
      return module;
    }
    this.#loading ??= loadFilesView().then(
      () => this.host.requestUpdate(),
      () => (this.#loading = undefined),
    );
    return undefined;
  }

  /** The summary header and the rows, or undefined while the module loads (the host re-renders when it is there). */
  render(view: Omit<FilesView, 'list'>): TemplateResult | undefined {
    const module = this.#view();
    return module && this.list ? module.renderFiles({ ...view, list: this.list }) : undefined;
  }

  /**
   * For the host's `updateComplete`: true, once loaded, when a render asked for the module and got nothing
   * (its re-render is then requested: wait for that update too); false when there is nothing to wait for.
   */
  async arrived(): Promise<boolean> {
    if (!this.#loading || (loadedFilesView() && !this.host.isUpdatePending)) return false;
    await this.#loading;
    return true;
  }
}
