import { expect } from '@open-wc/testing';
import { runBrowserDoctor } from '../../../src/elements/doctor/browser-doctor.js';
import { doctorEmulator } from './helpers.js';

// Its own file: a CSP once applied to a page cannot be lifted, and each test file gets its own page.
describe('setup doctor: csp-connect in the browser', function () {
  this.timeout(60_000);

  it('a page CSP whose connect-src leaves out the emulator: csp-connect, not a CORS or endpoint error', async () => {
    const emu = await doctorEmulator();
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    // 'self' and ws: keep the test runner's own connections working.
    meta.content = "connect-src 'self' ws:";
    document.head.append(meta);
    const findings = await runBrowserDoctor({ bucket: emu.bucket, region: emu.region, endpoint: emu.endpoint, tokenUrl: `${emu.url}/sts`, prefix: 'csp/' });
    const errors = findings.filter((f) => f.severity === 'error').map((f) => f.code);
    expect(errors).to.deep.equal(['csp-connect']);
    const csp = findings.find((f) => f.code === 'csp-connect')!;
    expect(csp.message).to.contain(new URL(emu.url).origin);
    expect(csp.fix).to.contain('connect-src');
  });
});
