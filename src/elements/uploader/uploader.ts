import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Finding, PicOperationRule } from '../../core/index.js';
import type { TokenProvider, UploadManagerApi, UploadResult, UploadSnapshot } from '../../core/types.js';
import { CosFileRejectedEvent } from '../../events/file-rejected.js';
import { baseStyles, themeStyles } from '../shared/base.styles.js';
import { LangController, formatMessage, pickStrings, resolveLang, toLocale, type Locale } from '../shared/i18n.js';
import { ProgressAnnouncer } from './announcer.js';
import { BackgroundProcessing } from './background-processing.js';
import { DropZoneController } from './drop-zone.js';
import type { PickedFile } from './dropped-files.js';
import { applyRowAction, renderFileRow, type RowContext } from './file-row.js';
import { FormAssociation } from './form-association.js';
import { configProblems, planIntake, refuseAll, restrictionHint, type IntakePlan, type IntakeRefusal } from './intake.js';
import { objectKeyFor } from './keys.js';
import { choosePicOperations, isProcessableImage, picOperationsFor } from './pic-operations.js';
import { SetupCheckController } from './setup-check.js';
import { uploaderStrings, type UploaderStrings } from './strings.js';
import { ThumbnailCache } from './thumbnails.js';
import { applyBulkAction, renderToolbar } from './toolbar.js';
import { UploadController, UploaderConfigError, isActive, type ManagerHooks } from './upload-controller.js';
import { renderMessages, renderProcessedResults, rulesConverter, sizeConverter, type Notice } from './uploader-view.js';
import { styles } from './uploader.styles.js';

const SETTINGS = [
  'bucket', 'region', 'endpoint', 'ciEndpoint', 'tokenUrl', 'signUrl', 'tokenProvider', 'multipartThreshold', 'partSize', 'concurrency',
  'stallTimeout', 'responseTimeout', 'strictCancel',
] as const;

/**
 * @summary Uploads files to a COS bucket (multipart above `multipart-threshold`), applies Pic-Operations and shows the results.
 * @slot - Drop-zone prompt (replaces the default text).
 * @slot upload-icon - Icon at the top of the drop zone.
 * @slot empty - Shown under the drop zone while no file is listed.
 * @csspart base - The wrapper around everything.
 * @csspart dropzone - The drop target, also the button that opens the file picker.
 * @csspart messages - Refused files and configuration problems (role=alert).
 * @csspart toolbar - Total progress and the buttons acting on all files.
 * @csspart total-progress - The total progress track.
 * @csspart file-list - The list of files.
 * @csspart file - One file row.
 * @csspart thumbnail - A row's image preview or file icon.
 * @csspart file-name - A row's file name.
 * @csspart progress - A row's progress track.
 * @csspart progress-indicator - The filled part of a progress track.
 * @csspart error - A row's error (COS code, message and request id).
 * @csspart retry - A row's pending retry: "Can't reach <host> — retrying in N s (k/m)".
 * @csspart network - The notice shown while the browser is offline (uploads wait, then go on).
 * @csspart actions - A row's buttons.
 * @csspart setup-hint - Offer to check the setup, shown when uploads fail like a misconfiguration.
 * @csspart doctor - The setup check's findings (a `<cos-doctor>`).
 * @csspart results-grid - A file's processed results (cos-results `grid`); also `results-item`, `results-image`, `results-caption`.
 * @cssprop --cos-uploader-accent - Drop-zone, progress and button colour (falls back to --cos-accent).
 * @cssprop --cos-uploader-radius - Corner radius (falls back to --cos-radius).
 * @cssprop --cos-uploader-background - Background behind the whole element (`transparent` to blend in).
 * @cssprop --cos-uploader-dropzone-background - Drop-zone background.
 * @cssprop --cos-uploader-dropzone-min-height - Drop-zone height.
 * @cssprop --cos-uploader-thumbnail-size - Row preview size.
 * @cssprop --cos-accent - Theme accent shared by all elements.
 * @cssprop --cos-danger - Error colour.
 * @cssprop --cos-radius - Corner radius shared by all elements.
 * @cssprop --cos-font - Font family.
 * @event cos-file-added - A file passed the restrictions and joined the queue.
 * @event cos-file-rejected - A file was refused (type, size, count, name or configuration) before any request.
 * @event cos-upload-start - Cancelable; a file is about to upload.
 * @event cos-upload-progress - Byte progress, at most once per frame per file.
 * @event cos-upload-success - A file finished; detail carries key, etag, location and the Pic-Operations result.
 * @event cos-upload-error - A file failed for good; detail carries the COS error code and request id.
 * @event cos-upload-warning - Once: uploads go on but COS's CRC-64 header is not readable, so their integrity is not checked.
 * @event cos-upload-cancel - A file was cancelled; `detail.stored` (etag, location) when COS had already stored it.
 * @event cos-queue-complete - Nothing is left to upload.
 * @event cos-processing-complete - Rules that ran as picture jobs after the upload (`processing="async"` or images over 32 MB) finished; detail carries the results.
 * @event cos-processing-error - Those jobs failed; the original stays stored and the row offers "Retry processing".
 * @event cos-doctor-complete - A setup check (`checkSetup()`) finished; detail carries its findings.
 */
@customElement('cos-uploader')
export class CosUploader extends LitElement {
  static override styles = [baseStyles, themeStyles, styles];
  static formAssociated = true;

  /** Bucket as `BucketName-APPID`. */
  @property() bucket = '';
  /** Region, e.g. `ap-guangzhou`. */
  @property() region = '';
  /** Base URL template (`{Bucket}`, `{Region}`): a custom domain or the emulator (`http://127.0.0.1:9100/{Bucket}`). */
  @property() endpoint = '';
  /** Base URL template of the CI host for picture jobs (`{Bucket}`, `{Region}`); default `https://{Bucket}.ci.{Region}.myqcloud.com`. */
  @property({ attribute: 'ci-endpoint' }) ciEndpoint = '';
  /**
   * When the rules run: `upload` (default) sends them with the upload, except for images over 32 MB, which
   * COS cannot process on upload: those, and every image with `async`, upload plain and then run the rules as picture jobs.
   */
  @property() processing: 'upload' | 'async' = 'upload';
  /** Backend URL handing out temporary keys (STS). */
  @property({ attribute: 'token-url' }) tokenUrl = '';
  /** Backend URL that signs each request (used when no token-url is set). */
  @property({ attribute: 'sign-url' }) signUrl = '';
  /** Credentials for programmatic use; wins over token-url and sign-url. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;
  /** Prepended to every key (end it with `/` for a folder). Shadows the rarely used namespace `Element.prefix`. */
  @property() override prefix = '';
  /** Pic-Operations header value (JSON), sent with image files only; `{name}`, `{ext}`, `{filename}` in fileids are filled per file. */
  @property({ attribute: 'pic-operations' }) picOperations = '';
  /** Processing rules `{fileid, rule}[]` (attribute: JSON array), used when pic-operations is empty. */
  @property({ converter: rulesConverter }) rules?: PicOperationRule[];
  /** Accepted types, as `<input accept>`: `image/*,.pdf`. */
  @property() accept = '';
  /** Largest file: bytes or a size like `10MB`. */
  @property({ attribute: 'max-file-size', converter: sizeConverter }) maxFileSize?: number;
  /** Most files the list may hold (with `multiple`). */
  @property({ attribute: 'max-files', type: Number }) maxFiles?: number;
  /** Allows several files; without it a new file replaces a finished one. */
  @property({ type: Boolean }) multiple = false;
  /** Files above this size upload in parts (bytes or `8MB`). */
  @property({ attribute: 'multipart-threshold', converter: sizeConverter }) multipartThreshold?: number;
  /** Part size for multipart uploads (bytes or `8MB`; COS: 1 MiB–5 GiB, ≤ 10 000 parts). */
  @property({ attribute: 'part-size', converter: sizeConverter }) partSize?: number;
  /** Parallel requests across all files. */
  @property({ type: Number }) concurrency?: number;
  /**
   * Seconds without upload progress after which a request is abandoned and retried on a new connection
   * (default 30; 0 turns the watchdog off). A slow but moving upload is never cut.
   */
  @property({ attribute: 'stall-timeout', type: Number }) stallTimeout?: number;
  /** Seconds to wait for COS's answer once a file or part is fully sent (default 180: image processing takes time). */
  @property({ attribute: 'response-timeout', type: Number }) responseTimeout?: number;
  /**
   * A cancel that arrives after COS stored the file (while it was finishing) deletes the object and its
   * processed outputs. Without it such a row reads "Stored before the cancel took effect" with a Delete button.
   */
  @property({ attribute: 'strict-cancel', type: Boolean }) strictCancel = false;
  /** Form field name: the form gets one entry per uploaded key. */
  @property({ reflect: true }) name = '';
  /** In a form, at least one uploaded file is needed. */
  @property({ type: Boolean, reflect: true }) required = false;
  /** No files can be added; buttons are off. */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Forces `light` or `dark`; by default the system setting decides. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** Layout of the processed results under each file. */
  @property({ attribute: 'results-layout' }) resultsLayout: 'compact' | 'detailed' = 'compact';
  /** Replacement texts for any of the built-in strings (other languages, other wording). */
  @property({ attribute: false }) strings?: Partial<UploaderStrings>;
  /** Signed URL for a stored key (thumbnails of processed results); defaults to the client's pre-signed GET. */
  @property({ attribute: false }) urlFor?: (key: string) => Promise<string>;

  @state() private notices: Notice[] = [];
  @state() private announcement = '';

  readonly #hooks: ManagerHooks = {
    keyFor: (file) => this.#planned.get(file)?.key ?? objectKeyFor(this.prefix, file.name ?? ''),
    picOperationsFor: (file) => this.#picOperationsFor(file),
    beforeStart: (upload) => this.#uploads.beforeStart(upload),
  };
  readonly #uploads: UploadController = new UploadController(this, () => this.#settings(), this.#hooks, (upload) => this.#background.uploaded(upload));
  readonly #background: BackgroundProcessing = new BackgroundProcessing(this, {
    mode: () => (this.processing === 'async' ? 'async' : 'upload'),
    picJobs: () => this.#uploads.client?.picJobs,
  });
  readonly #drop = new DropZoneController(this, {
    disabled: () => this.#isDisabled,
    onFiles: (files) => this.#add(files),
    onUnreadable: (count) => this.#notify(formatMessage(this.#strings.unreadable, { count })),
  });
  readonly #setup = new SetupCheckController(this, () => ({
    bucket: this.bucket, region: this.region, endpoint: this.endpoint || undefined, tokenUrl: this.tokenUrl || undefined,
    signUrl: this.signUrl || undefined, tokenProvider: this.tokenProvider, prefix: this.prefix,
    processing: !!(this.picOperations || this.rules?.length),
  }));
  readonly #form = new FormAssociation(this.attachInternals());
  readonly #thumbnails = new ThumbnailCache();
  readonly #announcer = new ProgressAnnouncer();
  readonly #planned = new WeakMap<Blob, IntakePlan['ready'][number]>();
  #noticeId = 0;

  constructor() {
    super();
    new LangController(this);
    for (const type of ['dragenter', 'pointerenter', 'focusin']) this.addEventListener(type, this.#warmUp, { passive: true });
    // The engine warns once per manager; the page sees the event, the user the message.
    this.addEventListener('cos-upload-warning', () => this.#notify(this.#strings.integrityUnchecked));
    // Background processing ends long after the upload: say so in the live region too.
    const nameOf = (key: string) => key.slice(key.lastIndexOf('/') + 1);
    this.addEventListener('cos-processing-complete', (e) => {
      this.announcement = formatMessage(this.#strings.announceProcessed, { name: nameOf(e.detail.key) });
    });
    this.addEventListener('cos-processing-error', (e) => {
      this.announcement = formatMessage(this.#strings.announceProcessingFailed, { name: nameOf(e.detail.key), code: e.detail.error.code });
    });
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
    return this.#hooks;
  }

  /** The uploads as last rendered. */
  get uploads(): readonly UploadSnapshot[] {
    return this.#uploads.uploads;
  }

  /** Keys of the uploaded files, in list order (the form value). */
  get value(): string[] {
    return FormAssociation.keysOf(this.uploads);
  }

  get form() { return this.#form.internals.form; }
  get validity() { return this.#form.internals.validity; }
  get validationMessage() { return this.#form.internals.validationMessage; }
  get willValidate() { return this.#form.internals.willValidate; }
  checkValidity() { return this.#form.internals.checkValidity(); }
  reportValidity() { return this.#form.internals.reportValidity(); }

  /** Adds files as if chosen in the picker; refused ones are reported, never sent. */
  addFiles(files: readonly File[] | FileList): void {
    this.#add(Array.from(files, (file) => ({ file, path: file.webkitRelativePath || file.name })));
  }

  /**
   * Checks the bucket, CORS rules, token backend and keys with this element's settings, shows the findings
   * with their fixes in the element and resolves with them (see docs/doctor.md for each code).
   */
  checkSetup(): Promise<Finding[]> {
    return this.#setup.run();
  }

  /** Opens the browser's file picker. */
  openPicker(): void {
    this.#drop.openPicker();
  }

  /**
   * Clears the list; unfinished uploads are cancelled and nothing of them is left on the server: one
   * COS stored before the cancel took effect is deleted, whatever `strict-cancel` says.
   */
  async reset(): Promise<void> {
    this.notices = [];
    const manager = this.#uploads.manager;
    if (!manager) return;
    const unfinished = new Set(manager.snapshot().filter(isActive).map((upload) => upload.id));
    await manager.cancelAll();
    const stored = manager.snapshot().filter((upload) => upload.status === 'stored' && unfinished.has(upload.id));
    await Promise.all(stored.map((upload) => manager.deleteStored?.(upload.id)));
    for (const upload of manager.snapshot()) manager.remove(upload.id);
  }

  override focus(options?: FocusOptions): void {
    this.#drop.zone?.focus(options);
  }

  readonly #warmUp = () => this.#uploads.warmUp();

  override connectedCallback(): void {
    super.connectedCallback();
    // A file dragged anywhere over the page is probably coming here: warm up before it reaches the drop zone.
    document.addEventListener('dragenter', this.#warmUp, { passive: true, once: true });
  }

  override disconnectedCallback(): void {
    document.removeEventListener('dragenter', this.#warmUp);
    super.disconnectedCallback();
    this.#thumbnails.clear();
  }

  formResetCallback(): void {
    void this.reset();
  }

  formDisabledCallback(disabled: boolean): void {
    this.#form.formDisabled = disabled;
    this.requestUpdate();
  }

  get #isDisabled(): boolean {
    return this.disabled || this.#form.formDisabled;
  }

  get #locale(): Locale {
    return toLocale(resolveLang(this));
  }

  get #strings(): UploaderStrings {
    return pickStrings(uploaderStrings, this.#locale, this.strings);
  }

  #settings() {
    const {
      bucket, region, endpoint, ciEndpoint, tokenUrl, signUrl, tokenProvider, multipartThreshold, partSize, concurrency, stallTimeout, responseTimeout, strictCancel,
    } = this;
    return {
      bucket, region, endpoint, ciEndpoint, tokenUrl, signUrl, tokenProvider, multipartThreshold, partSize, concurrency, stallTimeout, responseTimeout, strictCancel,
    };
  }

  #picOperationsFor(file: Blob & { name?: string }): string | undefined {
    const planned = this.#planned.get(file);
    if (planned) return this.#background.divert(file, planned.picOperations);
    const { header } = choosePicOperations(this.picOperations, this.rules);
    return this.#background.divert(file, header && isProcessableImage(file) ? picOperationsFor(header, file).header : undefined);
  }

  /** Every check happens here, before the manager sees a file, so a refused file never causes a request. */
  #add(picked: PickedFile[]): void {
    if (this.#isDisabled || picked.length === 0) return;
    const problems = configProblems(this, this.#strings, (name) => this.getAttribute(name));
    const refuse = (err: unknown) => this.#refuseAll(picked, err, problems);
    if (problems.length) return refuse(new UploaderConfigError(problems[0]));
    this.#uploads.withManager((manager) => this.#take(manager, picked), refuse);
  }

  #refuseAll(picked: PickedFile[], err: unknown, problems: string[]): void {
    const s = this.#strings;
    const reason = err instanceof UploaderConfigError ? (problems[0] ?? s.configMissing) : (err as Error).message;
    for (const refusal of refuseAll(picked, reason, s)) this.#reject(refusal);
  }

  #take(manager: UploadManagerApi, picked: PickedFile[]): void {
    const s = this.#strings;
    let listed = manager.snapshot();
    if (!this.multiple && listed.length > 0 && !listed.some(isActive)) {
      // A single-file field: a new file replaces the finished one.
      for (const upload of listed) manager.remove(upload.id);
      listed = [];
    }
    const plan = planIntake(picked, listed, this, s, this.#locale);
    for (const refusal of plan.refused) this.#reject(refusal);
    if (plan.ready.length === 0) return;
    for (const item of plan.ready) this.#planned.set(item.file, item);
    try {
      manager.add(plan.ready.map((item) => item.file));
    } catch (err) {
      for (const refusal of refuseAll(plan.ready, (err as Error).message, s)) this.#reject(refusal);
    }
  }

  #reject(refusal: IntakeRefusal): void {
    this.#notify(refusal.message);
    this.dispatchEvent(new CosFileRejectedEvent(refusal));
  }

  #notify(text: string): void {
    this.notices = [...this.notices.slice(-9), { id: ++this.#noticeId, text }];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (SETTINGS.some((name) => changed.has(name))) this.#uploads.settingsChanged();
    this.#thumbnails.keepOnly(this.uploads.map((u) => u.id));
    this.#background.keepOnly(this.uploads.map((u) => u.id));
    const said = this.#announcer.next(this.uploads, this.#strings);
    if (said) this.announcement = said;
  }

  protected override updated(): void {
    this.toggleAttribute('dragover', this.#drop.dragging);
    this.toggleAttribute('uploading', this.uploads.some(isActive));
    const anchor = this.#drop.zone;
    this.#form.sync({ uploads: this.uploads, name: this.name, required: this.required, strings: this.#strings, anchor });
  }

  override render() {
    const s = this.#strings;
    const locale = this.#locale;
    const disabled = this.#isDisabled;
    const uploads = this.uploads;
    const manager = this.#uploads.manager;
    const problems = configProblems(this, s, (name) => this.getAttribute(name));
    const row: RowContext = {
      strings: s,
      locale,
      disabled,
      online: this.#uploads.online,
      now: Date.now(),
      thumbnail: (upload) => this.#thumbnails.urlFor(upload.id, upload.file),
      background: (upload) => this.#background.view(upload.id),
      onAction: (action, upload) => {
        if (action === 'retryProcessing') this.#background.retry(upload.id);
        else if (manager) applyRowAction(manager, action, upload.id);
      },
      renderResults: (upload, result) => this.#renderResults(upload, result, s),
    };
    return html`
      <div part="base" class="base">
        ${this.#drop.render({
          prompt: s.dropPrompt,
          activePrompt: s.dropActive,
          hint: restrictionHint(this, s, locale),
          multiple: this.multiple,
          accept: this.accept,
        })}
        ${renderMessages(problems, this.notices, s, (notice) => (this.notices = this.notices.filter((n) => n !== notice)))}
        ${this.#uploads.online ? nothing : html`<p part="network" class="network" role="status">${s.offline}</p>`}
        ${this.#setup.render(locale)}
        ${uploads.length && manager
          ? html`${renderToolbar(uploads, { strings: s, disabled, onAction: (action) => applyBulkAction(manager, action) })}
              <ul part="file-list" class="files" aria-label=${s.fileListLabel}>
                ${repeat(uploads, (u) => u.id, (u) => renderFileRow(u, row))}
              </ul>`
          : html`<slot name="empty"></slot>`}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  #renderResults(upload: UploadSnapshot, result: UploadResult, s: UploaderStrings) {
    const client = this.#uploads.client;
    return renderProcessedResults({
      result,
      label: formatMessage(s.processedResults, { name: upload.name }),
      layout: this.resultsLayout,
      theme: this.theme,
      urlFor: this.urlFor ?? (client ? (key) => client.getObjectUrl(key) : undefined),
      processAgain: client ? (key, header) => client.imageProcess(key, header) : undefined,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cos-uploader': CosUploader;
  }
}
