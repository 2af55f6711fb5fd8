// The pure checks: secure context and the page's Content-Security-Policy (csp-connect).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCsp, checkSecureContext, cspAllows } from '../../../src/core/doctor/context-checks.js';

const PAGE = 'https://app.example.com';
const COS = 'https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com';

describe('insecure-context', () => {
  test('https pages and http://localhost are fine; plain http elsewhere is a warning', () => {
    assert.equal(checkSecureContext(PAGE, [COS])[0].severity, 'ok');
    assert.equal(checkSecureContext('http://localhost:5173', ['http://127.0.0.1:9100/b'])[0].severity, 'ok');
    assert.equal(checkSecureContext('http://app.example.com', [COS])[0].severity, 'warning');
    assert.equal(checkSecureContext(PAGE, [COS], false)[0].severity, 'warning');
  });
  test('an https page calling an http endpoint or token URL is mixed content: error', () => {
    const findings = checkSecureContext(PAGE, ['http://cos.example.com/b', '/sts']);
    assert.deepEqual(findings.map((f) => f.severity), ['error']);
    assert.match(findings[0].fix, /https:\/\/ for http:\/\/cos\.example\.com/);
  });
});

describe('csp-connect', () => {
  test('source expressions: self, *, schemes, wildcard hosts, ports, paths', () => {
    assert.equal(cspAllows(["connect-src 'self'"], '/sts', PAGE), true);
    assert.equal(cspAllows(["connect-src 'self'"], COS, PAGE), false);
    assert.equal(cspAllows(['connect-src *'], COS, PAGE), true);
    assert.equal(cspAllows(['connect-src https:'], COS, PAGE), true);
    assert.equal(cspAllows(['connect-src https://*.myqcloud.com'], COS, PAGE), true);
    assert.equal(cspAllows(['connect-src *.myqcloud.com'], COS, PAGE), true);
    assert.equal(cspAllows(['connect-src https://*.myqcloud.com:8443'], COS, PAGE), false);
    assert.equal(cspAllows(['connect-src http://127.0.0.1:*'], 'http://127.0.0.1:9100/b', 'http://localhost:5173'), true);
    assert.equal(cspAllows(['connect-src https://api.example.com/sts/'], 'https://api.example.com/sts/keys', PAGE), true);
    assert.equal(cspAllows(['connect-src https://api.example.com/sts'], 'https://api.example.com/other', PAGE), false);
    assert.equal(cspAllows(["connect-src 'none'"], '/sts', PAGE), false);
  });
  test('default-src applies without connect-src; every policy must allow', () => {
    assert.equal(cspAllows(["default-src 'self'; img-src *"], COS, PAGE), false);
    assert.equal(cspAllows(["script-src 'self'"], COS, PAGE), true);
    assert.equal(cspAllows(['connect-src *', "connect-src 'self'"], COS, PAGE), false);
  });
  test('the finding names the blocked origins and the directive to extend; violations seen count too', () => {
    const [blocked] = checkCsp(["default-src 'self'"], [COS, '/sts'], PAGE);
    assert.equal(blocked.severity, 'error');
    assert.match(blocked.message, /examplebucket-1250000000\.cos\.ap-guangzhou\.myqcloud\.com/);
    assert.doesNotMatch(blocked.message, /app\.example\.com/);
    assert.match(blocked.fix, /connect-src 'self' https:\/\/examplebucket/);
    assert.equal(checkCsp([], [COS], PAGE)[0].severity, 'ok');
    assert.equal(checkCsp([], [COS], PAGE, [`${COS}/a.txt`])[0].severity, 'error');
  });
});
