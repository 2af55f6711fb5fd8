/** The demo page's own texts (the elements translate themselves); keys match the `data-i18n` attributes. */
const strings = {
  en: {
    title: 'cos-uploader · demo',
    ledeStart: 'Upload to Tencent Cloud COS, process images with Cloud Infinite rules, see the results. This page runs against the built-in COS emulator',
    ledeEnd: '; point the same tags at a real bucket by configuration alone',
    how: 'how',
    settings: 'Demo settings',
    language: 'Language',
    theme: 'Theme',
    themeSystem: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
    cmsLink: 'CMS form example',
    rulesLink: 'Rule editor alone',
    libraryLink: 'Media library',
    bigImages: 'Images over 32 MB upload without processing, then run the same rules as background picture jobs.',
    doctorLink: 'Check my bucket',
    uploadTitle: '1 · Upload',
    rulesTitle: '2 · Image rules, sent with each image as',
    resultsTitle: '3 · Processed results',
    resultsEmpty: 'Upload an image to see its original info and every processed output here.',
  },
  'zh-CN': {
    title: 'cos-uploader · 演示',
    ledeStart: '上传到腾讯云 COS，用数据万象规则处理图片并查看结果。本页连接的是内置的 COS 模拟器',
    ledeEnd: '；同样的标签只需改配置即可连接真实存储桶',
    how: '方法',
    settings: '演示设置',
    language: '语言',
    theme: '主题',
    themeSystem: '跟随系统',
    themeLight: '浅色',
    themeDark: '深色',
    cmsLink: 'CMS 表单示例',
    rulesLink: '单独的规则编辑器',
    libraryLink: '媒体库',
    bigImages: '超过 32 MB 的图片先直接上传，再以后台图片处理任务运行同样的规则。',
    doctorLink: '检查我的存储桶',
    uploadTitle: '1 · 上传',
    rulesTitle: '2 · 图片处理规则，随每张图片作为请求头发送：',
    resultsTitle: '3 · 处理结果',
    resultsEmpty: '上传一张图片，即可在此查看原图信息和每个处理结果。',
  },
} satisfies Record<string, Record<string, string>>;

export type PageLang = keyof typeof strings;

/** Puts the page's texts in `lang` (text only: every value goes through textContent or an attribute). */
export function applyPageStrings(lang: string): void {
  const table: Record<string, string> = lang in strings ? strings[lang as PageLang] : strings.en;
  document.title = table.title;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = table[el.dataset.i18n!] ?? el.textContent;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) el.setAttribute('aria-label', table[el.dataset.i18nLabel!] ?? '');
}
