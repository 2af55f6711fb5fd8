import type { PicOperationRule } from '../../core/index.js';
import type { UploadSnapshot } from '../../core/types.js';
import type { RejectionReason } from '../../events/file-rejected.js';
import { formatBytes, formatMessage, type Locale } from '../shared/i18n.js';
import type { PickedFile } from './dropped-files.js';
import { KeyAllocator, objectKeyFor } from './keys.js';
import { choosePicOperations, isProcessableImage, picOperationsFor } from './pic-operations.js';
import { checkRestrictions } from './restrictions.js';
import type { UploaderStrings } from './strings.js';
import { MAX_KEY_BYTES } from '../../core/limits.js';

/** The element settings that decide whether and how a file is taken. */
export interface IntakeSettings {
  keyPrefix: string;
  accept: string;
  maxFileSize?: number;
  maxFiles?: number;
  multiple: boolean;
  picOperations: string;
  rules?: readonly PicOperationRule[];
  multipartThreshold?: number;
  partSize?: number;
}

export interface IntakeRefusal {
  file: File;
  reason: RejectionReason;
  message: string;
}

export interface IntakePlan {
  ready: { file: File; key: string; picOperations?: string }[];
  refused: IntakeRefusal[];
}

/** COS keys are at most 850 bytes of UTF-8 (docs/protocol.md#limits). */
const utf8 = new TextEncoder();

/** Mistakes in the settings, in plain words. `attribute(name)` gives the raw text an author wrote. */
export function configProblems(settings: IntakeSettings, s: UploaderStrings, attribute: (name: string) => string | null): string[] {
  const problems: string[] = [];
  const sizes = { 'max-file-size': settings.maxFileSize, 'multipart-threshold': settings.multipartThreshold, 'part-size': settings.partSize };
  for (const [name, value] of Object.entries(sizes)) {
    if (Number.isNaN(value)) problems.push(formatMessage(s.configInvalidSize, { attribute: name, value: attribute(name) ?? '' }));
  }
  const { problem } = choosePicOperations(settings.picOperations, settings.rules);
  if (problem) problems.push(formatMessage(s.configInvalidPicOperations, { reason: problem }));
  return problems;
}

/** Every picked file refused for one reason (a configuration problem): nothing is sent. */
export function refuseAll(picked: readonly { file: File }[], reason: string, s: UploaderStrings): IntakeRefusal[] {
  return picked.map(({ file }) => ({ file, reason: 'config', message: formatMessage(s.rejectedConfig, { name: file.name, reason }) }));
}

/**
 * Decides, before any request, which picked files join the queue and under which key, with which
 * Pic-Operations; the others get a reason and a message. `listed` is the queue as it stands.
 */
export function planIntake(
  picked: readonly PickedFile[],
  listed: readonly UploadSnapshot[],
  settings: IntakeSettings,
  s: UploaderStrings,
  locale: Locale,
): IntakePlan {
  const refused: IntakeRefusal[] = [];
  const paths = new Map(picked.map(({ file, path }) => [file, path]));
  const counted = listed.filter((u) => u.status !== 'cancelled');
  const maxFiles = settings.multiple ? settings.maxFiles : 1;
  const outcome = checkRestrictions([...paths.keys()], { accept: settings.accept, maxFileSize: settings.maxFileSize, maxFiles }, counted.length);
  for (const { file, reason } of outcome.rejected) {
    const values = {
      name: file.name,
      types: settings.accept,
      size: formatBytes(file.size, locale),
      max: reason === 'size' ? formatBytes(settings.maxFileSize ?? 0, locale) : (maxFiles ?? 0),
    };
    const template = reason === 'type' ? s.rejectedType : reason === 'size' ? s.rejectedSize : s.rejectedCount;
    refused.push({ file, reason, message: formatMessage(template, values) });
  }
  const { header } = choosePicOperations(settings.picOperations, settings.rules);
  // Files already uploaded keep their objects: a new file with the same name gets `name-2.ext`.
  const keys = new KeyAllocator(counted.filter((u) => u.status !== 'failed').map((u) => u.key));
  const ready: IntakePlan['ready'] = [];
  for (const file of outcome.accepted) {
    const key = keys.peek(objectKeyFor(settings.keyPrefix, paths.get(file) ?? file.name));
    const perFile = header && isProcessableImage(file) ? picOperationsFor(header, key) : {};
    if (utf8.encode(key).length > MAX_KEY_BYTES) {
      refused.push({ file, reason: 'name', message: formatMessage(s.rejectedName, { name: file.name }) });
    } else if (perFile.problem) {
      const reason = formatMessage(s.configInvalidPicOperations, { reason: perFile.problem });
      refused.push({ file, reason: 'config', message: formatMessage(s.rejectedConfig, { name: file.name, reason }) });
    } else {
      keys.take(key);
      ready.push({ file, key, picOperations: perFile.header });
    }
  }
  return { ready, refused };
}

/** The line under the drop-zone prompt: what is accepted, how big, how many. */
export function restrictionHint(settings: IntakeSettings, s: UploaderStrings, locale: Locale): string {
  const parts: string[] = [];
  if (settings.accept) parts.push(formatMessage(s.acceptHint, { types: settings.accept }));
  if (settings.maxFileSize !== undefined && !Number.isNaN(settings.maxFileSize)) {
    parts.push(formatMessage(s.maxSizeHint, { size: formatBytes(settings.maxFileSize, locale) }));
  }
  if (settings.multiple && settings.maxFiles !== undefined) parts.push(formatMessage(s.maxFilesHint, { count: settings.maxFiles }));
  return parts.join(' · ');
}
