// Uppy for the bench page's "many files through the element" section: core + Dashboard + aws-s3, as a page would ship it.
export { default as Uppy } from '@uppy/core';
export { default as Dashboard } from '@uppy/dashboard';
export { default as AwsS3 } from '@uppy/aws-s3';
