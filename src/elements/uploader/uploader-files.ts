import { html, type TemplateResult } from 'lit';
import { FileListController } from './file-list.js';
import type { UploadManagerApi, UploadSnapshot } from '../../core/types.js';
import { applyRowAction, renderFileRow, type RowContext, type RowExtras } from './file-row.js';
import { renderProcessedResults, resultsView, type ResultsSettings } from './processed-results.js';
import type { CosClient } from '../../core/client.js';
import type { EditHost, RowEdits } from './edit/row-edits.js';
import { applyBulkAction, renderToolbar, type ListSummary } from './toolbar.js';

// The file list's chunk entry (see files-view-loader.ts): everything the rows need comes through here.
export { FileListController };

export interface FilesView {
  uploads: readonly UploadSnapshot[];
  summary: ListSummary;
  manager: UploadManagerApi;
  list: FileListController;
  failedOnly: boolean;
  onFailedOnly(on: boolean): void;
  row: Omit<RowContext, 'renderResults' | 'onAction'>;
  /** A row's "Retry processing" (its other buttons act on the manager here). */
  retryProcessing(id: string): void;
  /** How processed results are shown under a row: the element's settings and its client (signed URLs, process again). */
  results: { settings: ResultsSettings; client?: CosClient };
  /** Element settings the rows depend on besides the row context's texts and state. */
  deps: readonly unknown[];
}

let editsModule: typeof import('./edit/row-edits.js') | undefined;
let editsLoading: Promise<void> | undefined;

/**
 * The row edits of a host with `editable` (docs/editing.md): a chunk of their own, fetched the first time a list
 * renders with the attribute, so pages without it never load them. Undefined until it is there (then a re-render).
 */
function rowEditsOf(host: EditHost): RowEdits | undefined {
  if (!host.hasAttribute('editable')) return undefined;
  if (editsModule) return editsModule.rowEditsFor(host);
  editsLoading ??= import('./edit/row-edits.js').then(
    (module) => void (editsModule = module),
    () => void (editsLoading = undefined),
  );
  void editsLoading.then(() => host.requestUpdate());
  return undefined;
}

/** The summary header and the file list under the drop zone. */
export function renderFiles(view: FilesView): TemplateResult {
  // No closure here may use `view`: a row not drawn again keeps its buttons' closures, and through them this call's
  // whole list of snapshots (docs/many-files-throughput.md#what-a-finished-file-keeps).
  const { manager, results, retryProcessing } = view;
  const { strings } = view.row;
  const row: RowContext = {
    ...view.row,
    onAction: (action, upload) => (action === 'retryProcessing' ? retryProcessing(upload.id) : applyRowAction(manager, action, upload.id)),
    renderResults: (upload, result) => renderProcessedResults(resultsView(results.settings, results.client, upload, result, strings)),
  };
  const edits = rowEditsOf(view.list.host as unknown as EditHost);
  const extras: RowExtras | undefined = edits
    ? { actions: (u, disabled) => edits.renderActions(u, disabled), status: (u) => edits.renderStatus(u), panel: (u) => edits.renderEditor(u) }
    : undefined;
  const shown = view.failedOnly ? view.uploads.filter((u) => u.status === 'failed') : view.uploads;
  return html`${renderToolbar(view.summary, {
    strings: row.strings,
    locale: row.locale,
    disabled: row.disabled,
    failedOnly: view.failedOnly,
    onAction: (action) => applyBulkAction(manager, action),
    onFailedOnly: view.onFailedOnly,
  })}
  ${view.list.render({
    uploads: shown,
    label: row.strings.fileListLabel,
    // A row re-renders when its snapshot or one of these changes, never because another row did.
    deps: [row.strings, row.locale, row.disabled, row.online, manager, ...view.deps],
    row: (upload) => renderFileRow(upload, row, extras),
    processing: (upload) => (upload.status === 'done' ? row.background?.(upload)?.status : undefined),
    rowKey: (upload) => `${upload.retry ? Math.ceil((upload.retry.retryAt - row.now) / 1000) : ''}/${edits ? edits.version(upload.id) : '-'}`,
  })}`;
}
