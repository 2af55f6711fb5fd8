import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import { mapUploadResult, readXmlResponse } from '../../../src/core/index.js';
import type { CosResults } from '../../../src/elements/results/results.js';
import type { ImageJobRequest, ImageJobStatus } from '../../../src/elements/results/result-actions.js';
import type { UploadResult } from '../../../src/core/types.js';
import { loadAxe } from '../shared/axe.js';

// docs/protocol.md#result-xml, with a second processed object.
const XML = `<UploadResult>
  <OriginalInfo>
    <Key>photos/filename.jpg</Key>
    <Location>examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/photos/filename.jpg</Location>
    <ETag>&quot;580cd6930444576523c25f86ce2af9b1fc2d5484&quot;</ETag>
    <ImageInfo><Format>JPEG</Format><Width>640</Width><Height>427</Height><Quality>100</Quality><Ave>0xa18454</Ave><Orientation>1</Orientation></ImageInfo>
  </OriginalInfo>
  <ProcessResults>
    <Object><Key>photos/thumb.webp</Key><Location>examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/photos/thumb.webp</Location>
      <Format>webp</Format><Width>200</Width><Height>133</Height><Size>4630</Size><Quality>75</Quality><ETag>&quot;eaa4e3d8&quot;</ETag></Object>
    <Object><Key>photos/big.png</Key><Location>examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/photos/big.png</Location>
      <Format>png</Format><Width>640</Width><Height>427</Height><Size>463092</Size><Quality>100</Quality><ETag>&quot;ffee&quot;</ETag></Object>
  </ProcessResults>
</UploadResult>`;

const parse = () => readXmlResponse({ status: 200, headers: {}, text: XML }, 'UploadResult', mapUploadResult);

// The same result as a literal, so only the first test depends on the XML parser.
const RESULT: UploadResult = {
  originalInfo: {
    key: 'photos/filename.jpg',
    location: 'examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/photos/filename.jpg',
    etag: '"580cd6930444576523c25f86ce2af9b1fc2d5484"',
    imageInfo: { format: 'JPEG', width: 640, height: 427, quality: 100, ave: '0xa18454', orientation: 1 },
  },
  processResults: [
    { key: 'photos/thumb.webp', location: 'examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/photos/thumb.webp', format: 'webp', width: 200, height: 133, size: 4630, quality: 75, etag: '"eaa4e3d8"' },
    { key: 'photos/big.png', location: 'examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/photos/big.png', format: 'png', width: 640, height: 427, size: 463092, quality: 100, etag: '"ffee"' },
  ],
};
const parsed = async () => RESULT;
const signer = (calls: string[] = []) => async (key: string) => {
  calls.push(key);
  return `https://examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/${encodeURI(key)}?q-signature=abc`;
};
const settle = async (el: CosResults) => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await el.updateComplete;
};

describe('<cos-results>', () => {
  it('renders a parsed UploadResult: original ImageInfo with the Ave swatch, each processed object signed', async () => {
    const calls: string[] = [];
    const fromXml = await parse();
    expect(JSON.parse(JSON.stringify(fromXml)), "absent fields aside").to.deep.equal(RESULT);
    const el = await fixture<CosResults>(html`<cos-results .results=${fromXml} .urlFor=${signer(calls)}></cos-results>`);
    await settle(el);
    const root = el.shadowRoot!;
    // Labels and values sit in <dt>/<dd>; the colon between them is CSS, not text.
    const original = root.querySelector('.original')!.textContent!.replace(/\s+/g, '');
    for (const text of ['Original', 'photos/filename.jpg', 'FormatJPEG', 'Dimensions640×427', 'Quality100', 'Averagecolour#a18454']) {
      expect(original).to.contain(text);
    }
    expect(getComputedStyle(root.querySelector('.swatch')!).backgroundColor).to.equal('rgb(161, 132, 84)');
    const items = [...root.querySelectorAll('[part~="item"]')];
    expect(items).to.have.length(2);
    expect(items[0].querySelector('.key')!.textContent).to.equal('photos/thumb.webp');
    expect(items[0].textContent!.replace(/\s+/g, '')).to.contain('FormatwebpDimensions200×133Size4.5KB');
    const img = items[0].querySelector('img[part~="image"]') as HTMLImageElement;
    expect(img.getAttribute('src')).to.equal('https://examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/photos/thumb.webp?q-signature=abc');
    expect(img.alt).to.equal('photos/thumb.webp');
    const link = items[1].querySelector('a.open') as HTMLAnchorElement;
    expect(link.href).to.contain('photos/big.png?q-signature=abc');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.getAttribute('aria-label')).to.equal('Open photos/big.png');
    expect(calls).to.deep.equal(['photos/thumb.webp', 'photos/big.png']);
    el.requestUpdate();
    await settle(el);
    expect(calls, 'each key signed once').to.have.length(2);
  });

  it('renders a list, and a compact layout with fewer details', async () => {
    const one = await parsed();
    const two: UploadResult = { ...one, originalInfo: { ...one.originalInfo, key: 'second.jpg', imageInfo: undefined }, processResults: [] };
    const el = await fixture<CosResults>(html`<cos-results .results=${[one, two]} .processAgain=${async () => one}></cos-results>`);
    expect(el.shadowRoot!.querySelectorAll('.result')).to.have.length(2);
    expect(el.shadowRoot!.querySelectorAll('.etag')).to.have.length(2);
    expect(el.shadowRoot!.querySelectorAll('form.actions')).to.have.length(2);
    expect(el.shadowRoot!.querySelectorAll('.result')[1].querySelector('.empty')!.textContent).to.equal('No processed images.');
    el.layout = 'compact';
    await el.updateComplete;
    expect(el.getAttribute('layout')).to.equal('compact');
    expect(el.shadowRoot!.querySelectorAll('.etag')).to.have.length(0);
    expect(el.shadowRoot!.querySelectorAll('form.actions')).to.have.length(0);
    expect(el.shadowRoot!.querySelector('.placeholder')!.textContent).to.equal('No preview');
  });

  it('renders server strings and keys holding HTML as text, refuses unsafe colours and URLs', async () => {
    const hostile = '<img src=x onerror="window.__xss=3">';
    const result: UploadResult = {
      originalInfo: { key: hostile, location: '', etag: '', imageInfo: { format: '<b>JPEG</b>', width: 1, height: 1, ave: 'red;background:url(x)' } },
      processResults: [{ key: `${hostile}.webp`, location: '', format: '<i>webp</i>', width: 1, height: 1, size: 1, etag: '' }],
    };
    (window as { __xss?: number }).__xss = 0;
    const el = await fixture<CosResults>(html`<cos-results .results=${result} .urlFor=${async () => 'javascript:alert(1)'}></cos-results>`);
    await settle(el);
    const root = el.shadowRoot!;
    expect(root.querySelector('.original .key')!.textContent).to.equal(hostile);
    expect(root.querySelector('.item .key')!.textContent).to.equal(`${hostile}.webp`);
    expect(root.querySelectorAll('b, i, img, a')).to.have.length(0);
    expect(root.querySelector('.swatch')).to.equal(null);
    expect(root.querySelector('.placeholder')!.textContent).to.equal('No preview');
    expect((window as { __xss?: number }).__xss).to.equal(0);
  });

  it('shows "No preview" when signing fails, and re-signs when urlFor changes', async () => {
    const el = await fixture<CosResults>(html`<cos-results .results=${await parsed()} .urlFor=${async () => { throw new Error('no keys'); }}></cos-results>`);
    expect(el.shadowRoot!.querySelector('.placeholder')!.textContent).to.equal('Loading preview');
    await settle(el);
    expect(el.shadowRoot!.querySelector('.placeholder')!.textContent).to.equal('No preview');
    el.urlFor = signer();
    await el.updateComplete;
    await settle(el);
    expect(el.shadowRoot!.querySelectorAll('img')).to.have.length(2);
  });

  it('processes a stored object again through the hook and shows the new object', async () => {
    const seen: [string, string][] = [];
    const processAgain = async (key: string, header: string): Promise<UploadResult> => {
      seen.push([key, header]);
      const { rules } = JSON.parse(header);
      return { originalInfo: { key, location: '', etag: '' }, processResults: [{ key: `photos/${rules[0].fileid}`, location: '', format: 'avif', width: 100, height: 67, size: 999, etag: '"n"' }] };
    };
    const el = await fixture<CosResults>(html`<cos-results .results=${await parsed()} .processAgain=${processAgain}></cos-results>`);
    const form = el.shadowRoot!.querySelector('form.actions') as HTMLFormElement;
    (form.querySelector('input[name=rule]') as HTMLInputElement).value = 'imageMogr2/thumbnail/100x/format/avif';
    (form.querySelector('input[name=fileid]') as HTMLInputElement).value = '{name}_small.avif';
    (form.querySelector('button[value=process]') as HTMLButtonElement).click();
    // The rule grammar may still be loading (a lazy chunk in the standalone build): wait for the result, bounded.
    for (let i = 0; i < 50 && !form.querySelector('[role=status]')!.textContent!.includes('Done'); i++) await settle(el);
    expect(seen).to.deep.equal([['photos/filename.jpg', '{"is_pic_info":1,"rules":[{"fileid":"filename_small.avif","rule":"imageMogr2/thumbnail/100x/format/avif"}]}']]);
    expect([...el.shadowRoot!.querySelectorAll('.item .key')].map((n) => n.textContent)).to.deep.equal(['photos/thumb.webp', 'photos/big.png', 'photos/filename_small.avif']);
    expect(form.querySelector('[role=status]')!.textContent).to.contain('Done: photos/filename_small.avif');
  });

  it('shows a hook failure with its COS code and request id, and refuses a bad rule before calling', async () => {
    let calls = 0;
    const processAgain = async () => {
      calls += 1;
      throw Object.assign(new Error('No permission'), { code: 'NoProcessAuthority', requestId: 'NjAwreq' });
    };
    const el = await fixture<CosResults>(html`<cos-results .results=${await parsed()} .processAgain=${processAgain}></cos-results>`);
    const form = el.shadowRoot!.querySelector('form.actions') as HTMLFormElement;
    const submit = (rule: string) => {
      (form.querySelector('input[name=rule]') as HTMLInputElement).value = rule;
      (form.querySelector('input[name=fileid]') as HTMLInputElement).value = 'out.png';
      (form.querySelector('button[value=process]') as HTMLButtonElement).click();
    };
    submit('imageMogr2/thumbnail/abc');
    // The rule grammar may still be loading (a lazy chunk in the standalone build): wait for the refusal, bounded.
    for (let i = 0; i < 50 && !form.querySelector('.failure'); i++) await settle(el);
    expect(calls).to.equal(0);
    expect(form.querySelector('.failure')!.textContent).to.contain('Failed:');
    submit('imageMogr2/thumbnail/100x');
    await settle(el);
    await settle(el);
    expect(calls).to.equal(1);
    expect(form.querySelector('.failure')!.textContent).to.equal('Failed: NoProcessAuthority: No permission');
    expect(form.querySelector('.request-id')!.textContent).to.equal('Request ID NjAwreq');
  });

  it('submits an asynchronous job and polls its status until it ends', async () => {
    const requests: ImageJobRequest[] = [];
    const states = ['Running', 'Running', 'Success'];
    const output = { key: 'jobs/out.jpg', location: '', format: 'jpg', width: 320, height: 213, size: 2048, etag: '"j"' };
    const submitJob = async (request: ImageJobRequest): Promise<ImageJobStatus> => {
      requests.push(request);
      return { jobId: 'job-1', state: 'Submitted' };
    };
    let polls = 0;
    const jobStatus = async (jobId: string): Promise<ImageJobStatus> => {
      const state = states[polls++];
      return { jobId, state, output: state === 'Success' ? output : undefined };
    };
    const el = await fixture<CosResults>(html`<cos-results poll-interval="5" .results=${await parsed()} .submitJob=${submitJob} .jobStatus=${jobStatus}></cos-results>`);
    const form = el.shadowRoot!.querySelector('form.actions') as HTMLFormElement;
    expect(form.querySelector('button[value=process]')).to.equal(null);
    (form.querySelector('input[name=rule]') as HTMLInputElement).value = 'imageMogr2/thumbnail/320x';
    (form.querySelector('input[name=fileid]') as HTMLInputElement).value = '/jobs/out.jpg';
    (form.querySelector('button[value=job]') as HTMLButtonElement).click();
    const status = () => form.querySelector('[role=status]')!.textContent!.trim();
    await settle(el);
    expect(status()).to.match(/Job job-1: (Submitted|Running)/);
    for (let i = 0; i < 50 && !status().includes('Success'); i += 1) await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
    expect(status()).to.equal('Job job-1: Success');
    expect(polls).to.equal(3);
    expect(requests).to.deep.equal([{ key: 'photos/filename.jpg', rule: 'imageMogr2/thumbnail/320x', outputKey: 'jobs/out.jpg' }]);
    expect(el.shadowRoot!.querySelectorAll('.item')).to.have.length(3);
  });

  it('speaks Simplified Chinese with lang="zh-CN"', async () => {
    const el = await fixture<CosResults>(html`<cos-results lang="zh-CN" .results=${await parsed()}></cos-results>`);
    expect(el.shadowRoot!.querySelector('.original .label')!.textContent).to.equal('原图');
    expect(el.shadowRoot!.querySelector('dt')!.textContent).to.equal('格式');
  });

  it('axe-core finds no violations in either layout and theme', async () => {
    const axe = await loadAxe();
    for (const [layout, theme] of [['detailed', 'light'], ['compact', 'dark']]) {
      const el = await fixture<CosResults>(html`<cos-results layout=${layout} theme=${theme} .results=${await parsed()} .urlFor=${signer()} .processAgain=${async () => parsed()}></cos-results>`);
      await settle(el);
      const { violations } = await axe.run(el);
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`), `${layout}/${theme}`).to.deep.equal([]);
    }
  });
});
