/// <reference types="cos-uploader/vue" />
// Type-checked only: Vue's GlobalComponents know the tags, their props and their @cos-… listeners.
import type { GlobalComponents } from 'vue';

type PropsOf<C> = C extends new (...args: never[]) => { $props: infer P } ? P : never;
type UploaderProps = PropsOf<GlobalComponents['cos-uploader']>;
type EditorProps = PropsOf<GlobalComponents['cos-rule-editor']>;

export const uploader: UploaderProps = { bucket: 'examplebucket-1250000000', multiple: true, onCosUploadSuccess: (e) => console.log(e.detail.key) };
export const editor: EditorProps = { onCosRulesChange: (e) => console.log(e.detail.valid) };
// @ts-expect-error -- bucket is a string
export const wrongProp: UploaderProps = { bucket: 5 };
// @ts-expect-error -- a success event's detail has no `nope`
export const wrongEvent: UploaderProps = { onCosUploadSuccess: (e) => e.detail.nope };
