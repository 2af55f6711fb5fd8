import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasTokenSource, tokenProviderFor, type TokenProviderFactories } from '../../../src/core/auth/token-source.js';
import type { TokenProvider } from '../../../src/core/types.js';

const given: TokenProvider = { getAuthorization: async () => ({ Authorization: 'given' }) } as unknown as TokenProvider;

function recording(): TokenProviderFactories & { made: string[] } {
  const made: string[] = [];
  const provider = (kind: string) => (url: string) => {
    made.push(`${kind} ${url}`);
    return { getAuthorization: async () => ({ Authorization: kind }) } as unknown as TokenProvider;
  };
  return { made, sts: provider('sts'), signer: provider('signer') };
}

test('a page-supplied provider wins over both URLs and builds nothing', () => {
  const make = recording();
  assert.equal(tokenProviderFor({ tokenProvider: given, tokenUrl: '/sts', signUrl: '/sign' }, make), given);
  assert.deepEqual(make.made, []);
});

test('a token URL wins over a sign URL', () => {
  const make = recording();
  tokenProviderFor({ tokenUrl: '/sts', signUrl: '/sign' }, make);
  assert.deepEqual(make.made, ['sts /sts']);
});

test('a sign URL alone builds the signer provider', () => {
  const make = recording();
  tokenProviderFor({ signUrl: '/sign' }, make);
  assert.deepEqual(make.made, ['signer /sign']);
});

test('no source: no provider, and hasTokenSource agrees (empty strings count as unset)', () => {
  const make = recording();
  for (const source of [{}, { tokenUrl: '', signUrl: '' }]) {
    assert.equal(tokenProviderFor(source, make), undefined);
    assert.equal(hasTokenSource(source), false);
  }
  assert.equal(hasTokenSource({ signUrl: '/sign' }), true);
  assert.equal(hasTokenSource({ tokenProvider: given }), true);
  assert.deepEqual(make.made, []);
});
