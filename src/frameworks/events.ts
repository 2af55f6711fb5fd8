/** The `cos-*` events each element dispatches, by name: the shared input of the React and Vue declarations. */
import type {
  CosFileAddedEvent, CosFileRejectedEvent, CosQueueCompleteEvent, CosRulesChangeEvent, CosUploadErrorEvent,
  CosUploadProgressEvent, CosUploadStartEvent, CosUploadSuccessEvent,
} from '../events/index.js';
import type { CosSourceErrorEvent } from '../events/source-error.js';
import type { CosFileEditedEvent } from '../events/file-edited.js';
import type { LitElement } from 'lit';

export interface CosUploaderEvents {
  'cos-file-added': CosFileAddedEvent;
  'cos-file-rejected': CosFileRejectedEvent;
  'cos-upload-start': CosUploadStartEvent;
  'cos-upload-progress': CosUploadProgressEvent;
  'cos-upload-success': CosUploadSuccessEvent;
  'cos-upload-error': CosUploadErrorEvent;
  'cos-queue-complete': CosQueueCompleteEvent;
  'cos-source-error': CosSourceErrorEvent;
  'cos-file-edited': CosFileEditedEvent;
}

export interface CosRuleEditorEvents {
  'cos-rules-change': CosRulesChangeEvent;
}

// <cos-results> dispatches no events of its own.
export type CosResultsEvents = Record<never, never>;

/** An element's own public properties, without those every Lit element (and HTMLElement) has. */
export type ElementProperties<E> = Partial<Omit<E, keyof LitElement>>;
