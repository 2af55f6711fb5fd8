import { sendKeys } from '@web/test-runner-commands';
import type { CosRuleEditor } from '../../../src/elements/rule-editor/rule-editor.js';
import { until } from './helpers.js';
import { expect, fixture, html } from '@open-wc/testing';
import { align, click, client, drag, mount, previewUrl, rotatedJpeg, ruleText, sampleKey, stage } from './on-image-helpers.js';

const $in = <T extends HTMLElement = HTMLElement>(el: CosRuleEditor, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;

async function press(el: CosRuleEditor, target: HTMLElement, ...keys: string[]): Promise<void> {
  target.focus();
  for (const key of keys) {
    await sendKeys({ press: key });
    await el.updateComplete;
  }
}

/** The server's render of the first rule has these pixel dimensions. */
async function rendered(el: CosRuleEditor, width: number, height: number): Promise<void> {
  const id = `rule-${el.shadowRoot!.querySelector('.rule')!.getAttribute('data-rule')}`;
  await until(() => {
    const figure = el.shadowRoot!.querySelector(`[data-preview="${id}"]`);
    const img = figure?.querySelector('img');
    return Boolean(img?.complete && img.naturalWidth === width && img.naturalHeight === height && !figure!.classList.contains('loading'));
  }, `a ${width}×${height} server preview`, 15000);
}

describe('<cos-rule-editor> editing on the image', () => {
  it('draws, moves and resizes a cut region; the form, the rule text and the server preview follow', async () => {
    const el = await mount([{ fileid: 'a.png', rule: 'imageMogr2/cut/100x100x0x0' }]);
    expect($in(el, '.stage-size').textContent).to.equal('What Cut rectangle receives: 400 × 300 px');
    let events = 0;
    el.addEventListener('cos-rules-change', () => events++);

    await drag(el, [200, 150], [360, 270]);
    expect(ruleText(el)).to.equal('imageMogr2/cut/160x120x200x150');
    expect(events, 'the rule follows each frame of the drag, not only the release').to.be.greaterThan(1);
    const field = (part: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`.op input[id$="-main-${part}"]`)!.value;
    expect([field('w'), field('h'), field('x'), field('y')]).to.deep.equal(['160', '120', '200', '150']);
    await rendered(el, 160, 120);

    await drag(el, [280, 200], [180, 150]);
    expect(ruleText(el), 'dragging inside the region moves it').to.equal('imageMogr2/cut/160x120x100x100');
    await drag(el, [260, 220], [300, 240]);
    expect(ruleText(el), 'the south-east corner resizes').to.equal('imageMogr2/cut/200x140x100x100');
    await drag(el, [100, 100], [50, 80]);
    expect(ruleText(el), 'the north-west corner resizes').to.equal('imageMogr2/cut/250x160x50x80');
    await rendered(el, 250, 160);
  });

  it('coalesces pointer moves: at most one rule change per animation frame, the last position wins', async () => {
    const el = await mount([{ fileid: 'a.png', rule: 'imageMogr2/cut/100x100x0x0' }]);
    const box = await align(el);
    const canvas = stage(el)!;
    const pointer = (type: string, x: number, y: number) => canvas.dispatchEvent(new PointerEvent(type, {
      pointerId: 7, button: 0, buttons: type === 'pointerup' ? 0 : 1, clientX: box.left + x, clientY: box.top + y, bubbles: true, composed: true,
    }));
    let events = 0;
    el.addEventListener('cos-rules-change', () => events++);
    pointer('pointerdown', 200, 100);
    for (let x = 210; x <= 300; x += 10) pointer('pointermove', x, 200);
    expect(events, 'nothing is written before the frame').to.equal(0);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(events).to.equal(1);
    await el.updateComplete;
    expect(ruleText(el)).to.equal('imageMogr2/cut/100x100x200x100');
    pointer('pointermove', 320, 220);
    pointer('pointerup', 330, 230);
    expect(events, 'the release writes at once').to.equal(2);
    await el.updateComplete;
    expect(ruleText(el)).to.equal('imageMogr2/cut/130x130x200x100');
  });

  it('moves and resizes the region with the arrow keys', async () => {
    const el = await mount([{ fileid: 'a.png', rule: 'imageMogr2/cut/100x100x10x10' }]);
    const body = $in(el, '.region-body');
    expect(body.getAttribute('aria-label')).to.equal('Region 100 × 100 px at 10, 10');
    await press(el, body, 'ArrowRight', 'Shift+ArrowDown');
    expect(ruleText(el)).to.equal('imageMogr2/cut/100x100x11x20');
    expect($in(el, '.region-body').getAttribute('aria-label')).to.equal('Region 100 × 100 px at 11, 20');
    expect(el.shadowRoot!.activeElement, 'focus stays on the region').to.equal($in(el, '.region-body'));
    await press(el, $in(el, '.handle.se'), 'ArrowLeft', 'ArrowLeft', 'Shift+ArrowUp');
    expect(ruleText(el)).to.equal('imageMogr2/cut/98x90x11x20');
    await press(el, $in(el, '.handle.nw'), 'ArrowLeft');
    expect(ruleText(el)).to.equal('imageMogr2/cut/99x90x10x20');
  });

  it('keeps a cut’s gravity when it can express the region, and a click sets the gravity', async () => {
    const el = await mount([{ fileid: 'a.png', rule: 'imageMogr2/cut/100x100x0x0/gravity/southeast' }]);
    await drag(el, [100, 100], [300, 250]);
    expect(ruleText(el)).to.equal('imageMogr2/cut/200x150x100x50/gravity/southeast');
    await click(el, [200, 125]);
    expect(ruleText(el), 'a click inside a cut region leaves it where it is').to.equal('imageMogr2/cut/200x150x100x50/gravity/southeast');
    await click(el, [20, 150]);
    expect(ruleText(el)).to.equal('imageMogr2/cut/200x150x100x50/gravity/west');
  });

  it('sets a crop’s gravity by a click, and a dragged crop region becomes the offset form', async () => {
    const el = await mount([{ fileid: 'a.png', rule: 'imageMogr2/crop/200x200' }]);
    await click(el, [350, 250]);
    expect(ruleText(el)).to.equal('imageMogr2/crop/200x200/gravity/southeast');
    await click(el, [200, 150]);
    expect(ruleText(el), 'a click inside the region sets the gravity too').to.equal('imageMogr2/crop/200x200/gravity/center');
    await click(el, [10, 10]);
    expect(ruleText(el)).to.equal('imageMogr2/crop/200x200/gravity/northwest');
    // The crop now takes 300×300 at the top left (it shrinks the sample first); a press outside it draws anew.
    await drag(el, [390, 290], [190, 190]);
    expect(ruleText(el)).to.equal('imageMogr2/crop/!200x100a190a190/gravity/northwest');
    const field = (part: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`.op input[id$="-main-${part}"]`)!;
    expect(['w', 'h', 'x', 'y'].map((p) => field(p).value), 'the form shows the offset form as numbers').to.deep.equal(['200', '100', '190', '190']);
    await rendered(el, 200, 100);
    field('x').value = '100';
    field('x').dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(ruleText(el)).to.equal('imageMogr2/crop/!200x100a100a190/gravity/northwest');
    expect($in(el, '.region-body').getAttribute('aria-label'), 'the region follows the form').to.equal('Region 200 × 100 px at 100, 190');
  });

  it('keeps a drag on course in the one-column layout, where form rows above the stage change height meanwhile', async () => {
    const el = await mount([{ fileid: 'a.png', rule: 'imageMogr2/crop/200x200' }], { width: 600 });
    const rule = el.shadowRoot!.querySelector('.rule')!.getBoundingClientRect();
    expect(stage(el)!.getBoundingClientRect().top, 'the stage is below the form').to.be.greaterThan(rule.bottom);
    const before = el.shadowRoot!.querySelector('.rule')!.getBoundingClientRect().height;
    await drag(el, [390, 290], [190, 190], 8);
    expect(el.shadowRoot!.querySelector('.rule')!.getBoundingClientRect().height, 'the form did change height').to.not.equal(before);
    expect(ruleText(el)).to.equal('imageMogr2/crop/!200x100a190a190');
  });

  it('drags a watermark to set dx/dy from its gravity; arrows and a click do the same', async () => {
    const el = await mount([{ fileid: 'a.png', rule: 'watermark/2/text/U2FtcGxl/gravity/southeast/dx/10/dy/10' }]);
    const marker = () => $in(el, '.marker');
    expect(marker().getAttribute('aria-label')).to.equal('Watermark at bottom right, dx 10, dy 10');
    await drag(el, [390, 290], [350, 250]);
    expect(ruleText(el)).to.equal('watermark/2/text/U2FtcGxl/gravity/southeast/dx/50/dy/50');
    await press(el, marker(), 'ArrowLeft', 'Shift+ArrowDown');
    expect(ruleText(el)).to.equal('watermark/2/text/U2FtcGxl/gravity/southeast/dx/51/dy/40');
    await click(el, [30, 20]);
    expect(ruleText(el)).to.equal('watermark/2/text/U2FtcGxl/gravity/northwest/dx/51/dy/40');
    await drag(el, [51, 40], [71, 45]);
    expect(ruleText(el)).to.equal('watermark/2/text/U2FtcGxl/gravity/northwest/dx/71/dy/45');
  });

  it('drags the corner handle to set a thumbnail size, by pointer and by keys', async () => {
    const el = await mount([{ fileid: 'a.png', rule: 'imageMogr2/thumbnail/200x150' }]);
    await drag(el, [200, 150], [300, 200]);
    expect(ruleText(el)).to.equal('imageMogr2/thumbnail/300x200');
    expect($in(el, '.thumb-result').textContent, 'the predicted output shows under the box').to.equal('Output 267 × 200 px');
    await rendered(el, 267, 200); // 300x200 fits the 400×300 sample into 267×200
    const handle = $in(el, '.thumb-box .handle');
    expect(handle.getAttribute('aria-label')).to.equal('Resize box 300 × 200 px');
    await press(el, handle, 'ArrowRight', 'Shift+ArrowUp');
    expect(ruleText(el)).to.equal('imageMogr2/thumbnail/301x190');

    const text = $in<HTMLTextAreaElement>(el, '.rule-text textarea');
    text.value = 'imageMogr2/thumbnail/!200x100r';
    text.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await drag(el, [200, 100], [120, 90]);
    expect(ruleText(el), 'the form of the size is kept').to.equal('imageMogr2/thumbnail/!120x90r');
    text.value = 'imageMogr2/thumbnail/200x';
    text.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await drag(el, [200, 150], [250, 10]);
    expect(ruleText(el), 'a width-only size changes only the width').to.equal('imageMogr2/thumbnail/250x');
  });

  it('draws in the pixels of the image the operation receives, after earlier steps', async () => {
    const el = await mount([{ fileid: 'a.png', rule: 'imageMogr2/thumbnail/200x/cut/50x50x0x0' }]);
    expect($in(el, '.stage-size').textContent, 'the resize comes first').to.equal('What Resize receives: 400 × 300 px');
    const list = $in<HTMLSelectElement>(el, '.stage-op');
    list.value = list.options[1].value;
    list.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect($in(el, '.stage-size').textContent).to.equal('What Cut rectangle receives: 200 × 150 px');
    await until(() => stage(el)?.querySelector('img')?.naturalWidth === 200, 'the render of the steps before the cut');
    // The 200×150 input shows at 400×300 CSS px: 2 CSS px per image pixel.
    const box = await align(el);
    expect([Math.round(box.width), Math.round(box.height)]).to.deep.equal([400, 300]);
    await drag(el, [240, 200], [40, 40]);
    expect(ruleText(el)).to.equal('imageMogr2/thumbnail/200x/cut/100x80x20x20');
    await rendered(el, 100, 80);
  });

  for (const orientation of [2, 3, 4, 5, 6, 7, 8]) {
    const turned = orientation >= 5;
    it(`draws on the stored pixels of a JPEG with EXIF orientation ${orientation}, which the operation receives`, async () => {
      const key = `rule-editor-tests/${Date.now().toString(36)}/orientation-${orientation}.jpg`;
      await client.putObject(key, await rotatedJpeg(orientation), { headers: { 'Content-Type': 'image/jpeg' } });
      const el = await mount([{ fileid: 'a.jpg', rule: 'imageMogr2/cut/100x100x0x0' }], { key });
      const original = el.shadowRoot!.querySelector('[data-preview="original"] .facts')!.textContent!;
      expect(original, 'the browser shows the original upright').to.match(turned ? / · 300 × 400$/ : / · 400 × 300$/);
      expect($in(el, '.stage-size').textContent, 'the stage works in stored pixels').to.equal('What Cut rectangle receives: 400 × 300 px');
      await drag(el, [200, 150], [360, 270]);
      expect(ruleText(el)).to.equal('imageMogr2/cut/160x120x200x150');
      // The output keeps the orientation tag, so the browser shows the 160×120 cut upright (120×160 for 5–8).
      await rendered(el, turned ? 120 : 160, turned ? 160 : 120);
      const id = `rule-${el.shadowRoot!.querySelector('.rule')!.getAttribute('data-rule')}`;
      const src = el.shadowRoot!.querySelector<HTMLImageElement>(`[data-preview="${id}"] img`)!.src;
      // Decode the stored pixels: set the Orientation entry to 1 (either byte order) before decoding.
      const bytes = new Uint8Array(await (await fetch(src)).arrayBuffer());
      const entry = bytes.findIndex((_, i) => (bytes[i] === 0x01 && bytes[i + 1] === 0x12 && bytes[i + 2] === 0 && bytes[i + 3] === 3)
        || (bytes[i] === 0x12 && bytes[i + 1] === 0x01 && bytes[i + 2] === 3 && bytes[i + 3] === 0));
      expect(entry, 'the output keeps an Orientation entry').to.be.greaterThan(0);
      expect(bytes[entry + 9] + bytes[entry + 8], 'the output keeps the orientation').to.equal(orientation);
      if (bytes[entry] === 0x01) bytes[entry + 9] = 1;
      else bytes[entry + 8] = 1;
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
      expect([bitmap.width, bitmap.height]).to.deep.equal([160, 120]);
      const canvas = new OffscreenCanvas(160, 120);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      const pixel = (x: number, y: number) => [...canvas.getContext('2d')!.getImageData(x, y, 1, 1).data.slice(0, 3)];
      const dark = (p: number[]) => p.every((v) => v < 90);
      expect(dark(pixel(20, 20)), 'the dark square of the sample starts the cut').to.equal(true);
      expect(dark(pixel(100, 80)), 'right of and below the square the gradient shows').to.equal(false);
    });
  }

  it('says so when the steps before the operation fail on the server, and still edits in their predicted size', async () => {
    const el = await fixture<CosRuleEditor>(html`<cos-rule-editor preview-key=${sampleKey} .previewUrl=${previewUrl}
      .rules=${[{ fileid: 'a.png', rule: 'imageMogr2/format/tpg/cut/50x50x0x0' }]}></cos-rule-editor>`);
    await until(() => Boolean(el.shadowRoot!.querySelector('.stage .note.error')), 'the stage’s error');
    expect(el.shadowRoot!.querySelector('.stage .note.error')!.textContent).to.match(/^Preview failed: \w+/);
    expect($in(el, '.stage-size').textContent).to.equal('What Cut rectangle receives: 400 × 300 px');
    expect($in(el, '.region-body').getAttribute('aria-label')).to.equal('Region 50 × 50 px at 0, 0');
  });

  it('follows the operation focused in the form, or picked in its own list', async () => {
    const el = await mount([
      { fileid: 'a.png', rule: 'imageMogr2/cut/100x100x0x0' },
      { fileid: 'b.png', rule: 'imageMogr2/format/png|watermark/2/text/U2FtcGxl' },
    ]);
    expect(stage(el)!.classList.contains('tool-cut')).to.equal(true);
    const rows = el.shadowRoot!.querySelectorAll('.rule')[1].querySelectorAll('.op');
    rows[0].querySelector<HTMLElement>('select')!.focus();
    await el.updateComplete;
    expect(stage(el)!.classList.contains('tool-cut'), 'format has no on-image tool: the stage stays').to.equal(true);
    rows[1].querySelector<HTMLInputElement>('input')!.focus();
    await el.updateComplete;
    expect(stage(el)?.classList.contains('tool-watermark')).to.equal(true);
    expect($in<HTMLSelectElement>(el, '.stage-op').selectedOptions[0].textContent).to.equal('Rule 2 · Text watermark');
    const list = $in<HTMLSelectElement>(el, '.stage-op');
    list.value = list.options[0].value;
    list.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(stage(el)?.classList.contains('tool-cut')).to.equal(true);
  });
});
