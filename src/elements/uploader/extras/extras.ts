import { html, type ReactiveController, type TemplateResult } from 'lit';
import { CosSourceErrorEvent, type CosSourceErrorDetail } from '../../../events/source-error.js';
import { StringsTable, formatMessage, pickStrings, resolveLang, toLocale, type Locale } from '../../shared/i18n.js';
import { uploaderStrings } from '../strings.js';
import { filesFromList, type PickedFile } from '../dropped-files.js';
import type { ExtrasContext, ExtrasHost } from '../extras-loader.js';
import { CameraCapture, prefersCaptureInput } from './camera.js';
import { DialogView } from './dialog.js';
import { PageDrop } from './page-drop.js';
import { PasteAnywhere } from './paste.js';
import { intakeStrings, type IntakeStrings } from './strings.js';
import { extrasStyles } from './styles.js';

const SOURCES = ['files', 'folder', 'camera'] as const;
type Source = (typeof SOURCES)[number];

/**
 * The uploader's optional intake, loaded when `mode="dialog"`, `drop-target`, `sources` or `paste` is set
 * (docs/intake.md): it wraps the element's content in a dialog, adds the source buttons and the camera,
 * and keeps the page-wide drop and paste listeners in step with the attributes.
 */
export class IntakeExtras implements ReactiveController {
  readonly #texts = new StringsTable(intakeStrings);
  readonly dialog: DialogView;
  readonly pageDrop: PageDrop;
  readonly paste: PasteAnywhere;
  readonly camera: CameraCapture;
  #reported?: string;

  constructor(
    private readonly host: ExtrasHost,
    private readonly context: ExtrasContext,
  ) {
    const add = (files: PickedFile[]) => context.intake.add(files);
    // A form-associated element matches :disabled through its attribute or a disabled fieldset.
    const disabled = () => host.matches(':disabled');
    this.dialog = new DialogView(host, () => this.camera.stop());
    this.pageDrop = new PageDrop(host, {
      add,
      disabled,
      missing: (selector) => this.fail({ source: 'drop-target', reason: 'unavailable', message: formatMessage(this.strings.dropTargetMissing, { selector }) }),
      unreadable: (count) => context.notify(formatMessage(pickStrings(uploaderStrings, this.#locale, host.strings).unreadable, { count })),
    });
    this.paste = new PasteAnywhere(host, { add, disabled });
    this.camera = new CameraCapture(host, { add, strings: () => this.strings, fail: (problem) => this.fail({ source: 'camera', ...problem }) });
    const root = host.shadowRoot;
    if (root && extrasStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, extrasStyles.styleSheet];
    host.addController(this);
  }

  get #locale(): Locale {
    return toLocale(resolveLang(this.host));
  }

  get strings(): IntakeStrings {
    return this.#texts.pick(this.#locale, this.host.strings as Partial<IntakeStrings> | undefined);
  }

  hostConnected(): void {
    // Capture runs before the drop zone's own host listener, which would open the file picker.
    this.host.addEventListener('click', this.#onHostClick, { capture: true });
    this.hostUpdated();
  }

  /** A `<label>` around a dialog-mode uploader opens the dialog, as a click on its button would. */
  readonly #onHostClick = (event: MouseEvent) => {
    if (this.host.mode !== 'dialog' || event.composedPath()[0] !== this.host) return;
    event.stopImmediatePropagation();
    this.dialog.open();
  };

  /** Attributes may change at any time: listeners follow them after each update. */
  hostUpdated(): void {
    // An update can still run after the element left the page: it must not attach listeners again.
    if (!this.host.isConnected) return;
    this.pageDrop.watch(this.host.dropTarget ?? '');
    if (this.pageDrop.dragging) this.pageDrop.place();
    this.paste.enable(this.host.paste === 'document');
    if (!this.#sources().includes('camera') && this.camera.stream) this.camera.stop();
    this.#reportUnknownValues();
  }

  hostDisconnected(): void {
    this.host.removeEventListener('click', this.#onHostClick, { capture: true });
    this.pageDrop.stop();
    this.paste.enable(false);
    this.camera.stop();
  }

  /** Shows the problem in the element's messages and tells the page. */
  fail(detail: CosSourceErrorDetail): void {
    this.context.notify(detail.message);
    this.host.dispatchEvent(new CosSourceErrorEvent(detail));
  }

  #sources(): string[] {
    return (this.host.sources ?? '').split(/[\s,]+/).filter(Boolean);
  }

  /** Values the intake does not know are reported once each (until they change), never silently ignored. */
  #reportUnknownValues(): void {
    const { sources = '', mode, paste } = this.host;
    const seen = `${sources}|${mode}|${paste}`;
    if (seen === this.#reported) return;
    this.#reported = seen;
    for (const name of this.#sources()) {
      if (!(SOURCES as readonly string[]).includes(name)) this.context.notify(formatMessage(this.strings.sourceUnknown, { name }));
    }
    const unknown = (name: string, value: string | undefined, valid: string) =>
      value && this.context.notify(formatMessage(this.strings.valueUnknown, { name, value, valid }));
    if (mode !== 'dialog' && mode !== 'inline') unknown('mode', mode, 'inline or dialog');
    if (paste !== 'document') unknown('paste', paste, 'document');
  }

  wrap(body: TemplateResult): TemplateResult {
    const s = this.strings;
    const overlay = this.pageDrop.render(s.dropAnywhere);
    if (this.host.mode !== 'dialog') return html`${body}${overlay}`;
    return html`${this.dialog.render(body, s, this.host.uploads, this.host.matches(':disabled'))}${overlay}`;
  }

  /** The source buttons (with their hidden inputs) and, while it runs, the camera view. */
  bar(): TemplateResult | undefined {
    const sources = this.#sources().filter((name): name is Source => (SOURCES as readonly string[]).includes(name));
    if (sources.length === 0) return undefined;
    const s = this.strings;
    const disabled = this.host.matches(':disabled');
    const button = (source: Source, label: string, onClick: () => void) =>
      html`<button type="button" class="source" data-source=${source} ?disabled=${disabled} @click=${onClick}>${label}</button>`;
    return html`
      <div part="sources" class="sources" role="group" aria-label=${s.sourcesLabel}>
        ${sources.map((source) =>
          source === 'files'
            ? button(source, s.sourceFiles, () => this.host.openPicker())
            : source === 'folder'
              ? button(source, s.sourceFolder, () => this.#input('folder')?.click())
              : button(source, s.sourceCamera, () => this.#startCamera()),
        )}
        <input type="file" hidden tabindex="-1" data-input="folder" webkitdirectory multiple @change=${this.#onPicked} />
        <input type="file" hidden tabindex="-1" data-input="camera" accept="image/*" capture="environment" @change=${this.#onPicked} />
      </div>
      ${this.camera.render(s, disabled)}
    `;
  }

  #input(name: 'folder' | 'camera'): HTMLInputElement | null {
    return this.host.shadowRoot?.querySelector<HTMLInputElement>(`input[data-input=${name}]`) ?? null;
  }

  #startCamera(): void {
    if (prefersCaptureInput()) this.#input('camera')?.click();
    else void this.camera.start();
  }

  readonly #onPicked = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = filesFromList(input.files);
    input.value = '';
    if (files.length) this.context.intake.add(files);
  };
}
