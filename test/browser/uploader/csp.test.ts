import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import { FakeManager, fileOf, nextRender } from './fake-manager.js';

/** Violations of the page's CSP, as the browser reports them. */
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.sample || e.blockedURI}`));

describe('<cos-uploader> under a strict style CSP', () => {
  before(() => {
    // No inline styles at all: style attributes and <style> elements without a nonce are refused.
    const meta = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src 'self'" });
    document.head.append(meta);
  });

  it('shows a big batch (virtual rows, progress, summary, errors) without a single violation', async () => {
    // Control: the policy is in force, an inline style attribute is reported.
    const probe = document.createElement('div');
    probe.setAttribute('style', 'color: red');
    document.body.append(probe);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(violations.some((v) => v.startsWith('style-src'))).to.equal(true);
    probe.remove();
    violations.length = 0;

    const el = await fixture<CosUploader>(html`<cos-uploader multiple></cos-uploader>`);
    const manager = new FakeManager(el.managerHooks());
    el.manager = manager;
    el.addFiles(Array.from({ length: 80 }, (_, i) => fileOf(`f${i}.png`, 'image/png', 100)));
    const uploads = manager.snapshot();
    manager.progress(uploads[0].id, 40);
    manager.succeed(uploads[1].id);
    manager.fail(uploads[2].id, { code: 'AccessDenied', message: 'Access Denied.', status: 403, requestId: 'r-1' });
    await nextRender(el);
    await nextRender(el);
    const bar = el.shadowRoot!.querySelector<HTMLElement>('li.file [role=progressbar]')!;
    // The percentage reaches the bar through the CSSOM: 40 % is a scaleX(0.4) transform (no style attribute).
    expect(getComputedStyle(bar.querySelector('.indicator')!).transform).to.match(/^matrix\(0\.4,/);
    expect(el.shadowRoot!.querySelectorAll('li.file').length).to.be.within(1, 79);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(violations).to.deep.equal([]);
  });
});
