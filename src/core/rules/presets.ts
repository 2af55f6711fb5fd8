/** Ready-made rules for common jobs, offered by the editor and usable on their own. */
import type { PicOperationRule } from './pic-operations.js';

export interface RulePreset {
  id: string;
  label: string;
  rule: PicOperationRule;
}

export const RULE_PRESETS: readonly RulePreset[] = [
  { id: 'thumbnail-webp', label: 'Thumbnail 200 px, WebP', rule: { fileid: '{name}_200.webp', rule: 'imageMogr2/thumbnail/200x/format/webp' } },
  { id: 'avatar', label: 'Square avatar 256×256', rule: { fileid: '{name}_avatar.{ext}', rule: 'imageMogr2/thumbnail/!256x256r/crop/256x256/gravity/center' } },
  {
    id: 'watermark',
    label: 'Text watermark',
    // "© cos-uploader", bottom right, 60 % opaque.
    rule: { fileid: '{name}_wm.{ext}', rule: 'watermark/2/text/wqkgY29zLXVwbG9hZGVy/fill/I0ZGRkZGRg/fontsize/24/dissolve/60/gravity/southeast/dx/10/dy/10' },
  },
  { id: 'strip-q80', label: 'Strip metadata, quality 80', rule: { fileid: '{name}_q80.jpg', rule: 'imageMogr2/strip/format/jpg/quality/80' } },
];
