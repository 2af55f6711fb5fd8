// A file's processed results under its row: part of the file list chunk, since only rows show them
// (docs/bundle-size.md).
import { html, nothing, type TemplateResult } from 'lit';
import type { CosClient } from '../../core/client.js';
import type { UploadResult, UploadSnapshot } from '../../core/types.js';
import { formatMessage } from '../shared/i18n.js';
import { loadElement } from '../shared/lazy-elements.js';
import type { UploaderStrings } from './strings.js';

export interface ResultsView {
  result: UploadResult;
  label: string;
  layout: 'compact' | 'detailed';
  theme?: string;
  urlFor?: (key: string) => Promise<string>;
  processAgain?: (key: string, picOperations: string) => Promise<UploadResult>;
}

/** A file's processed images, shown by `<cos-results>` with its parts re-exported under `results-*`. */
export function renderProcessedResults(view: ResultsView): TemplateResult {
  // Defines <cos-results> where it is a lazy chunk; until then the tag waits, its properties kept.
  void loadElement('cos-results').catch(() => undefined);
  return html`<cos-results
    class="results"
    layout=${view.layout}
    theme=${view.theme ?? nothing}
    label=${view.label}
    exportparts="grid: results-grid, item: results-item, image: results-image, caption: results-caption"
    .results=${view.result}
    .urlFor=${view.urlFor}
    .processAgain=${view.processAgain}
  ></cos-results>`;
}

/** The element settings a file's processed results are shown with. */
export interface ResultsSettings {
  resultsLayout: 'compact' | 'detailed';
  theme?: string;
  urlFor?: (key: string) => Promise<string>;
}

/** How to show one file's processed results: signed URLs and "process again" through the element's client. */
export function resultsView(settings: ResultsSettings, client: CosClient | undefined, upload: UploadSnapshot, result: UploadResult, s: UploaderStrings): ResultsView {
  return {
    result,
    label: formatMessage(s.processedResults, { name: upload.name }),
    layout: settings.resultsLayout,
    theme: settings.theme,
    urlFor: settings.urlFor ?? (client ? (key) => client.getObjectUrl(key) : undefined),
    processAgain: client ? (key, header) => client.imageProcess(key, header) : undefined,
  };
}
