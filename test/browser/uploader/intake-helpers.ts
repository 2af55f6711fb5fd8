// Shared by the dialog, page-wide drop/paste and camera suites.
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';

interface AxeResults {
  violations: { id: string; impact: string; nodes: { target: unknown[]; failureSummary: string }[] }[];
}
type Axe = { run(context: Element, options?: object): Promise<AxeResults> };

/** axe-core, loaded once from node_modules as a classic script. */
export async function loadAxe(): Promise<Axe> {
  const w = window as unknown as { axe?: Axe };
  if (!w.axe) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  return w.axe!;
}

export function describeViolations(results: AxeResults): string {
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join(' | ')}`).join('\n');
}

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
