import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import { FakeManager, fileOf, nextRender } from './fake-manager.js';

async function formWith(template = html`<form><input name="title" value="Post" /><cos-uploader name="images" multiple required></cos-uploader><button>Save</button></form>`) {
  const form = await fixture<HTMLFormElement>(template);
  const el = form.querySelector('cos-uploader') as CosUploader;
  const manager = new FakeManager(el.managerHooks());
  el.manager = manager;
  await nextRender(el);
  const submitted: FormData[] = [];
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitted.push(new FormData(form));
  });
  return { form, el, manager, submitted };
}

describe('<cos-uploader> in a form', () => {
  it('is form-associated and invalid while required and empty', async () => {
    const { form, el, submitted } = await formWith();
    expect(el.form).to.equal(form);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Please add a file.');
    expect(form.checkValidity()).to.equal(false);
    let invalid = 0;
    el.addEventListener('invalid', () => (invalid += 1));
    form.requestSubmit();
    expect(submitted).to.have.length(0);
    expect(invalid).to.equal(1);
  });

  it('blocks submit while uploads run, then submits one entry per uploaded key', async () => {
    const { form, el, manager, submitted } = await formWith();
    el.addFiles([fileOf('a.png'), fileOf('b.png')]);
    await nextRender(el);
    expect(el.validity.customError).to.equal(true);
    expect(el.validationMessage).to.equal('Please wait until the uploads finish.');
    form.requestSubmit();
    expect(submitted).to.have.length(0);

    const [a, b] = manager.snapshot();
    manager.succeed(a.id);
    manager.pause(b.id);
    await nextRender(el);
    expect(el.validity.customError, 'a paused file is unfinished').to.equal(true);
    manager.resume(b.id);
    manager.succeed(b.id);
    await nextRender(el);
    expect(el.validity.valid).to.equal(true);
    expect(el.value).to.deep.equal(['a.png', 'b.png']);
    form.requestSubmit();
    expect(submitted).to.have.length(1);
    expect(submitted[0].getAll('images')).to.deep.equal(['a.png', 'b.png']);
    expect(submitted[0].get('title')).to.equal('Post');
  });

  it('leaves failed and removed files out of the value', async () => {
    const { form, el, manager } = await formWith();
    el.addFiles([fileOf('ok.png'), fileOf('bad.png')]);
    const [ok, bad] = manager.snapshot();
    manager.succeed(ok.id);
    manager.fail(bad.id, { code: 'InternalError', message: 'x', status: 500 });
    await nextRender(el);
    expect(new FormData(form).getAll('images')).to.deep.equal(['ok.png']);
    expect(el.validity.valid).to.equal(true);
    manager.remove(ok.id);
    await nextRender(el);
    expect(new FormData(form).getAll('images')).to.deep.equal([]);
    expect(el.validity.valueMissing).to.equal(true);
  });

  it('a form reset clears the list and the value', async () => {
    const { form, el, manager } = await formWith();
    el.addFiles([fileOf('a.png'), fileOf('b.png')]);
    manager.succeed(manager.snapshot()[0].id);
    await nextRender(el);
    form.reset();
    await nextRender(el);
    expect(manager.calls).to.include('cancelAll');
    expect(manager.snapshot()).to.have.length(0);
    expect(new FormData(form).getAll('images')).to.deep.equal([]);
  });

  it('reportValidity points at the drop zone', async () => {
    const { el } = await formWith();
    expect(el.reportValidity()).to.equal(false);
    expect(el.willValidate).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('.dropzone'));
  });

  it('without a name it adds nothing to the form data', async () => {
    const { form, el, manager } = await formWith(html`<form><cos-uploader></cos-uploader></form>`);
    el.addFiles([fileOf('a.png')]);
    manager.succeed(manager.snapshot()[0].id);
    await nextRender(el);
    expect([...new FormData(form).keys()]).to.deep.equal([]);
    expect(el.value).to.deep.equal(['a.png']);
  });
});
