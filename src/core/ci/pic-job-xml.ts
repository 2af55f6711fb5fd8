/** The XML of the CI picture-job API (docs/processing-jobs.md): the submit body and the `<JobsDetail>` mapping. */
import { escapeXml } from '../xml/build.js';
import type { XmlReader } from '../xml/nodes.js';
import { mapImageInfo } from '../xml/responses.js';
import type { PicJob, PicJobRequest, PicJobState } from './types.js';

const el = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
const optional = (name: string, value: string | undefined) => (value ? el(name, value) : '');

/** `<Request><Tag>PicProcess</Tag>…` for one job, the rule inline (no template). */
export function buildPicJobRequestXml(request: PicJobRequest, bucket: string, region: string): string {
  const output = el('Region', request.outputRegion ?? region) + el('Bucket', request.outputBucket ?? bucket) + el('Object', request.outputKey);
  const operation = [
    `<PicProcess>${el('IsPicInfo', String(request.isPicInfo ?? true))}${el('ProcessRule', request.rule)}</PicProcess>`,
    `<Output>${output}</Output>`,
    optional('UserData', request.userData),
  ].join('');
  return [
    '<Request>',
    el('Tag', 'PicProcess'),
    `<Input>${el('Object', request.inputKey)}</Input>`,
    `<Operation>${operation}</Operation>`,
    optional('QueueId', request.queueId),
    optional('CallBack', request.callbackUrl),
    request.callbackUrl ? el('CallBackFormat', request.callbackFormat ?? 'XML') : '',
    '</Request>',
  ].join('');
}

const STATES: readonly PicJobState[] = ['Submitted', 'Running', 'Success', 'Failed', 'Pause', 'Cancel'];
const time = (value: string | undefined) => (value && value !== '-' ? value : undefined);

/** One `<JobsDetail>` → PicJob; the result is mapped to the shape `<UploadResult>` objects have. */
export function mapJobsDetail(detail: XmlReader, location: (key: string) => string): PicJob {
  const state = detail.requireText('State') as PicJobState;
  if (!STATES.includes(state)) throw detail.fail(`<JobsDetail> has an unknown <State> "${state}"`);
  const operation = detail.child('Operation');
  const outputKey = operation?.child('Output')?.text('Object') ?? '';
  const picResult = operation?.child('PicProcessResult');
  const processed = picResult?.child('ProcessResult');
  const original = picResult?.child('OriginalInfo');
  const imageInfo = original?.child('ImageInfo');
  const resultKey = picResult?.text('ObjectName') || outputKey;
  return {
    jobId: detail.requireText('JobId'),
    state,
    code: detail.text('Code') ?? '',
    message: detail.text('Message') ?? '',
    inputKey: detail.child('Input')?.text('Object') ?? '',
    outputKey,
    userData: operation?.text('UserData') || undefined,
    creationTime: time(detail.text('CreationTime')),
    startTime: time(detail.text('StartTime')),
    endTime: time(detail.text('EndTime')),
    originalInfo: original ? { etag: original.text('Etag') ?? original.text('ETag') ?? '', imageInfo: imageInfo ? mapImageInfo(imageInfo) : undefined } : undefined,
    result: processed && state === 'Success'
      ? {
          key: resultKey,
          location: location(resultKey),
          format: processed.text('Format') ?? '',
          width: processed.number('Width') ?? 0,
          height: processed.number('Height') ?? 0,
          size: processed.number('Size') ?? 0,
          quality: processed.number('Quality'),
          etag: processed.text('Etag') ?? processed.text('ETag') ?? '',
          frameCount: processed.number('FrameCount'),
        }
      : undefined,
  };
}
