// Shared by the dialog, page-wide drop/paste and camera suites.
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';


/** Polls until `check` holds (bounded). */
export async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A DataTransfer holding these files, as a real drag or paste would. */
export function transferOf(...files: File[]): DataTransfer {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer;
}

/** Dispatches a drag event carrying `transfer` on `target`; returns the event (defaultPrevented tells who took it). */
export function drag(target: EventTarget, type: 'dragenter' | 'dragover' | 'dragleave' | 'drop', transfer: DataTransfer): DragEvent {
  const event = new DragEvent(type, { bubbles: true, composed: true, cancelable: true, dataTransfer: transfer });
  target.dispatchEvent(event);
  return event;
}

export function paste(target: EventTarget, transfer: DataTransfer): ClipboardEvent {
  const event = new ClipboardEvent('paste', { bubbles: true, composed: true, cancelable: true, clipboardData: transfer });
  target.dispatchEvent(event);
  return event;
}

/** The element's shadow root, typed. */
export function rootOf(el: CosUploader): ShadowRoot {
  return el.shadowRoot!;
}

/** The texts in the element's messages region. */
export function messagesOf(el: CosUploader): string {
  return el.shadowRoot!.querySelector('[part~="messages"]')?.textContent ?? '';
}
