// A fresh Vite app using the installed package: the elements register, the core API is typed.
import 'cos-uploader';
import { CosClient, createStsTokenProvider, parseRule } from 'cos-uploader';

const uploader = document.createElement('cos-uploader');
uploader.bucket = 'examplebucket-1250000000';
uploader.region = 'ap-guangzhou';
uploader.tokenUrl = '/sts';
uploader.addEventListener('cos-upload-success', (event) => console.log('stored', event.detail.key));
document.body.append(uploader, document.createElement('cos-rule-editor'), document.createElement('cos-results'));

export const client = new CosClient({ bucket: uploader.bucket, region: uploader.region, tokenProvider: createStsTokenProvider({ url: '/sts' }) });
export const issues = parseRule('imageMogr2/thumbnail/200x').issues.length;
