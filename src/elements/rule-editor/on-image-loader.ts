/**
 * The on-image editor and the comparison are a chunk of their own (docs/rule-editor.md#loading): a page that never
 * sets up a preview does not load their geometry. The slot loads them the first time a preview can show.
 */
import { nothing, type ReactiveControllerHost } from 'lit';
import type { Locale } from '../shared/i18n.js';
import type { OnImageController, OnImageEnv } from './on-image.js';
import type { RuleEditorStrings } from './strings.js';

export type { StageStrings } from './stage-strings.js';

export class OnImageSlot {
  #controller?: OnImageController;
  #loading?: Promise<void>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly env: OnImageEnv) {}

  /** Starts loading (once; a failed load is retried on the next call). */
  ensure(): void {
    if (this.#controller || this.#loading) return;
    this.#loading = import('./on-image.js').then(
      ({ OnImageController }) => {
        this.#controller = new OnImageController(this.host, this.env);
        this.host.requestUpdate();
      },
      () => {
        this.#loading = undefined;
      },
    );
  }

  /** The previews the stage wants now; with a preview set up (`ready`) this starts loading the stage. */
  sync(ready: boolean): { id: string; rule: string }[] {
    if (ready) this.ensure();
    return this.#controller?.sync() ?? [];
  }

  readonly focusIn = (e: FocusEvent): void => this.#controller?.focusIn(e);

  render(strings: RuleEditorStrings, locale: Locale) {
    return this.#controller?.render(strings, locale) ?? nothing;
  }
}
