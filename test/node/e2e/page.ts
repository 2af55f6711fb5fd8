// Reading and driving the demo's elements through their open shadow roots.
import type { Page } from 'playwright';
import type { Demo, DemoPage } from './harness.js';

export interface Row {
  name: string;
  status: string;
  statusText: string;
  percent: number;
  note: string;
  error: string;
}

export interface Thumbnail {
  key: string;
  width: number;
  height: number;
}

const axePath = new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;

/** Opens a demo page and waits until its elements are defined and every uploader has its bucket. */
export async function openDemo(demo: Demo, path = '/', options?: Parameters<Demo['newPage']>[0], initScripts?: string[]): Promise<DemoPage> {
  const opened = await demo.newPage({ viewport: { width: 1280, height: 900 }, ...options }, initScripts);
  await opened.page.goto(demo.url + path);
  await waitReady(opened.page);
  return opened;
}

// The predicate is synchronous on purpose: waitForFunction takes a returned Promise as a truthy answer and stops
// waiting at once, without awaiting it.
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const tags = ['cos-uploader', 'cos-rule-editor', 'cos-results'].filter((tag) => document.querySelector(tag));
    if (!tags.every((tag) => customElements.get(tag))) return false;
    const uploaders = [...document.querySelectorAll('cos-uploader')].filter((u) => !u.hidden);
    return uploaders.every((u) => (u as HTMLElement & { bucket: string }).bucket);
  });
}

/** The uploader's rows as shown: file name, status, progress, notes and error text. */
export function rows(page: Page, host = '#uploader'): Promise<Row[]> {
  return page.evaluate((host) => {
    const root = document.querySelector(host)?.shadowRoot;
    if (!root) throw new Error(`no open shadow root on ${host}`);
    const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return [...root.querySelectorAll('li.file')].map((li) => ({
      name: text(li.querySelector('[part~="file-name"]')),
      status: (li as HTMLElement).dataset.status ?? '',
      statusText: text(li.querySelector('.status')),
      percent: Number(li.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')),
      note: text(li.querySelector('.note')),
      error: text(li.querySelector('[part~="error"]')),
    }));
  }, host);
}

/** Waits until the rows have exactly these statuses, in order. */
export async function waitForStatuses(page: Page, statuses: string[], host = '#uploader', timeout = 60_000): Promise<Row[]> {
  await page.waitForFunction(
    ({ host, statuses }) => {
      const items = document.querySelector(host)?.shadowRoot?.querySelectorAll('li.file') ?? [];
      return JSON.stringify([...items].map((li) => (li as HTMLElement).dataset.status)) === JSON.stringify(statuses);
    },
    { host, statuses },
    { timeout },
  );
  return rows(page, host);
}

/** Gives files through the uploader's own (hidden) file input, as the picker would. */
export async function pickFiles(page: Page, files: Parameters<Page['setInputFiles']>[1], host = '#uploader'): Promise<void> {
  await page.locator(`${host} input[type=file]`).setInputFiles(files);
}

/**
 * A real drop: the files are read into the page through a scratch `<input type=file>`, put in a DataTransfer
 * and dispatched as dragenter, dragover and drop on the drop zone. Returns whether dragover was accepted
 * (preventDefault called) and whether the host showed the `dragover` state.
 */
export async function dropFiles(page: Page, paths: string[], host = '#uploader'): Promise<{ accepted: boolean; highlighted: boolean }> {
  await page.evaluate(() => {
    const input = Object.assign(document.createElement('input'), { type: 'file', multiple: true, id: 'e2e-drop-source', hidden: true });
    document.body.append(input);
  });
  await page.locator('#e2e-drop-source').setInputFiles(paths);
  return page.evaluate(async (host) => {
    const source = document.querySelector<HTMLInputElement>('#e2e-drop-source')!;
    const target = document.querySelector(host)!;
    const zone = target.shadowRoot!.querySelector('[part~="dropzone"]')!;
    const transfer = new DataTransfer();
    for (const file of source.files ?? []) transfer.items.add(file);
    source.remove();
    const init = { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true };
    zone.dispatchEvent(new DragEvent('dragenter', init));
    const accepted = !zone.dispatchEvent(new DragEvent('dragover', init));
    await (target as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const highlighted = target.hasAttribute('dragover');
    zone.dispatchEvent(new DragEvent('drop', init));
    return { accepted, highlighted };
  }, host);
}

/**
 * The processed thumbnails shown by every `<cos-results>` under `scope` (shadow roots included), once each has
 * loaded: its key (the alt text) and natural size. Lazy images are scrolled into view first.
 */
export async function thumbnails(page: Page, scope: string, count: number): Promise<Thumbnail[]> {
  const handle = await page.waitForFunction(
    ({ scope, count }) => {
      const found: HTMLImageElement[] = [];
      const walk = (root: ParentNode) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.localName === 'cos-results') found.push(...(el.shadowRoot?.querySelectorAll<HTMLImageElement>('img[part~="image"]') ?? []));
          else if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      const start = document.querySelector(scope);
      if (!start) return false;
      if (start.localName === 'cos-results') found.push(...(start.shadowRoot?.querySelectorAll<HTMLImageElement>('img[part~="image"]') ?? []));
      else walk(start.shadowRoot ?? start);
      if (found.length !== count) return false;
      for (const img of found) if (!img.complete) img.scrollIntoView({ block: 'center' });
      if (!found.every((img) => img.complete && img.naturalWidth > 0)) return false;
      return found.map((img) => ({ key: img.alt, width: img.naturalWidth, height: img.naturalHeight }));
    },
    { scope, count },
    { timeout: 20_000, polling: 100 },
  );
  return (await handle.jsonValue()) as Thumbnail[];
}

/** axe-core over the whole document (it enters open shadow roots); one readable line per failing node. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      help: string;
      nodes: { target: unknown; failureSummary?: string }[];
    }
    const { violations } = await axe.run(document);
    return violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.help}) at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    );
  });
}

/** Elements matching `selector` anywhere in the document, open shadow roots included. */
export function deepCount(page: Page, selector: string): Promise<number> {
  return page.evaluate((selector) => {
    let count = 0;
    const walk = (root: ParentNode) => {
      count += root.querySelectorAll(selector).length;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return count;
  }, selector);
}
