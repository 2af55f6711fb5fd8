import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../../src/emulator/xml.js';

describe('emulator request XML', () => {
  it('parses a CompleteMultipartUpload body of 10,000 parts with &quot;-quoted ETags (no entity cap)', () => {
    const parts = Array.from({ length: 10_000 }, (_, i) =>
      `<Part><PartNumber>${i + 1}</PartNumber><ETag>&quot;${(i + 1).toString(16).padStart(32, '0')}&quot;</ETag></Part>`);
    const parsed = parseXml(`<CompleteMultipartUpload>${parts.join('')}</CompleteMultipartUpload>`);
    const list = (parsed?.CompleteMultipartUpload as { Part: { PartNumber: string; ETag: string }[] }).Part;
    assert.equal(list.length, 10_000);
    assert.deepEqual(list[9_999], { PartNumber: '10000', ETag: `"${(10_000).toString(16).padStart(32, '0')}"` });
  });

  it('decodes the predefined entities and leaves undeclared DTD entities unexpanded', () => {
    const parsed = parseXml('<!DOCTYPE x [<!ENTITY a "AAAA">]><Root><V>&lt;a&gt; &amp; &apos;b&apos; &a;</V></Root>');
    assert.deepEqual(parsed?.Root, { V: "<a> & 'b' &a;" });
  });
});
