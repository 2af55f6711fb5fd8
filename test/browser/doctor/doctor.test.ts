import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/index.js';
import type { CosDoctor } from '../../../src/elements/doctor/doctor.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { Finding } from '../../../src/core/doctor/types.js';
import type { CosDoctorCompleteEvent } from '../../../src/events/doctor-complete.js';
import { corsXml, doctorEmulator, putCors, resetEmulator, setCi, type DoctorEmulator } from './helpers.js';

const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error').map((f) => f.code).sort();

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('setup doctor in the browser (real CORS, real Chromium)', function () {
  this.timeout(90_000);
  let emu: DoctorEmulator;
  const prefix = `doctor-${Date.now()}/`;

  before(async () => {
    emu = await doctorEmulator();
  });
  afterEach(async () => resetEmulator(emu));

  function doctorElement() {
    return fixture<CosDoctor>(html`<cos-doctor bucket=${emu.bucket} region=${emu.region} endpoint=${emu.endpoint}
      token-url=${`${emu.url}/sts?prefix=${prefix}`} prefix=${prefix}></cos-doctor>`);
  }

  it('the recommended rule for this origin: no error, every browser-visible check passed', async () => {
    await putCors(emu, corsXml());
    const el = await doctorElement();
    expect(el.keyPrefix, 'the prefix attribute lands on keyPrefix').to.equal(prefix);
    expect(el.prefix, 'the DOM namespace prefix is not shadowed').to.equal(null);
    let completed: CosDoctorCompleteEvent | undefined;
    el.addEventListener('cos-doctor-complete', (e) => (completed = e));
    const findings = await el.check();
    expect(errorsOf(findings)).to.deep.equal([]);
    expect(completed?.detail.errors).to.equal(0);
    for (const code of ['cors-origin', 'cors-method', 'cors-headers', 'cors-expose-etag', 'cors-expose-date', 'sts-scope', 'sts-multipart', 'ci-disabled', 'clock-skew']) {
      expect(findings.some((f) => f.code === code && f.severity === 'ok'), code).to.equal(true);
    }
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="status"]')!.textContent).to.match(/No problems found/);
    expect(el.shadowRoot!.querySelectorAll('[part~="findings"] li').length).to.equal(0);
  });

  it('ETag not exposed and no Cloud Infinite: two errors, each shown with its fix', async () => {
    await putCors(emu, corsXml({ expose: ['Date', 'x-cos-request-id', 'x-cos-hash-crc64ecma'] }));
    await setCi(emu, false);
    const el = await doctorElement();
    const findings = await el.check();
    expect(errorsOf(findings)).to.deep.equal(['ci-disabled', 'cors-expose-etag']);
    await el.updateComplete;
    const shown = [...el.shadowRoot!.querySelectorAll('[part~="finding-error"]')];
    expect(shown.map((li) => li.querySelector('[part="code"]')!.textContent).sort()).to.deep.equal(['ci-disabled', 'cors-expose-etag']);
    const etag = shown.find((li) => li.textContent!.includes('cors-expose-etag'))!;
    expect(etag.querySelector('[part="fix"]')!.textContent).to.contain('<ExposeHeader>ETag</ExposeHeader>');
    expect(el.shadowRoot!.querySelector('[part~="status"]')!.textContent).to.match(/2 problem/);
  });

  it('an origin the rules do not allow: cors-origin, and the browser-blocked checks are not reported as other errors', async () => {
    await putCors(emu, corsXml({ origins: ['https://elsewhere.example.com'] }));
    const el = await doctorElement();
    const findings = await el.check();
    expect(errorsOf(findings)).to.deep.equal(['cors-origin']);
    expect(findings.find((f) => f.code === 'cors-origin')!.fix).to.contain(`<AllowedOrigin>${location.origin}</AllowedOrigin>`);
  });

  it('uploader.checkSetup(): keys scoped elsewhere give sts-scope, shown inside the uploader', async () => {
    const uploader = await fixture<CosUploader>(html`<cos-uploader bucket=${emu.bucket} region=${emu.region} endpoint=${emu.endpoint}
      token-url=${`${emu.url}/sts?prefix=elsewhere/`} prefix=${prefix}></cos-uploader>`);
    let completed: CosDoctorCompleteEvent | undefined;
    uploader.addEventListener('cos-doctor-complete', (e) => (completed = e));
    const findings = await uploader.checkSetup();
    expect(errorsOf(findings)).to.deep.equal(['sts-scope']);
    expect(completed?.detail.findings).to.equal(findings);
    await uploader.updateComplete;
    const doctor = uploader.shadowRoot!.querySelector<CosDoctor>('cos-doctor')!;
    await customElements.whenDefined('cos-doctor');
    await doctor.updateComplete;
    expect(doctor.shadowRoot!.querySelector('[part~="finding-error"] [part="code"]')!.textContent).to.equal('sts-scope');
  });

  it('one AccessDenied is not offered as a setup problem; a second one is', async () => {
    const uploader = await fixture<CosUploader>(html`<cos-uploader multiple bucket=${emu.bucket} region=${emu.region} endpoint=${emu.endpoint}
      token-url=${`${emu.url}/sts?prefix=elsewhere/`} prefix=${prefix}></cos-uploader>`);
    const failed = () => uploader.uploads.filter((u) => u.status === 'failed').length;
    const hint = () => uploader.shadowRoot!.querySelector('[part~="setup-hint"]');
    uploader.addFiles([new File(['one'], 'one.txt', { type: 'text/plain' })]);
    await until(() => failed() === 1, 'the first failure');
    await uploader.updateComplete;
    expect(uploader.uploads[0].error?.code).to.equal('AccessDenied');
    expect(hint()).to.equal(null);
    uploader.addFiles([new File(['two'], 'two.txt', { type: 'text/plain' })]);
    await until(() => failed() === 2, 'the second failure');
    await uploader.updateComplete;
    expect(hint()).to.not.equal(null);
  });

  it('an upload failing with a network error makes the uploader offer the check', async () => {
    const uploader = await fixture<CosUploader>(html`<cos-uploader bucket=${emu.bucket} region=${emu.region}
      endpoint="http://127.0.0.1:9/{Bucket}" token-url=${`${emu.url}/sts`} prefix=${prefix}></cos-uploader>`);
    uploader.addFiles([new File(['hello'], 'a.txt', { type: 'text/plain' })]);
    await until(() => !!uploader.shadowRoot!.querySelector('[part~="setup-hint"]'), 'the setup hint');
    const hint = uploader.shadowRoot!.querySelector('[part~="setup-hint"]')!;
    expect(hint.textContent).to.match(/setup problem/);
    hint.querySelector('button')!.click();
    await until(() => !!uploader.shadowRoot!.querySelector('cos-doctor'), 'the findings');
    const doctor = uploader.shadowRoot!.querySelector<CosDoctor>('cos-doctor')!;
    expect(errorsOf(doctor.findings!)).to.deep.equal(['endpoint-unreachable']);
  });
});
