import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildCompleteMultipartUploadXml, escapeXml } from '../../../src/core/xml/build.js';
import { parseXml } from '../../../src/core/xml/parse.js';
import { CosError } from '../../../src/core/http/errors.js';

describe('CompleteMultipartUpload body', () => {
  it('is byte-identical to what cos-js-sdk-v5 sends (docs/protocol.md#multipart-upload): no declaration, no whitespace, &quot;', () => {
    const body = buildCompleteMultipartUploadXml([
      { partNumber: 1, etag: '"60e31088852a04463d30a13f0d3c5bee"' },
      { partNumber: 2, etag: '"d899fbd1e06109ea2e4550f5751c88d6"' },
    ]);
    assert.equal(
      body,
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;60e31088852a04463d30a13f0d3c5bee&quot;</ETag></Part>' +
        '<Part><PartNumber>2</PartNumber><ETag>&quot;d899fbd1e06109ea2e4550f5751c88d6&quot;</ETag></Part></CompleteMultipartUpload>',
    );
  });

  it('sorts parts ascending and quotes bare ETags', () => {
    const body = buildCompleteMultipartUploadXml([
      { partNumber: 3, etag: 'ccc' },
      { partNumber: 1, etag: '"aaa"' },
    ]);
    assert.equal(
      body,
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;aaa&quot;</ETag></Part>' +
        '<Part><PartNumber>3</PartNumber><ETag>&quot;ccc&quot;</ETag></Part></CompleteMultipartUpload>',
    );
  });

  it('escapes markup in ETags, and the body parses back to the same values', async () => {
    const body = buildCompleteMultipartUploadXml([{ partNumber: 1, etag: '"a<b>&\'c"' }]);
    assert.match(body, /<ETag>&quot;a&lt;b&gt;&amp;&apos;c&quot;<\/ETag>/);
    const doc = await parseXml(body, { status: 200, headers: {} });
    assert.deepEqual(doc.element, { Part: { PartNumber: '1', ETag: '"a<b>&\'c"' } });
  });

  for (const [label, parts, message] of [
    ['no parts', [], /at least one part/],
    ['duplicate part numbers', [{ partNumber: 2, etag: 'a' }, { partNumber: 2, etag: 'b' }], /part 2 is listed twice/],
    ['part number 0', [{ partNumber: 0, etag: 'a' }], /not an integer in 1\.\.10000/],
    ['part number 10001', [{ partNumber: 10001, etag: 'a' }], /not an integer in 1\.\.10000/],
    ['fractional part number', [{ partNumber: 1.5, etag: 'a' }], /not an integer/],
    ['empty ETag', [{ partNumber: 1, etag: '""' }], /part 1 has no ETag/],
  ] as const) {
    it(`refuses ${label} with a clear client error`, () => {
      assert.throws(
        () => buildCompleteMultipartUploadXml(parts as unknown as { partNumber: number; etag: string }[]),
        (err: unknown) => err instanceof CosError && err.code === 'InvalidArgument' && err.source === 'client' && message.test(err.message),
      );
    });
  }

  it('escapeXml covers the five XML specials', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
