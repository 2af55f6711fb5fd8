/**
 * The uploader's optional intake (dialog mode, page-wide drop, paste anywhere, source buttons, camera): a
 * chunk loaded only once one of its attributes is set (docs/intake.md, docs/bundle-size.md). Kept tiny: it is
 * in the first load.
 */
import type { PickedFile } from './dropped-files.js';
import type { IntakeExtras } from './extras/extras.js';
import type { IntakeOptions } from './intake-options.js';
import type { UploaderStrings } from './strings.js';
import type { UploadSnapshot } from '../../core/types.js';

/** What the chunk uses of its host beyond the public properties. */
export interface ExtrasHost extends IntakeOptions {
  readonly uploads: readonly UploadSnapshot[];
  strings?: Partial<UploaderStrings>;
  openPicker(): void;
}

export interface ExtrasContext {
  intake: { add(files: PickedFile[]): void };
  notify(text: string): void;
}

export class LazyExtras {
  /** The chunk's controller, once loaded. */
  loaded?: IntakeExtras;
  /** The load, while it runs (undefined again once done). */
  loading?: Promise<unknown>;

  constructor(
    private readonly host: ExtrasHost,
    private readonly context: ExtrasContext,
  ) {}

  /** The controller, or undefined: then the chunk is loading if an attribute asks for it (the host re-renders once there). */
  get(): IntakeExtras | undefined {
    const { host } = this;
    if (!this.loaded && (host.mode === 'dialog' || host.dropTarget || host.sources || host.paste)) {
      this.loading ??= import('./extras/extras.js').then(
        (module) => {
          this.loaded = new module.IntakeExtras(host, this.context);
          this.loading = undefined;
          host.requestUpdate();
        },
        () => (this.loading = undefined),
      );
    }
    return this.loaded;
  }
}
