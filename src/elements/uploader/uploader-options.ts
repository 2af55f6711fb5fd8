import { property } from 'lit/decorators.js';
import type { PicOperationRule } from '../../core/index.js';
import type { IntakeStrings } from './extras/strings.js';
import { IntakeOptions } from './intake-options.js';
import type { UploaderStrings } from './strings.js';
import { rulesConverter, sizeConverter } from './uploader-view.js';

/** What `<cos-uploader>` uploads, where the keys go, what it accepts and how it looks: its attributes (the element is in uploader.ts). */
export class UploaderOptions extends IntakeOptions {
  /**
   * When the rules run: `upload` (default) sends them with the upload, except for images over 32 MB, which
   * COS cannot process on upload: those, and every image with `async`, upload plain and then run the rules as picture jobs.
   */
  @property() processing: 'upload' | 'async' = 'upload';
  /**
   * Prepended to every key (end it with `/` for a folder). Attribute `prefix`; the property is `keyPrefix`,
   * since `prefix` is a read-only DOM property of every element (its namespace prefix) (docs/many-files.md).
   */
  @property({ attribute: 'prefix' }) keyPrefix = '';
  /**
   * Pic-Operations header value (JSON), sent with image files only; `{name}`, `{ext}`, `{filename}` in fileids are filled
   * per file from the name it is stored under (a second `photo.jpg`, stored as `photo-2.jpg`, gets `photo-2_…`).
   */
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
  @property({ attribute: false }) strings?: Partial<UploaderStrings & IntakeStrings>;
  /** Signed URL for a stored key (thumbnails of processed results); defaults to the client's pre-signed GET. */
  @property({ attribute: false }) urlFor?: (key: string) => Promise<string>;
}
