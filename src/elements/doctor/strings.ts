import type { Locale } from '../shared/i18n.js';

export interface DoctorStrings {
  title: string;
  run: string;
  running: string;
  intro: string;
  summary: string;
  allGood: string;
  passed: string;
  error: string;
  warning: string;
  ok: string;
  fix: string;
  copy: string;
  copied: string;
  failed: string;
}

/** Texts of `<cos-doctor>`; `{errors}`, `{warnings}`, `{count}` and `{message}` are filled in. */
export const doctorStrings: Record<Locale, DoctorStrings> = {
  en: {
    title: 'Setup check',
    run: 'Check setup',
    running: 'Checking the bucket, CORS rules and keys…',
    intro: 'Checks the bucket, its CORS rules, the token backend and the keys before any file is uploaded.',
    summary: '{errors} problem(s) and {warnings} warning(s) found.',
    allGood: 'No problems found: uploads from this page should work.',
    passed: '{count} checks passed',
    error: 'Error',
    warning: 'Warning',
    ok: 'OK',
    fix: 'Fix',
    copy: 'Copy fix',
    copied: 'Copied',
    failed: 'The check itself failed: {message}',
  },
  'zh-CN': {
    title: '配置检查',
    run: '检查配置',
    running: '正在检查存储桶、跨域规则和密钥…',
    intro: '在上传任何文件之前，检查存储桶、跨域（CORS）规则、临时密钥服务和密钥权限。',
    summary: '发现 {errors} 个问题，{warnings} 个警告。',
    allGood: '未发现问题：本页面上传应能正常进行。',
    passed: '{count} 项检查通过',
    error: '错误',
    warning: '警告',
    ok: '通过',
    fix: '修复方法',
    copy: '复制修复方法',
    copied: '已复制',
    failed: '检查本身失败：{message}',
  },
};
