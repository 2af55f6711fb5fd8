// The Uppy setup a COS user would compare with: core + dashboard UI + S3 multipart (the setup Uppy documents for S3-compatible storage).
import Uppy from '@uppy/core';
import Dashboard from '@uppy/dashboard';
import AwsS3 from '@uppy/aws-s3';

new Uppy().use(Dashboard, { inline: true, target: 'body' }).use(AwsS3, { shouldUseMultipart: true, endpoint: '/x' });
