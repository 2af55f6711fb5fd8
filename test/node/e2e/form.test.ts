// The CMS form example: restriction refusals that never reach the server, a form that cannot be submitted
// while empty or while uploads run, and a submission carrying the uploaded keys.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MiB, drawPhoto, makeFixtures, type Fixtures } from './fixtures.js';
import { startDemo, type Demo, type DemoPage } from './harness.js';
import { openDemo, pickFiles, rows, waitForStatuses } from './page.js';

const HOST = '#images';

function notices(opened: DemoPage): Promise<string[]> {
  return opened.page.locator(`${HOST} [part~="messages"] .notice span`).allInnerTexts();
}

describe('demo: CMS form', { timeout: 120_000 }, () => {
  let demo: Demo;
  let files: Fixtures;
  let opened: DemoPage;

  before(async () => {
    [demo, files] = await Promise.all([startDemo(), makeFixtures()]);
    opened = await openDemo(demo, '/demo/pages/cms-form.html');
    await opened.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { rejections: string[] }).rejections = seen;
      document.querySelector('#images')!.addEventListener('cos-file-rejected', (e) => seen.push((e as CustomEvent).detail.reason));
    });
  });
  after(async () => {
    await demo?.close();
    files?.remove();
  });

  it('refuses an empty required field on submit', async () => {
    const { page } = opened;
    await page.getByRole('button', { name: 'Publish' }).click();
    assert.equal(await page.locator('#submitted').innerText(), '(nothing yet)');
    const validity = await page.evaluate(() => {
      const el = document.querySelector('#images') as HTMLElement & { validity: ValidityState; validationMessage: string };
      return { valueMissing: el.validity.valueMissing, message: el.validationMessage };
    });
    assert.deepEqual(validity, { valueMissing: true, message: 'Please add a file.' });
  });

  it('refuses files of the wrong type or size before any request, and says why', async () => {
    const { page } = opened;
    const logBefore = (await demo.log()).length;
    const huge = files.write('huge.jpg', Buffer.alloc(21 * MiB, 1));
    await pickFiles(page, [files.big, files.write('note.txt', Buffer.from('hello'))], HOST);
    await pickFiles(page, [huge], HOST);
    const said = await notices(opened);
    assert.equal(said.length, 3);
    assert.match(said[0], /^big\.bin was not added: this type of file is not accepted \(.*image.*\)\.$/);
    assert.match(said[1], /^note\.txt was not added: this type of file is not accepted/);
    assert.match(said[2], /^huge\.jpg was not added: it is 21(\.0)? MB, above the 20(\.0)? MB limit\.$/);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { rejections: string[] }).rejections), ['type', 'type', 'size']);
    assert.deepEqual(await rows(page, HOST), []);
    assert.deepEqual((await demo.log()).slice(logBefore), [], 'a refused file causes no request at all');
  });

  it('takes at most max-files, blocks submission while uploading, then submits the uploaded keys', async () => {
    const { page, errors } = opened;
    const image = await drawPhoto(320, 240, 'png');
    const names = ['a.png', 'b.png', 'c.png', 'd.png', 'e.png', 'f.png'];
    // Small images without rules go by POST Object, whose key the emulator learns only from the form.
    await demo.faults({ action: 'PostObject', delayMs: 2000, times: 1 });
    await demo.faults({ action: 'PutObject', key: 'articles/e.png', delayMs: 2000 });
    await pickFiles(page, names.map((name) => files.write(name, image)), HOST);
    assert.match((await notices(opened)).at(-1) ?? '', /^f\.png was not added: at most 5 files\.$/);

    await page.waitForFunction(() => document.querySelector('#images')?.hasAttribute('uploading'));
    await page.getByRole('button', { name: 'Publish' }).click();
    assert.equal(await page.locator('#submitted').innerText(), '(nothing yet)', 'no submission while uploading');
    assert.equal(await page.evaluate(() => (document.querySelector('#images') as HTMLElement & { validationMessage: string }).validationMessage),
      'Please wait until the uploads finish.');

    await waitForStatuses(page, ['done', 'done', 'done', 'done', 'done'], HOST);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForFunction(() => document.querySelector('#submitted')?.textContent !== '(nothing yet)');
    assert.deepEqual((await page.locator('#submitted').innerText()).split('\n'), [
      'title = Autumn in Guangzhou',
      ...names.slice(0, 5).map((name) => `images = articles/${name}`),
      'body = Photos from the weekend.',
    ]);
    const stored = await Promise.all(names.map(async (name) => (await demo.getObject(`articles/${name}`)).status));
    assert.deepEqual(stored, [200, 200, 200, 200, 200, 404]);
    assert.deepEqual(errors, []);
  });
});
