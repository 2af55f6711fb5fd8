/// <reference types="cos-uploader/react" />
// Type-checked only (React itself is not installed): the JSX declarations type props and cos-* listeners.
import type { CosUploadSuccessEvent } from 'cos-uploader';

export const typed = (
  <cos-uploader bucket="examplebucket-1250000000" region="ap-guangzhou" multiple token-url="/sts"
    oncos-upload-success={(e: CosUploadSuccessEvent) => e.detail.key} />
);
export const inferred = <cos-uploader oncos-upload-error={(e) => e.detail.error.message} />;
export const editor = <cos-rule-editor oncos-rules-change={(e) => String(e.detail.valid)} />;
export const results = <cos-results hidden />;
// @ts-expect-error -- bucket is a string
export const wrongProp = <cos-uploader bucket={5} />;
// @ts-expect-error -- a success event's detail has no `nope`
export const wrongEvent = <cos-uploader oncos-upload-success={(e) => e.detail.nope} />;
