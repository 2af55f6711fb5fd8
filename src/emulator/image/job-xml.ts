/**
 * The XML of asynchronous picture jobs (docs/processing-jobs.md): the `<Request>` a client submits,
 * and the `<Response><JobsDetail>` the CI host answers with for submit, describe and the callback.
 */
import { XMLParser } from 'fast-xml-parser';
import { invalidArgument } from './errors.js';
import { el, wrap } from './xml.js';

export type JobState = 'Submitted' | 'Running' | 'Success' | 'Failed';

/** A job as persisted: everything needed to describe it, and to run it again after a restart. */
export interface JobRecord {
  id: string;
  state: JobState;
  code: string;
  message: string;
  creationTime: string;
  startTime?: string;
  endTime?: string;
  inputKey: string;
  rule: string;
  isPicInfo: boolean;
  output: { bucket: string; region: string; key: string };
  userData: string;
  jobLevel: string;
  queueId: string;
  callback?: string;
  callbackFormat: 'XML' | 'JSON';
  /** `<PicProcessResult>…` once the job succeeded. */
  result?: string;
}

export type JobRequest = Pick<JobRecord, 'inputKey' | 'rule' | 'isPicInfo' | 'userData' | 'jobLevel' | 'callback' | 'callbackFormat'> & {
  outputKey: string;
  queueId?: string;
};

/** The one queue the emulator has; CI names queues `p` + 32 hex digits. */
export const DEFAULT_QUEUE_ID = 'p' + '0'.repeat(31) + '1';

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true });
const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? '' : String(value));
const record = (value: unknown) => (value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined);

/** Reads a submit body; throws InvalidArgument naming the first problem. */
export function parseJobRequest(xmlBody: string, bucket: string, region: string): JobRequest {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xmlBody) as Record<string, unknown>;
  } catch (error) {
    throw invalidArgument(`The request body is not valid XML: ${(error as Error).message}`);
  }
  const request = record(doc.Request);
  if (!request) throw invalidArgument('The body must be a <Request> element.');
  if (text(request.Tag) !== 'PicProcess') throw invalidArgument(`Tag must be PicProcess; got "${text(request.Tag)}".`);
  const inputKey = text(record(request.Input)?.Object).replace(/^\/+/, '');
  if (!inputKey) throw invalidArgument('Input/Object is required.');
  const operation = record(request.Operation);
  if (!operation) throw invalidArgument('Operation is required.');
  if (operation.TemplateId !== undefined) throw invalidArgument('TemplateId is not supported by the emulator; put the rule inline in Operation/PicProcess.');
  const pic = record(operation.PicProcess) ?? {};
  const rule = text(pic.ProcessRule ?? pic.Rule ?? operation.Rule);
  if (!rule) throw invalidArgument('Operation/PicProcess/ProcessRule (or Rule) is required.');
  const out = record(operation.Output) ?? {};
  const outputKey = text(out.Object).replace(/^\/+/, '');
  if (!outputKey) throw invalidArgument('Operation/Output/Object is required.');
  const outBucket = text(out.Bucket) || bucket;
  const outRegion = text(out.Region) || region;
  if (outBucket !== bucket || outRegion !== region) {
    throw invalidArgument(`Output ${outBucket}/${outRegion}: the emulator writes job results into ${bucket} (${region}) only.`);
  }
  const format = text(request.CallBackFormat || 'XML').toUpperCase();
  if (format !== 'XML' && format !== 'JSON') throw invalidArgument(`CallBackFormat must be XML or JSON; got "${format}".`);
  const type = text(request.CallBackType || 'Url');
  if (type !== 'Url') throw invalidArgument(`CallBackType ${type} is not supported by the emulator (only Url).`);
  const callback = text(request.CallBack);
  if (callback && callback !== 'no' && !/^https?:\/\/[^\s]+$/i.test(callback)) throw invalidArgument(`CallBack "${callback}" is not an http(s) URL.`);
  return {
    inputKey, rule, outputKey,
    isPicInfo: !['false', '0'].includes(text(pic.IsPicInfo ?? 'true').toLowerCase()),
    userData: text(operation.UserData),
    jobLevel: text(operation.JobLevel) || '0',
    queueId: text(request.QueueId) || undefined,
    callback: callback && callback !== 'no' ? callback : undefined,
    callbackFormat: format,
  };
}

/** One `<JobsDetail>` element. */
export function jobsDetailXml(job: JobRecord, bucket: string, region: string): string {
  const output = wrap('Output', el('Region', job.output.region) + el('Bucket', job.output.bucket) + el('Object', job.output.key));
  const pic = wrap('PicProcess', el('IsPicInfo', String(job.isPicInfo)) + el('ProcessRule', job.rule));
  return wrap('JobsDetail', [
    el('Code', job.code), el('Message', job.message), el('JobId', job.id), el('State', job.state),
    el('CreationTime', job.creationTime), el('StartTime', job.startTime ?? '-'), el('EndTime', job.endTime ?? '-'),
    el('QueueId', job.queueId), el('Tag', 'PicProcess'),
    wrap('Input', el('Region', region) + el('Bucket', bucket) + el('Object', job.inputKey)),
    wrap('Operation', pic + output + el('UserData', job.userData) + el('JobLevel', job.jobLevel) + (job.result ?? '')),
  ].join(''));
}

/** The answer to a describe: CI answers 200 for an unknown id too, listing it under NonExistJobIds. */
export function describeXml(job: JobRecord | undefined, jobId: string, bucket: string, region: string): string {
  return wrap('Response', job ? jobsDetailXml(job, bucket, region) : el('NonExistJobIds', jobId));
}

/** The completion notice POSTed to the job's CallBack URL. */
export function callbackBody(job: JobRecord, bucket: string, region: string): { body: string; contentType: string } {
  const xml = wrap('Response', el('EventName', 'TaskFinish') + jobsDetailXml(job, bucket, region));
  if (job.callbackFormat === 'XML') return { body: xml, contentType: 'application/xml' };
  return { body: JSON.stringify(parser.parse(xml)), contentType: 'application/json' };
}
