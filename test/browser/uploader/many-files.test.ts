import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import { FakeManager, fileOf, nextRender } from './fake-manager.js';
import { InstantClient, manyFiles, uploaderWith } from './instant-client.js';
import { loadAxe } from '../shared/axe.js';

const rows = (el: CosUploader) => [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('li.file')];
const list = (el: CosUploader) => el.shadowRoot!.querySelector<HTMLElement>('.files')!;

/** Waits (bounded) until `predicate` holds, checking once per frame. */
async function until(predicate: () => boolean, what: string, frames = 600): Promise<void> {
  for (let i = 0; i < frames; i += 1) {
    if (predicate()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('<cos-uploader> with many files', function () {
  this.timeout(120_000);

  it('10,000 files through the real manager: O(n) notifications, few renders, a bounded DOM', async () => {
    const client = new InstantClient();
    const { el, manager } = await uploaderWith(client);
    let notifications = 0;
    manager.watch((change) => (notifications += change.changed.size > 0 ? 1 : 0));
    let renders = 0;
    const render = el.render.bind(el);
    (el as unknown as { render: () => unknown }).render = () => {
      renders += 1;
      return render();
    };
    const complete = new Promise((resolve) => el.addEventListener('cos-queue-complete', resolve, { once: true }));
    const count = 10_000;
    const t0 = performance.now();
    el.addFiles(manyFiles(count));
    await complete;
    const ms = performance.now() - t0;
    await nextRender(el);
    expect(manager.counts().done).to.equal(count);
    expect(client.puts).to.equal(count);
    // Each file changes state a few times (added, start, progress, done); coalescing keeps the total O(n).
    expect(notifications).to.be.at.most(4 * count);
    // Renders follow frames, not changes.
    expect(renders).to.be.below(count / 10);
    expect(rows(el).length).to.be.within(1, 80);
    expect(el.shadowRoot!.querySelector('[part~="summary"]')!.textContent).to.contain('10,000 uploaded');
    expect(el.shadowRoot!.querySelector('.total-label')!.textContent).to.equal('10,000 of 10,000 files uploaded');
    console.log(`10,000 files with an instant client: ${ms.toFixed(0)} ms, ${notifications} notifications, ${renders} renders`);
  });

  it('takes a big choice in slices: the first at once, the rest in later tasks, one cos-queue-complete at the end', async () => {
    const client = new InstantClient();
    const { el, manager } = await uploaderWith(client);
    const completions: number[] = [];
    el.addEventListener('cos-queue-complete', () => completions.push(manager.snapshot().length));
    el.addFiles(manyFiles(1000));
    const first = manager.snapshot().length;
    expect(first).to.be.within(1, 999);
    await until(() => completions.length > 0, 'cos-queue-complete');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(completions).to.deep.equal([1000]);
    expect(manager.counts().done).to.equal(1000);
    expect(manager.snapshot().map((u) => u.name).slice(0, 3)).to.deep.equal(['photo-0.txt', 'photo-1.txt', 'photo-2.txt']);
    expect(manager.snapshot()[999].name).to.equal('photo-999.txt');
  });

  it('one progress frame re-renders only the rows that changed', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
    const manager = new FakeManager(el.managerHooks());
    el.manager = manager;
    el.addFiles(Array.from({ length: 60 }, (_, i) => fileOf(`f${i}.txt`, 'text/plain', 1000)));
    await nextRender(el);
    await nextRender(el);
    const [, second, third] = manager.snapshot();
    const touched = new Set<string>();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const node = record.target instanceof Element ? record.target : record.target.parentElement;
        const row = node?.closest('li.file') as HTMLElement | null;
        if (row) touched.add(row.dataset.id!);
      }
    });
    observer.observe(list(el), { subtree: true, childList: true, attributes: true, characterData: true });
    manager.progress(second.id, 500);
    manager.progress(third.id, 250);
    await nextRender(el);
    observer.disconnect();
    expect([...touched].sort()).to.deep.equal([second.id, third.id].sort());
    const bar = rows(el).find((r) => r.dataset.id === second.id)!.querySelector('[role=progressbar]')!;
    expect(bar.getAttribute('aria-valuenow')).to.equal('50');
  });

  it('at 10,000 rows: only rows near the viewport are in the DOM, with aria-setsize/posinset, and axe finds nothing', async () => {
    const client = new InstantClient();
    client.hold = true;
    const { el, manager } = await uploaderWith(client);
    el.addFiles(manyFiles(10_000));
    await until(() => manager.snapshot().length === 10_000, 'every slice taken', 3000);
    await nextRender(el);
    await nextRender(el);
    const shown = rows(el);
    expect(shown.length).to.be.within(1, 80);
    expect(shown[0].getAttribute('aria-posinset')).to.equal('1');
    expect(shown[0].getAttribute('aria-setsize')).to.equal('10000');
    expect(list(el).classList.contains('virtual')).to.equal(true);
    expect(list(el).scrollHeight).to.be.above(10_000 * 50);
    const results = await (await loadAxe()).run(el, { rules: { region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).to.deep.equal([]);
    await manager.cancelAll();
  });

  it('at 10,000 rows: arrow keys, Home and End move focus between rows, and focus survives scrolling away and back', async () => {
    const client = new InstantClient();
    client.hold = true;
    const { el, manager } = await uploaderWith(client);
    el.addFiles(manyFiles(10_000));
    await until(() => manager.snapshot().length === 10_000, 'every slice taken', 3000);
    await nextRender(el);
    const focused = () => el.shadowRoot!.activeElement as HTMLElement | null;
    rows(el)[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    await nextRender(el);
    expect(focused()?.getAttribute('aria-posinset')).to.equal('2');
    await sendKeys({ press: 'End' });
    await until(() => focused()?.getAttribute('aria-posinset') === '10000', 'focus on the last row');
    expect(list(el).scrollTop).to.be.above(100_000);
    await sendKeys({ press: 'ArrowUp' });
    await until(() => focused()?.getAttribute('aria-posinset') === '9999', 'focus on row 9999');
    const held = focused()!;
    // Scroll far away: the focused row stays in the DOM and keeps focus; scrolling back finds it in place.
    list(el).scrollTop = 0;
    list(el).dispatchEvent(new Event('scroll'));
    await nextRender(el);
    expect(rows(el)[0].getAttribute('aria-posinset')).to.equal('1');
    expect(focused() === held, `focus moved to ${focused()?.getAttribute('aria-posinset')}`).to.equal(true);
    expect(held.isConnected).to.equal(true);
    await sendKeys({ press: 'Home' });
    await until(() => focused()?.getAttribute('aria-posinset') === '1', 'focus on the first row');
    expect(focused()!.tabIndex).to.equal(0);
    expect(rows(el).filter((r) => r.tabIndex === 0)).to.have.length(1);
    await manager.cancelAll();
  });

  it('summary header: counts per state, "show failed only" and retry failed in one call', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
    const manager = new FakeManager(el.managerHooks());
    el.manager = manager;
    el.addFiles(Array.from({ length: 60 }, (_, i) => fileOf(`f${i}.txt`, 'text/plain', 10)));
    const uploads = manager.snapshot();
    uploads.slice(0, 50).forEach((u) => manager.succeed(u.id));
    uploads.slice(50, 53).forEach((u) => manager.fail(u.id, { code: 'AccessDenied', message: 'no', status: 403 }));
    await nextRender(el);
    const summary = el.shadowRoot!.querySelector('[part~="summary"]')!;
    expect(summary.textContent).to.equal('7 uploading · 0 waiting · 0 paused · 50 uploaded · 3 failed');
    const filter = el.shadowRoot!.querySelector<HTMLButtonElement>('button.failedOnly')!;
    expect(filter.getAttribute('aria-pressed')).to.equal('false');
    filter.click();
    await nextRender(el);
    expect(rows(el).map((r) => r.dataset.status)).to.deep.equal(['failed', 'failed', 'failed']);
    expect(rows(el)[0].getAttribute('aria-setsize')).to.equal('3');
    (el.shadowRoot!.querySelector('button.retryAll') as HTMLButtonElement).click();
    expect(manager.calls.filter((c) => c.startsWith('retry:'))).to.have.length(3);
    await nextRender(el);
    // Nothing failed any more: the filter turns itself off and every row is back.
    expect(el.shadowRoot!.querySelector('button.failedOnly')).to.equal(null);
    expect(rows(el).length).to.be.above(3);
  });

  it('thumbnails only for rows in the DOM; their object URLs are revoked when rows scroll away', async () => {
    const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
    const manager = new FakeManager(el.managerHooks());
    el.manager = manager;
    el.addFiles(Array.from({ length: 400 }, (_, i) => fileOf(`img${i}.png`, 'image/png', 16)));
    await nextRender(el);
    const images = () => [...el.shadowRoot!.querySelectorAll<HTMLImageElement>('.thumb img')];
    expect(images().length).to.be.within(1, 80);
    expect(images()[0].loading).to.equal('lazy');
    expect(images()[0].decoding).to.equal('async');
    const first = images()[0].src;
    list(el).scrollTop = list(el).scrollHeight;
    list(el).dispatchEvent(new Event('scroll'));
    await nextRender(el);
    expect(images().length).to.be.within(1, 80);
    expect(images().some((img) => img.src === first)).to.equal(false);
    const fetched = await fetch(first).then(() => 'loaded', () => 'revoked');
    expect(fetched).to.equal('revoked');
  });
});
