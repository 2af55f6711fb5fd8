import type { Locale } from '../../shared/i18n.js';

/** The resume prompt's texts (override any through `<cos-uploader>`'s `strings`); `{name}` placeholders are filled in. */
export interface ResumeStrings {
  /** "3 uploads were interrupted"; `{count}`. */
  resumeInterrupted: string;
  resumeOne: string;
  resumeAction: string;
  resumeDiscard: string;
  /** Closes the notice once only messages are left. */
  resumeDismiss: string;
  /** A file's line: `{name}`, `{size}`, `{done}` of `{parts}` parts on COS. */
  resumeItem: string;
  /** Files the browser cannot reopen by itself (no File System Access, or permission refused); `{names}`. */
  resumeReselect: string;
  resumeSelectFiles: string;
  /** A kept file no longer matches the upload; `{name}`. */
  resumeChanged: string;
  /** A kept file could not be read any more (moved or deleted); `{name}`. */
  resumeMissing: string;
  /** A handle given to `addFiles` could not be read; `{name}`. */
  handleUnreadable: string;
}

const en: ResumeStrings = {
  resumeInterrupted: '{count} uploads were interrupted',
  resumeOne: '1 upload was interrupted',
  resumeAction: 'Resume',
  resumeDiscard: 'Discard',
  resumeDismiss: 'Dismiss',
  resumeItem: '{name} — {size}, {done} of {parts} parts uploaded',
  resumeReselect: 'Select these files again to resume them: {names}',
  resumeSelectFiles: 'Select files',
  resumeChanged: '{name} changed since its upload began, so it was not resumed. Add it again to upload the new version.',
  resumeMissing: '{name} can no longer be read (moved or deleted), so it was not resumed.',
  handleUnreadable: '{name} could not be read (moved, deleted or no permission), so it was not added.',
};

const zhCN: ResumeStrings = {
  resumeInterrupted: '有 {count} 个上传被中断',
  resumeOne: '有 1 个上传被中断',
  resumeAction: '继续上传',
  resumeDiscard: '放弃',
  resumeDismiss: '关闭',
  resumeItem: '{name} — {size}，已上传 {done}/{parts} 个分块',
  resumeReselect: '请重新选择这些文件以继续上传：{names}',
  resumeSelectFiles: '选择文件',
  resumeChanged: '{name} 在上传开始后已被修改，未继续上传。请重新添加以上传新版本。',
  resumeMissing: '{name} 已无法读取（被移动或删除），未继续上传。',
  handleUnreadable: '{name} 无法读取（被移动、删除或无权限），未添加。',
};

export const resumeStrings: Record<Locale, ResumeStrings> = { en, 'zh-CN': zhCN };
