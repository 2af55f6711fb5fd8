import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CosError, type CosErrorInit } from '../../../src/core/http/errors.js';
import { classifyError, backoffDelay, slowDownDelay, type RetryAction } from '../../../src/core/http/retry.js';
import { cosErrorFromResponse } from '../../../src/core/xml/error.js';

const err = (init: Partial<CosErrorInit>) => new CosError({ code: 'X', message: 'm', ...init });

describe('classifyError: the retry table (docs/protocol.md#retries)', () => {
  const table: [string, unknown, RetryAction][] = [
    ['network error (status 0)', err({ code: 'NetworkError', status: 0, source: 'network', retryable: true }), 'retry'],
    ['500 InternalError', err({ code: 'InternalError', status: 500 }), 'retry'],
    ['502 HTML page from a proxy', err({ code: 'InvalidResponse', status: 502, source: 'network' }), 'retry'],
    ['504 gateway timeout', err({ code: 'GatewayTimeout', status: 504 }), 'retry'],
    ['503 ServiceUnavailable', err({ code: 'ServiceUnavailable', status: 503 }), 'slow-down'],
    ['503 SlowDown', err({ code: 'SlowDown', status: 503 }), 'slow-down'],
    ['429 without body', err({ code: 'SlowDown', status: 429 }), 'slow-down'],
    ['RequestTimeTooSkewed', err({ code: 'RequestTimeTooSkewed', status: 403 }), 'resign'],
    ['AccessDenied "Request has expired"', err({ code: 'AccessDenied', status: 403, message: 'Request has expired' }), 'resign'],
    ['ExpiredToken', err({ code: 'ExpiredToken', status: 400 }), 'resign'],
    ['AccessDenied (policy)', err({ code: 'AccessDenied', status: 403, message: 'Access Denied.' }), 'fail'],
    ['SignatureDoesNotMatch', err({ code: 'SignatureDoesNotMatch', status: 403 }), 'fail'],
    ['NoSuchKey', err({ code: 'NoSuchKey', status: 404 }), 'fail'],
    ['NoSuchUpload', err({ code: 'NoSuchUpload', status: 404 }), 'fail'],
    ['InvalidPart', err({ code: 'InvalidPart', status: 400 }), 'fail'],
    ['InternalError inside a 200 Complete body', err({ code: 'InternalError', status: 200 }), 'retry'],
    ['InvalidResponse on 200 (garbage)', err({ code: 'InvalidResponse', status: 200 }), 'fail'],
    ['MissingETag', err({ code: 'MissingETag', status: 200, retryable: false }), 'fail'],
    ['provider CredentialsError', err({ code: 'CredentialsError', source: 'provider', status: 500, retryable: true }), 'fail'],
    ['provider ExpiredCredentials', err({ code: 'ExpiredCredentials', source: 'provider' }), 'fail'],
    ['client InvalidKey', err({ code: 'InvalidKey', source: 'client', retryable: false }), 'fail'],
    ['a plain Error', new Error('boom'), 'fail'],
    ['an AbortError', new DOMException('aborted', 'AbortError'), 'fail'],
  ];
  for (const [label, error, expected] of table) {
    it(`${label} → ${expected}`, () => assert.equal(classifyError(error), expected));
  }

  it('works on errors mapped from real responses', async () => {
    const slow = await cosErrorFromResponse({ status: 503, headers: {}, text: '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>' });
    assert.equal(classifyError(slow), 'slow-down');
    const expired = await cosErrorFromResponse({ status: 403, headers: {}, text: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' });
    assert.equal(classifyError(expired), 'resign');
  });
});

describe('back-off delays', () => {
  it('backoffDelay has full jitter under an exponential, capped ceiling', () => {
    assert.equal(backoffDelay(0, { random: () => 0.999999 }), 300);
    assert.equal(backoffDelay(3, { random: () => 0.5 }), 1200);
    assert.equal(backoffDelay(20, { random: () => 0.999999, maxMs: 5000 }), 5000);
    assert.equal(backoffDelay(2, { random: () => 0 }), 0);
  });

  it('slowDownDelay waits at least a second and more than a plain back-off', () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      assert.ok(slowDownDelay(attempt, { random: () => 0 }) >= 1000);
      assert.ok(slowDownDelay(attempt, { random: () => 0.99 }) > backoffDelay(attempt, { random: () => 0.99 }));
    }
  });
});
