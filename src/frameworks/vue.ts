/**
 * Template types for Vue 3: `/// <reference types="cos-uploader/vue" />` (or `"types": ["cos-uploader/vue"]`), with
 * `compilerOptions.isCustomElement: (tag) => tag.startsWith('cos-')`. Each tag accepts the element's properties
 * and its `cos-*` events as `@cos-…` listeners (`onCos…` props).
 */
import type { DefineComponent } from 'vue';
import type { CosResults } from '../elements/results/results.js';
import type { CosRuleEditor } from '../elements/rule-editor/rule-editor.js';
import type { CosUploader } from '../elements/uploader/uploader.js';
import type { CosResultsEvents, CosRuleEditorEvents, CosUploaderEvents, ElementProperties } from './events.js';

/** `cos-upload-success` → `CosUploadSuccess`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;
type Listeners<M> = { [K in keyof M as `on${Pascal<K & string>}`]?: (event: M[K]) => void };

/** The props of one custom element tag in a Vue template. */
export type CustomElementProps<E, M> = ElementProperties<E> & Listeners<M>;

declare module 'vue' {
  interface GlobalComponents {
    'cos-uploader': DefineComponent<CustomElementProps<CosUploader, CosUploaderEvents>>;
    'cos-rule-editor': DefineComponent<CustomElementProps<CosRuleEditor, CosRuleEditorEvents>>;
    'cos-results': DefineComponent<CustomElementProps<CosResults, CosResultsEvents>>;
  }
}
