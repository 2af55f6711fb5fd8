import type { Locale } from '../../shared/i18n.js';

/** Texts of the optional intake (dialog, page-wide drop, sources, camera); override any through the uploader's `strings`. */
export interface IntakeStrings {
  /** The dialog button's text when the `button` slot is empty. */
  openDialog: string;
  dialogTitle: string;
  closeDialog: string;
  /** On the dialog button while files are listed. */
  dialogProgress: string;
  /** Over the page while files are dragged over a `drop-target` area. */
  dropAnywhere: string;
  sourcesLabel: string;
  sourceFiles: string;
  sourceFolder: string;
  sourceCamera: string;
  cameraLabel: string;
  takePhoto: string;
  closeCamera: string;
  cameraDenied: string;
  cameraMissing: string;
  cameraFailed: string;
  dropTargetMissing: string;
  sourceUnknown: string;
  /** An attribute of the intake with a value it does not know. */
  valueUnknown: string;
}

const en: IntakeStrings = {
  openDialog: 'Upload files',
  dialogTitle: 'Upload files',
  closeDialog: 'Close',
  dialogProgress: '{done} of {total} · {percent} %',
  dropAnywhere: 'Drop files to upload',
  sourcesLabel: 'Add files from',
  sourceFiles: 'Files',
  sourceFolder: 'Folder',
  sourceCamera: 'Camera',
  cameraLabel: 'Camera',
  takePhoto: 'Take photo',
  closeCamera: 'Close camera',
  cameraDenied: 'Camera access was refused. Allow the camera in the browser’s site settings, or choose a file instead.',
  cameraMissing: 'No camera was found on this device.',
  cameraFailed: 'The camera could not start: {message}',
  dropTargetMissing: 'drop-target "{selector}" matches no element on this page, so drops there are not taken.',
  sourceUnknown: 'sources: "{name}" is not a source; use files, folder or camera.',
  valueUnknown: '{name}="{value}" is not understood; use {valid}.',
};

const zhCN: IntakeStrings = {
  openDialog: '上传文件',
  dialogTitle: '上传文件',
  closeDialog: '关闭',
  dialogProgress: '{done}/{total} · {percent}%',
  dropAnywhere: '松开鼠标即可上传',
  sourcesLabel: '添加文件来源',
  sourceFiles: '文件',
  sourceFolder: '文件夹',
  sourceCamera: '相机',
  cameraLabel: '相机',
  takePhoto: '拍照',
  closeCamera: '关闭相机',
  cameraDenied: '相机权限被拒绝。请在浏览器的网站设置中允许使用相机，或改为选择文件。',
  cameraMissing: '此设备上没有找到相机。',
  cameraFailed: '相机无法启动：{message}',
  dropTargetMissing: 'drop-target “{selector}” 在页面上没有匹配的元素，拖放到那里的文件不会被接收。',
  sourceUnknown: 'sources 中的 “{name}” 不是可用的来源；请使用 files、folder 或 camera。',
  valueUnknown: '{name}="{value}" 无法识别；请使用 {valid}。',
};

export const intakeStrings: Record<Locale, IntakeStrings> = { en, 'zh-CN': zhCN };
