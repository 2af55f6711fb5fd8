import { html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Finding } from '../../core/index.js';
import type { UploadManagerApi, UploadSnapshot } from '../../core/types.js';
import { CosFileRejectedEvent } from '../../events/file-rejected.js';
import { baseStyles, themeStyles } from '../shared/base.styles.js';
import { LangController, StringsTable, formatMessage, numberFormat, resolveLang, toLocale, type Locale } from '../shared/i18n.js';
import { BackgroundProcessing } from './background-processing.js';
import { DropZoneController } from './drop-zone.js';
import { LazyFileList } from './files-view-loader.js';
import { FormAssociation } from './form-association.js';
import { configProblems, type IntakeRefusal } from './intake.js';
import { picChecksReady } from './pic-operations.js';
import { UploaderIntake } from './intake-controller.js';
import { ListStatus } from './list-changes.js';
import { SetupCheckController, doctorSettingsOf } from './setup-check.js';
import { uploaderStrings, uploaderStringsReady, type UploaderStrings } from './strings.js';
import { ThumbnailCache } from './thumbnails.js';
import { summarize, type ListSummary } from './summary.js';
import { SETTINGS, settingsOf } from './settings.js';
import { UploaderOptions } from './uploader-options.js';
import { LazyExtras } from './extras-loader.js';
import { UploadController, type ManagerHooks } from './upload-controller.js';
import { onIntent } from './warm-up.js';
import { announceProcessing, dropView, Notices } from './uploader-view.js';
import { styles } from './uploader.styles.js';

/** The resume chunk (docs/resume.md): the interrupted-uploads prompt, or with `items` the intake of FileSystemFileHandles. */
const resume = (host: CosUploader, uploads: UploadController, items?: unknown[]) => import('./resume/resume-offer.js').then((m) => m.resume(host, uploads, items));

/**
 * @summary Uploads files to a COS bucket (multipart above `multipart-threshold`), applies Pic-Operations and shows the results.
 * @slot - Drop-zone prompt (replaces the default text).
 * @slot upload-icon - Icon at the top of the drop zone.
 * @slot empty - Shown under the drop zone while no file is listed.
 * @slot button - With `mode="dialog"`: the content of the button that opens the dialog (default "Upload files").
 * @csspart base - The wrapper around everything.
 * @csspart dropzone - The drop target, also the button that opens the file picker.
 * @csspart opener - With `mode="dialog"`: the button opening the dialog; `opener-progress` is its "3 of 10 · 42 %" and ring.
 * @csspart dialog - With `mode="dialog"`: the modal `<dialog>` holding the drop zone and list; `close` is its close button.
 * @csspart sources - The buttons `sources` asks for (files, folder, camera).
 * @csspart camera - The desktop camera view (`camera-preview` is its video), while it runs.
 * @csspart page-overlay - Covers the `drop-target` area while files are dragged over it.
 * @csspart messages - Refused files and configuration problems (role=alert).
 * @csspart toolbar - Total progress and the buttons acting on all files.
 * @csspart summary - Counts per state, shown for big batches.
 * @csspart total-progress - The total progress track.
 * @csspart file-list - The list of files (from 50 files on it scrolls in its own box and only rows near view are rendered).
 * @csspart file - One file row.
 * @csspart thumbnail - A row's image preview or file icon.
 * @csspart file-name - A row's file name.
 * @csspart progress - A row's progress track.
 * @csspart progress-indicator - The filled part of a progress track.
 * @csspart error - A row's error (COS code, message and request id).
 * @csspart actions - A row's buttons.
 * @csspart retry - A row's pending retry: "Can't reach <host> — retrying in N s (k/m)".
 * @csspart network - The notice shown while the browser is offline (uploads wait, then go on).
 * @csspart setup-hint - Offer to check the setup, shown when uploads fail like a misconfiguration.
 * @csspart doctor - The setup check's findings (a `<cos-doctor>`).
 * @csspart resume - After a reload, the notice listing uploads an earlier page left unfinished, with Resume and Discard (docs/resume.md); also `resume-title`, `resume-list`, `resume-button`, `resume-message`.
 * @attr resume-max-age - Seconds an interrupted upload stays resumable without progress (default 604800, 7 days); older ones are aborted on COS when a page finds them.
 * @csspart edited-badge - "Edited" on a row whose image has a crop/turn/mirror edit (with `editable`).
 * @csspart editor - A row's open image editor (with `editable`; docs/editing.md).
 * @csspart results-grid - A file's processed results (cos-results `grid`); also `results-item`, `results-image`, `results-caption`.
 * @attr editable - Image rows get an Edit button: crop, turn by 90°, mirror, applied as a rule, never to the original (docs/editing.md). Read when rows render.
 * @attr edit-aspects - Crop presets after free, 1:1, 4:3 and 16:9, e.g. `3:2 2:3`.
 * @attr edit-fileid - Where an edited image goes (fileid template; default `{name}_edited.{ext}`, beside the original).
 * @attr edit-mode - `overwrite` writes the edited image over the original's key (then it can be edited only once); default: a separate object.
 * @cssprop --cos-uploader-accent - Drop-zone, progress and button colour (falls back to --cos-accent).
 * @cssprop --cos-uploader-radius - Corner radius (falls back to --cos-radius).
 * @cssprop --cos-uploader-background - Background behind the whole element (`transparent` to blend in).
 * @cssprop --cos-uploader-dropzone-background - Drop-zone background.
 * @cssprop --cos-uploader-dropzone-min-height - Drop-zone height.
 * @cssprop --cos-uploader-thumbnail-size - Row preview size.
 * @cssprop --cos-uploader-list-max-height - Height of a big batch's scrolling file list (default 28rem).
 * @cssprop --cos-accent - Theme accent shared by all elements.
 * @cssprop --cos-danger - Error colour.
 * @cssprop --cos-radius - Corner radius shared by all elements.
 * @cssprop --cos-font - Font family.
 * @event cos-file-added - A file passed the restrictions and joined the queue.
 * @event cos-file-rejected - A file was refused (type, size, count, name or configuration) before any request.
 * @event cos-upload-start - Cancelable; a file got its first request slot and is about to send (cancel to skip it).
 * @event cos-upload-progress - Byte progress, at most once per frame per file.
 * @event cos-upload-success - A file finished; detail carries key, etag, location and the Pic-Operations result.
 * @event cos-upload-error - A file failed for good; detail carries the COS error code and request id.
 * @event cos-upload-warning - Once: uploads go on but COS's CRC-64 header is not readable, so their integrity is not checked.
 * @event cos-upload-cancel - A file was cancelled; `detail.stored` (etag, location) when COS had already stored it.
 * @event cos-queue-complete - Nothing is left to upload.
 * @event cos-processing-complete - Rules that ran as picture jobs after the upload (`processing="async"` or images over 32 MB) finished; detail carries the results.
 * @event cos-processing-error - Those jobs failed; the original stays stored and the row offers "Retry processing".
 * @event cos-source-error - A source could not be used (camera refused or missing, `drop-target` matching nothing); the message is shown too.
 * @event cos-file-edited - A row edit was applied (`mode` `upload`: added to the file's Pic-Operations; `cloud`: `image_process` ran on the uploaded file) or removed.
 * @event cos-doctor-complete - A setup check (`checkSetup()`) finished; detail carries its findings.
 */
@customElement('cos-uploader')
export class CosUploader extends UploaderOptions {
  static override styles = [baseStyles, themeStyles, styles];

  @state() private announcement = '';
  /** The list shows failed files only (the summary's filter). */
  @state() private failedOnly = false;

  /** Refusals and problems shown above the list (the last ten are kept). */
  readonly #notices = new Notices(this);
  readonly #intake: UploaderIntake = new UploaderIntake({
    settings: () => this,
    disabled: () => this.#isDisabled,
    strings: () => this.#strings,
    locale: () => this.#locale,
    attribute: (name) => this.getAttribute(name),
    uploads: () => this.#uploads,
    divert: (file, header) => this.#background.divert(file, header),
    reject: (refusal: IntakeRefusal) => { this.#notices.add(refusal.message); this.dispatchEvent(new CosFileRejectedEvent(refusal)); },
  });
  readonly #uploads: UploadController = new UploadController(this, () => settingsOf(this), this.#intake.hooks, (upload) => this.#background.uploaded(upload));
  readonly #background: BackgroundProcessing = new BackgroundProcessing(this, {
    mode: () => (this.processing === 'async' ? 'async' : 'upload'),
    picJobs: () => this.#uploads.client?.picJobs,
  });
  readonly #setup = new SetupCheckController(this, () => doctorSettingsOf(this));
  readonly #drop = new DropZoneController(this, {
    disabled: () => this.#isDisabled,
    onFiles: (files) => this.#intake.add(files),
    onUnreadable: (count) => this.#notices.add(formatMessage(this.#strings.unreadable, { count })),
  });
  /** Dialog mode, page-wide drop and paste, sources, camera: a chunk loaded when their attributes ask for it. */
  readonly #extras = new LazyExtras(this, { intake: this.#intake, notify: (text) => this.#notices.add(text) });
  /** Rows, summary and virtual scrolling: a lazy chunk in the standalone build (docs/bundle-size.md). */
  readonly #files = new LazyFileList(this);
  readonly #thumbnails = new ThumbnailCache();
  readonly #status = new ListStatus();
  readonly #texts = new StringsTable(uploaderStrings);
  #summary: ListSummary = summarize([]);

  constructor() {
    super();
    new LangController(this);
    onIntent(this, () => (this.#uploads.warmUp(), setTimeout(() => (numberFormat(this.#locale, 0), numberFormat(this.#locale, 1)))));
    // The engine warns once per manager; the page sees the event, the user the message.
    this.addEventListener('cos-upload-warning', () => this.#notices.add(this.#strings.integrityUnchecked));
    announceProcessing(this, () => this.#strings, (said) => (this.announcement = said));
  }

  /** The upload manager in use; set one to share it or to inject a fake (give it `managerHooks()`). */
  get manager(): UploadManagerApi | undefined {
    return this.#uploads.manager;
  }
  set manager(manager: UploadManagerApi | undefined) {
    this.#uploads.use(manager);
  }

  /** Key naming, Pic-Operations and the cos-upload-start veto, for a manager built outside the element. */
  managerHooks(): ManagerHooks {
    return this.#intake.hooks;
  }

  /** The uploads, as the manager holds them now. */
  get uploads(): readonly UploadSnapshot[] {
    return this.#uploads.uploads;
  }

  /** Keys of the uploaded files, in list order (the form value). */
  get value(): string[] {
    return FormAssociation.keysOf(this.uploads);
  }

  /**
   * Adds files as if chosen in the picker; refused ones are reported, never sent. FileSystemFileHandles are
   * read first, and their uploads can resume after a reload without choosing the files again (docs/resume.md).
   */
  addFiles(files: readonly (File | FileSystemFileHandle)[] | FileList): void {
    const list = Array.from(files);
    if (list.every((file) => file instanceof Blob)) this.#intake.add(list.map((file) => ({ file, path: file.webkitRelativePath || file.name })));
    else void resume(this, this.#uploads, list);
  }

  /** After the first render, uploads an earlier page left unfinished are offered for resuming (a lazy chunk). */
  protected override firstUpdated(): void {
    resume(this, this.#uploads).catch(Boolean);
  }

  /** Checks bucket, CORS, token backend and keys with these settings; shows and resolves with the findings (docs/doctor.md). */
  checkSetup(): Promise<Finding[]> {
    return this.#setup.run();
  }

  /** Opens the browser's file picker. */
  openPicker(): void {
    this.#drop.openPicker();
  }

  /** Clears the list; unfinished uploads are cancelled, leaving nothing on the server (even one COS stored meanwhile). */
  async reset(): Promise<void> {
    this.#notices.clear();
    await this.#uploads.clear();
  }

  /** Focuses the drop zone; with `mode="dialog"` and the dialog closed, the button that opens it. */
  override focus(options?: FocusOptions): void {
    const opener = this.renderRoot.querySelector<HTMLElement>('.opener');
    const closed = !this.renderRoot.querySelector('dialog')?.open;
    (opener && closed ? opener : this.#drop.zone)?.focus(options);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#thumbnails.clear();
  }

  override formResetCallback(): void {
    void this.reset();
  }

  get #isDisabled(): boolean {
    return this.disabled || this.formLink.formDisabled;
  }

  get #locale(): Locale {
    return toLocale(resolveLang(this));
  }

  get #strings(): UploaderStrings {
    return this.#texts.pick(this.#locale, this.strings);
  }

  /**
   * A render in Chinese waits for that table, and one with Pic-Operations for their checks (chunks of their own), so
   * no English flashes first and a bad value shows at once. A check chunk that fails to load is reported by the render.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const waits = [uploaderStringsReady(this.#locale), picChecksReady(this.picOperations, this.rules)?.catch(Boolean)].filter(Boolean);
    return waits.length ? Promise.all(waits).then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** `updateComplete` also waits for the file list chunk when a render needed it, so it means "rows shown". */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#uploads.redrawn();
    const done = await super.getUpdateComplete();
    const extras = this.#extras.loading;
    if (extras) await extras;
    return (await this.#files.arrived()) || extras ? super.getUpdateComplete() : done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (SETTINGS.some((name) => changed.has(name))) this.#uploads.settingsChanged();
    this.#background.keepOnly(this.uploads.map((u) => u.id));
    const { summary, said } = this.#status.update(this.uploads, this.#strings);
    this.#summary = summary;
    if (said) this.announcement = said;
    if (this.failedOnly && this.#summary.counts.failed === 0) this.failedOnly = false;
  }

  protected override updated(): void {
    this.#thumbnails.keepOnly(this.uploads.length ? (this.#files.list?.rendered ?? []) : []);
    const { counts } = this.#summary;
    this.toggleAttribute('dragover', this.#drop.dragging);
    this.toggleAttribute('uploading', counts.queued + counts.uploading + counts.paused + counts.completing > 0);
    this.formLink.sync({ uploads: this.uploads, name: this.name, required: this.required, strings: this.#strings, anchor: this.#drop.zone });
  }

  override render() {
    const s = this.#strings;
    const locale = this.#locale;
    const uploads = this.uploads;
    const manager = this.#uploads.manager;
    const problems = configProblems(this, s, (name) => this.getAttribute(name));
    const extras = this.#extras.get();
    const body = html`
      <div part="base" class="base">
        ${this.#drop.render(dropView(this, s, locale))}${extras?.bar()}
        ${this.#uploads.online ? nothing : html`<p part="network" class="network" role="status">${s.offline}</p>`}
        ${this.#notices.render(problems, s)}
        ${this.#setup.render(locale)}
        ${(uploads.length && manager
          ? this.#files.render({
              uploads, summary: this.#summary, manager,
              failedOnly: this.failedOnly, onFailedOnly: (on) => (this.failedOnly = on),
              row: {
                strings: s, locale, disabled: this.#isDisabled, online: this.#uploads.online, now: Date.now(),
                thumbnail: (upload) => this.#thumbnails.urlFor(upload.id, upload.file),
                background: (upload) => this.#background.view(upload.id),
              },
              results: { settings: this, client: this.#uploads.client },
              retryProcessing: (id) => this.#background.retry(id),
              deps: [this.resultsLayout, this.theme, this.urlFor],
            })
          : undefined) ?? html`<slot name="empty"></slot>`}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
    return extras ? extras.wrap(body) : this.mode === 'dialog' ? nothing : body;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cos-uploader': CosUploader;
  }
}
