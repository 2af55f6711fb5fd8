/**
 * The concrete fixes the doctor hands out: where to click in the COS console, the CORS rule to add,
 * the STS policy to issue keys with. What each rule line is for is explained in docs/doctor.md.
 */

/** Methods and headers the widget uses; the recommended CORS rule allows them all. */
export const UPLOAD_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];
export const EXPOSE_HEADERS = ['ETag', 'Date', 'Content-Length', 'x-cos-request-id', 'x-cos-hash-crc64ecma'];

/** STS actions an upload widget needs: simple and multipart uploads, resume, cancel, processing results. */
export const UPLOAD_ACTIONS = [
  'PutObject', 'PostObject', 'InitiateMultipartUpload', 'ListMultipartUploads', 'ListParts', 'UploadPart',
  'CompleteMultipartUpload', 'AbortMultipartUpload', 'GetObject', 'HeadObject',
];

export function corsConsolePath(bucket: string): string {
  return `COS console → Bucket List → ${bucket} → Security Management → CORS (Cross-Origin Resource Sharing) → Add a Rule`;
}

/** The full rule for the page's origin (what the SDK demo recommends plus CRC64 and a cached preflight). */
export function corsRuleXml(origin: string): string {
  return [
    '<CORSRule>',
    `  <AllowedOrigin>${origin}</AllowedOrigin>`,
    ...UPLOAD_METHODS.map((m) => `  <AllowedMethod>${m}</AllowedMethod>`),
    '  <AllowedHeader>*</AllowedHeader>',
    ...EXPOSE_HEADERS.map((h) => `  <ExposeHeader>${h}</ExposeHeader>`),
    '  <MaxAgeSeconds>600</MaxAgeSeconds>',
    '</CORSRule>',
  ].join('\n');
}

/** A fix that names the console field to change and repeats the whole rule, so copying it is enough. */
export function corsFix(bucket: string, origin: string, change: string): string {
  return `${change}\n${corsConsolePath(bucket)} (or PUT Bucket cors / the SDK's putBucketCors) with:\n${corsRuleXml(origin)}`;
}

/** `qcs::cos:<region>:uid/<appid>:<bucket>/<prefix>*`: the resource an STS policy must name. */
export function stsResource(bucket: string, region: string, prefix: string): string {
  const appId = /-(\d+)$/.exec(bucket)?.[1] ?? '<APPID>';
  return `qcs::cos:${region}:uid/${appId}:${bucket}/${prefix}*`;
}

/** The policy the token backend should pass to STS GetFederationToken (qcloud-cos-sts `getCredential`). */
export function stsPolicy(bucket: string, region: string, prefix: string, actions = UPLOAD_ACTIONS): string {
  return JSON.stringify({
    version: '2.0',
    statement: [{
      effect: 'allow',
      action: actions.map((a) => `name/cos:${a}`),
      resource: [stsResource(bucket, region, prefix)],
    }],
  }, null, 2);
}

export function stsFix(bucket: string, region: string, prefix: string, what: string): string {
  return `${what}\nIssue the temporary keys (token backend, STS GetFederationToken) with this policy:\n${stsPolicy(bucket, region, prefix)}`;
}
