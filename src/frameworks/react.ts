/**
 * Typed JSX for React 19: `/// <reference types="cos-uploader/react" />` (or `"types": ["cos-uploader/react"]`).
 * Each tag accepts the element's properties (React 19 sets them as properties) and its `cos-*` events as
 * `oncos-…` props, the way React 19 attaches listeners for custom events.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CosResults } from '../elements/results/results.js';
import type { CosRuleEditor } from '../elements/rule-editor/rule-editor.js';
import type { CosUploader } from '../elements/uploader/uploader.js';
import type { CosResultsEvents, CosRuleEditorEvents, CosUploaderEvents, ElementProperties } from './events.js';

type Listeners<M> = { [K in keyof M as `on${K & string}`]?: (event: M[K]) => void };

/** The props of one custom element tag in JSX. */
export type CustomElementProps<E extends HTMLElement, M> = Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, keyof ElementProperties<E>> &
  ElementProperties<E> & Listeners<M> & { class?: string };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'cos-uploader': CustomElementProps<CosUploader, CosUploaderEvents>;
      'cos-rule-editor': CustomElementProps<CosRuleEditor, CosRuleEditorEvents>;
      'cos-results': CustomElementProps<CosResults, CosResultsEvents>;
    }
  }
}
