// The "Check my bucket" demo page against the demo's emulator: a correct setup, then the emulator without
// Cloud Infinite and with its clock an hour off. A screenshot of the two findings goes to the shots dir.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { startDemo, type Demo } from './harness.js';
import { axeViolations, openDemo } from './page.js';

const SHOTS = process.env.E2E_SHOTS_DIR ?? '/tmp/shots-e2e';

interface Shown {
  status: string;
  problems: { severity: string; code: string; fix: string }[];
  passed: number;
}

async function runCheck(page: Page): Promise<Shown> {
  await page.evaluate(() => {
    const flag = window as unknown as { doctorDone: boolean };
    flag.doctorDone = false;
    document.querySelector('cos-doctor')!.addEventListener('cos-doctor-complete', () => (flag.doctorDone = true), { once: true });
  });
  await page.getByRole('button', { name: 'Run the check' }).click();
  await page.waitForFunction(() => (window as unknown as { doctorDone: boolean }).doctorDone, undefined, { timeout: 60_000 });
  await page.evaluate(() => (document.querySelector('cos-doctor') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete);
  return page.evaluate(() => {
    const root = document.querySelector('cos-doctor')!.shadowRoot!;
    return {
      status: root.querySelector('[part~="status"]')!.textContent!.trim(),
      problems: [...root.querySelectorAll('[part~="findings"] > li')].map((li) => ({
        severity: li.classList.contains('error') ? 'error' : 'warning',
        code: li.querySelector('[part="code"]')!.textContent!,
        fix: li.querySelector('[part="fix"]')?.textContent ?? '',
      })),
      passed: root.querySelectorAll('[part~="passed"] li').length,
    };
  });
}

describe('demo: Check my bucket', { timeout: 180_000 }, () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => demo?.close());

  it('the emulator as configured passes; unbound Cloud Infinite and a skewed clock show two errors with fixes', async () => {
    const { page, errors } = await openDemo(demo, '/demo/pages/doctor.html');
    await page.waitForFunction(() => (document.querySelector('input[name="bucket"]') as HTMLInputElement).value !== '');
    assert.deepEqual(await axeViolations(page), []);

    const clean = await runCheck(page);
    assert.deepEqual(clean.problems, [], clean.status);
    assert.match(clean.status, /No problems found/);
    assert.ok(clean.passed >= 10, `${clean.passed} checks passed`);

    await page.getByLabel('Unbind Cloud Infinite').check();
    await page.getByLabel('Set the COS clock one hour ahead').check();
    const broken = await runCheck(page);
    assert.deepEqual(broken.problems.map((p) => `${p.severity} ${p.code}`).sort(), ['error ci-disabled', 'error clock-skew']);
    assert.match(broken.problems.find((p) => p.code === 'ci-disabled')!.fix, /Bind Bucket/);
    assert.match(broken.problems.find((p) => p.code === 'clock-skew')!.fix, /NTP/);
    assert.match(broken.status, /2 problem/);
    assert.deepEqual(await axeViolations(page), []);
    await page.locator('cos-doctor').scrollIntoViewIfNeeded();
    await page.locator('cos-doctor').screenshot({ path: `${SHOTS}/doctor-two-findings.png` });
    await page.screenshot({ path: `${SHOTS}/doctor-page.png`, fullPage: true });

    await page.getByLabel('Unbind Cloud Infinite').uncheck();
    await page.getByLabel('Set the COS clock one hour ahead').uncheck();
    await page.getByLabel('Issue keys for another prefix').check();
    const scoped = await runCheck(page);
    assert.deepEqual(scoped.problems.map((p) => p.code), ['sts-scope']);
    assert.match(scoped.problems[0].fix, /"resource"/);
    assert.deepEqual(errors, []);
  });

  it('in dark mode a warning (no Cloud Infinite, uploads without rules) keeps contrast; screenshot', async () => {
    const { page, errors } = await openDemo(demo, '/demo/pages/doctor.html', { colorScheme: 'dark' });
    await page.waitForFunction(() => (document.querySelector('input[name="bucket"]') as HTMLInputElement).value !== '');
    await page.getByLabel('Uploads use image processing (Pic-Operations)').uncheck();
    await page.getByLabel('Unbind Cloud Infinite').check();
    const shown = await runCheck(page);
    assert.deepEqual(shown.problems.map((p) => `${p.severity} ${p.code}`), ['warning ci-disabled']);
    assert.deepEqual(await axeViolations(page), []);
    await page.locator('cos-doctor').screenshot({ path: `${SHOTS}/doctor-warning-dark.png` });
    await page.getByLabel('Unbind Cloud Infinite').uncheck();
    await runCheck(page);
    assert.deepEqual(errors, []);
  });
});
