/**
 * The package entry: the core API, the elements (importing this module registers their tags) and their events.
 */
export * from './core/index.js';
// The engine is bundled here and handed to the uploader, so it builds its manager at once (standalone pages
// load it lazily).
import { engine } from './elements/uploader/engine.js';
import { provideEngine } from './elements/uploader/engine-loader.js';

provideEngine(engine);
// The file list too (a lazy chunk of the standalone build), so rows render at the first file.
import * as filesView from './elements/uploader/uploader-files.js';
import { provideFilesView } from './elements/uploader/files-view-loader.js';

provideFilesView(filesView);
// And the uploader's Chinese table (its own chunk in the standalone build).
import { zhCN as uploaderZh } from './elements/uploader/strings-zh.js';
import { provideUploaderZh } from './elements/uploader/strings.js';

provideUploaderZh(uploaderZh);
// And the rule editor's Chinese pack.
import * as ruleEditorZh from './elements/rule-editor/catalogue-zh.js';
import { provideRuleEditorZh } from './elements/rule-editor/locale-pack.js';

provideRuleEditorZh(ruleEditorZh);
// And the uploader's Pic-Operations checks.
import * as picHeader from './core/rules/pic-header.js';
import { providePicHeader } from './elements/uploader/pic-operations.js';

providePicHeader(picHeader);
export { CosUploader } from './elements/uploader/uploader.js';
export type { UploaderStrings } from './elements/uploader/strings.js';
export type { ManagerHooks, UploaderSettings } from './elements/uploader/upload-controller.js';
export { CosResults } from './elements/results/results.js';
export type { ResultsStrings } from './elements/results/strings.js';
export type { ImageJobRequest, ImageJobStatus } from './elements/results/result-actions.js';
export { CosRuleEditor } from './elements/rule-editor/rule-editor.js';
export { CosLibrary } from './elements/library/library.js';
export type { LibraryStrings } from './elements/library/strings.js';
export { CosDoctor } from './elements/doctor/doctor.js';
export type { DoctorStrings } from './elements/doctor/strings.js';
export type { Locale } from './elements/shared/i18n.js';
export { loadElement, loadElements } from './elements/shared/lazy-elements.js';
export type { LazyTag } from './elements/shared/lazy-elements.js';
export * from './events/index.js';
export { CosSourceErrorEvent } from './events/source-error.js';
export type { CosSourceErrorDetail } from './events/source-error.js';
export { CosFileEditedEvent } from './events/file-edited.js';
