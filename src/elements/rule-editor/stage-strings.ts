/** English texts of the on-image editor and the comparison (loaded with them); pages override them through `strings` too. */
import type { Locale } from '../shared/i18n.js';
import { zhPackFor } from './locale-pack.js';

export interface StageStrings {
  stage: string;
  stageOperation: string;
  stageInput: string;
  stageLoading: string;
  stageNone: string;
  stageHelpRegion: string;
  stageHelpWatermark: string;
  stageHelpThumbnail: string;
  stageHelpFixed: string;
  regionLabel: string;
  cornerLabel: string;
  markerLabel: string;
  thumbHandleLabel: string;
  thumbResult: string;
  stageImageAlt: string;
  compare: string;
  compareSlider: string;
  compareValue: string;
  compareOutputAlt: string;
}

const en: StageStrings = {
  stage: 'Edit on the image',
  stageOperation: 'Operation',
  stageInput: 'What {op} receives: {w} × {h} px',
  stageLoading: 'Loading the image this operation receives…',
  stageNone: 'Add a cut, crop, resize or watermark operation to edit it on the image.',
  stageHelpRegion: 'Drag on the image to draw the region; drag it or its corners to adjust. Click to set the position (gravity). Arrow keys move the focused region or corner by 1 px, with Shift by 10 px.',
  stageHelpWatermark: 'Drag the marker to set the watermark’s margins (dx, dy) from its position; click the image to choose the position. Arrow keys move the marker by 1 px, with Shift by 10 px.',
  stageHelpThumbnail: 'Drag the corner handle to set the size. Arrow keys change it by 1 px, with Shift by 10 px.',
  stageHelpFixed: 'This resize mode (percentage or area) has no box to drag; use the form.',
  regionLabel: 'Region {w} × {h} px at {x}, {y}',
  cornerLabel: '{corner} corner of the region',
  markerLabel: 'Watermark at {gravity}, dx {dx}, dy {dy}',
  thumbHandleLabel: 'Resize box {w} × {h} px',
  thumbResult: 'Output {w} × {h} px',
  stageImageAlt: 'The image {op} receives',
  compare: 'Before and after',
  compareSlider: 'Split between the original and {rule}',
  compareValue: '{n}% original',
  compareOutputAlt: 'Output of {rule}',
};

/** The stage's texts in a locale; the Chinese ones come with the rule editor's Chinese pack (locale-pack.ts). */
export function stageStrings(locale: Locale): StageStrings {
  return zhPackFor(locale)?.stageZh ?? en;
}
