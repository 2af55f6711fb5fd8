/** Inline icons for the row buttons (no icon font: glyphs like ⧉ are missing from many system fonts). */
import { svg, type SVGTemplateResult } from 'lit';

const frame = (body: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 16 16" width="14" height="14" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const icons = {
  up: frame(svg`<path d="M8 13V3M3.5 7.5 8 3l4.5 4.5" />`),
  down: frame(svg`<path d="M8 3v10M3.5 8.5 8 13l4.5-4.5" />`),
  duplicate: frame(svg`<rect x="5.5" y="5.5" width="8" height="8" rx="1.5" /><path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h1" />`),
  remove: frame(svg`<path d="M4 4l8 8M12 4l-8 8" />`),
};
