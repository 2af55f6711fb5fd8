import { property } from 'lit/decorators.js';
import { UploaderConnection } from './settings.js';

/**
 * How files reach `<cos-uploader>` besides its drop zone: a button and dialog, a page-wide drop area, paste
 * anywhere, more sources (docs/intake.md). What they ask for loads as its own chunk, only once asked; unset
 * means off (no initializers: these bytes are in the first load).
 */
export class IntakeOptions extends UploaderConnection {
  /** `inline` (default) shows the drop zone; `dialog` shows a button (slot `button`) opening it in a modal dialog, with the progress on the button. */
  @property() mode?: 'inline' | 'dialog';
  /** `document`, or a CSS selector: a file drop anywhere in that area joins the queue (drops another drop zone handles are left alone). */
  @property({ attribute: 'drop-target' }) dropTarget?: string;
  /** Buttons offered beside the drop zone, space-separated: `files`, `folder`, `camera` (capture input on phones, webcam photo on desktops). */
  @property() sources?: string;
  /** `document`: files pasted anywhere on the page join the queue while the element is visible (not when pasting into a text field). */
  @property() paste?: 'document';
}
