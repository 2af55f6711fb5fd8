/** Texts of <cos-rule-editor> in English (the Chinese ones are in catalogue-zh.ts); pages may override any of them. */
import type { Locale } from '../shared/i18n.js';
import { zhPackFor } from './locale-pack.js';

export interface RuleEditorStrings {
  rules: string;
  addRule: string;
  maxRules: string;
  presets: string;
  presetsPlaceholder: string;
  ruleHeading: string;
  fileid: string;
  fileidHelp: string;
  bucket: string;
  bucketHelp: string;
  operations: string;
  addOperation: string;
  chooseOperation: string;
  ruleText: string;
  ruleTextHelp: string;
  moveUp: string;
  moveDown: string;
  duplicate: string;
  remove: string;
  moreOptions: string;
  notSet: string;
  force: string;
  keepSmaller: string;
  colorText: string;
  rawText: string;
  unknownParam: string;
  resizeMode: string;
  width: string;
  height: string;
  percent: string;
  area: string;
  offsetX: string;
  offsetY: string;
  radius: string;
  sigma: string;
  min: string;
  max: string;
  amount: string;
  unit: string;
  picInfo: string;
  header: string;
  headerHelp: string;
  empty: string;
  preview: string;
  original: string;
  previewHint: string;
  sampleUpload: string;
  uploadingSample: string;
  rendering: string;
  previewBlocked: string;
  previewStyle: string;
  previewFailed: string;
  emptyRule: string;
  errorCount: string;
}

const en: RuleEditorStrings = {
  rules: 'Rules',
  addRule: 'Add rule',
  maxRules: 'Pic-Operations allows at most 5 rules.',
  presets: 'Preset',
  presetsPlaceholder: 'Add a preset…',
  ruleHeading: 'Rule {n}',
  fileid: 'Output key (fileid)',
  fileidHelp: 'Relative to the uploaded file’s folder; a leading / starts at the bucket root. {name}, {ext} and {filename} are filled in per file.',
  bucket: 'Output bucket',
  bucketHelp: 'Optional, BucketName-APPID; the upload’s bucket when empty.',
  operations: 'Operations of rule {n}',
  addOperation: 'Add operation',
  chooseOperation: 'Operation to add',
  ruleText: 'Rule text',
  ruleTextHelp: 'Edit the rule directly; the form follows.',
  moveUp: 'Move {name} up',
  moveDown: 'Move {name} down',
  duplicate: 'Duplicate {name}',
  remove: 'Remove {name}',
  moreOptions: 'More options',
  notSet: 'Not set',
  force: 'Force (!)',
  keepSmaller: 'Keep the smaller file (!)',
  colorText: 'Hex',
  rawText: 'Kept as written',
  unknownParam: 'Unknown parameter, kept as written',
  resizeMode: 'Resize mode',
  width: 'Width',
  height: 'Height',
  percent: 'Percent',
  area: 'Total pixels',
  offsetX: 'Left (dx)',
  offsetY: 'Top (dy)',
  radius: 'Radius',
  sigma: 'Sigma',
  min: 'Minimum',
  max: 'Maximum',
  amount: 'Amount',
  unit: 'Unit',
  picInfo: 'Return the original image’s info (is_pic_info)',
  header: 'Pic-Operations header',
  headerHelp: 'Edit or paste a header; the form follows.',
  empty: 'No rules yet: add one or pick a preset.',
  preview: 'Preview',
  original: 'Original',
  previewHint: 'Choose a sample image to see each rule’s output.',
  sampleUpload: 'Sample image',
  uploadingSample: 'Uploading the sample…',
  rendering: 'Rendering…',
  previewBlocked: 'Fix the errors to preview this rule.',
  previewStyle: 'Saved styles cannot be previewed here.',
  previewFailed: 'Preview failed: {message}',
  emptyRule: 'Empty rule',
  errorCount: '{n} problem(s)',
};

/** The locale's table: the Chinese one comes with the Chinese pack (a chunk of its own, loaded per language). */
export function ruleEditorStrings(locale: Locale): RuleEditorStrings {
  return zhPackFor(locale)?.ruleEditorZh ?? en;
}
