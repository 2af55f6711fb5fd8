#!/usr/bin/env node
// A minimal backend for using <cos-uploader> with a REAL COS bucket: it hands the browser temporary keys
// (qcloud-cos-sts), scoped to one key prefix and to the upload actions. The permanent secret stays here.
//
//   COS_SECRET_ID=... COS_SECRET_KEY=... COS_BUCKET=examplebucket-1250000000 COS_REGION=ap-guangzhou \
//   COS_PREFIX=uploads/ ALLOW_ORIGIN=http://127.0.0.1:5173 node demo/server/real-bucket-sts.mjs
//
// Then: <cos-uploader bucket="$COS_BUCKET" region="$COS_REGION" prefix="$COS_PREFIX" token-url="http://127.0.0.1:3000/sts">
import { createServer } from 'node:http';
import STS from 'qcloud-cos-sts';

const env = process.env;
for (const name of ['COS_SECRET_ID', 'COS_SECRET_KEY', 'COS_BUCKET', 'COS_REGION']) {
  if (!env[name]) {
    console.error(`Set ${name} (see the comment at the top of this file).`);
    process.exit(1);
  }
}
const bucket = env.COS_BUCKET;
const region = env.COS_REGION;
const prefix = env.COS_PREFIX ?? 'uploads/';
const appId = bucket.slice(bucket.lastIndexOf('-') + 1);
const port = Number(env.PORT ?? 3000);
const allowOrigin = env.ALLOW_ORIGIN ?? '*';

// The actions a browser upload needs (docs/protocol.md#credentials), and image processing of what it uploaded.
const policy = {
  version: '2.0',
  statement: [
    {
      effect: 'allow',
      action: [
        'name/cos:PutObject', 'name/cos:PostObject', 'name/cos:InitiateMultipartUpload',
        'name/cos:ListMultipartUploads', 'name/cos:ListParts', 'name/cos:UploadPart',
        'name/cos:CompleteMultipartUpload', 'name/cos:AbortMultipartUpload',
        'name/cos:GetObject', 'name/cos:HeadObject', 'name/ci:CreatePicProcessJob',
      ],
      resource: [`qcs::cos:${region}:uid/${appId}:${bucket}/${prefix}*`],
    },
  ],
};

createServer(async (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', allowOrigin);
  res.setHeader('Access-Control-Allow-Headers', 'content-type');
  if (req.method === 'OPTIONS') return void res.writeHead(204).end();
  if (new URL(req.url, 'http://x').pathname !== '/sts') return void res.writeHead(404).end();
  try {
    const data = await STS.getCredential({
      secretId: env.COS_SECRET_ID,
      secretKey: env.COS_SECRET_KEY,
      durationSeconds: 1800,
      region,
      policy,
    });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(data));
  } catch (err) {
    console.error(err);
    res.writeHead(502, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'STS request failed' }));
  }
}).listen(port, '127.0.0.1', () => console.log(`Temporary keys at http://127.0.0.1:${port}/sts (prefix ${prefix})`));
