/**
 * The page the browser host serves instead of the console when a browser is not signed in,
 * so a missing or stale token explains itself (bilingual, no script) instead of spinning on
 * "connecting". Served with its own CSP: nothing but inline styles.
 */
export type ExplainReason = 'missing' | 'stale';

export const EXPLAIN_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

interface Strings {
  title: string;
  reason: Record<ExplainReason, string>;
  start: string;
  printed: (origin: string) => string;
  bookmark: (origin: string) => string;
  same: string;
}

const strings: Record<'zh-CN' | 'en', Strings> = {
  'zh-CN': {
    title: '请从收银台主机打开收银台',
    reason: {
      missing: '这个浏览器还没有登录本机的收银台主机：地址里没有启动令牌，浏览器里也没有有效的登录信息。',
      stale: '这个地址里的启动令牌来自收银台主机的上一次启动，已经失效。',
    },
    start: '在 Countersign 文件夹中运行 npm start：它会自己打开收银台窗口。',
    printed: (origin) => `或者打开收银台主机在终端里打印的地址（以 “Open: ${origin}/?token=” 开头的那一行）。`,
    bookmark: (origin) => `在这个浏览器里打开过一次之后，书签 ${origin}/ 可以直接使用，主机重新启动后也可以。`,
    same: '交易记录保存在打开收银台的浏览器配置里，并且与这个地址（端口）绑定：请始终用同一个窗口和同一个端口。',
  },
  en: {
    title: 'Open the console from its host',
    reason: {
      missing: 'This browser is not signed in to the console host on this PC: the address has no launch token and the browser holds no valid sign-in.',
      stale: 'The launch token in this address is from an earlier start of the console host and no longer works.',
    },
    start: 'Run npm start in the Countersign folder: it opens the console window by itself.',
    printed: (origin) => `Or open the address the console host printed in its terminal (the line starting "Open: ${origin}/?token=").`,
    bookmark: (origin) => `Once this browser has opened it, a bookmark of ${origin}/ works directly, also after the host restarts.`,
    same: 'The records are kept in the browser profile that opened the console and belong to this address (port): always use the same window and the same port.',
  },
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const section = (lang: 'zh-CN' | 'en', reason: ExplainReason, origin: string): string => {
  const s = strings[lang];
  const items = [s.start, s.printed(origin), s.bookmark(origin)].map((t) => `<li>${escapeHtml(t)}</li>`).join('');
  return `<section lang="${lang}"><h1>${escapeHtml(s.title)}</h1><p>${escapeHtml(s.reason[reason])}</p><ol>${items}</ol><p class="note">${escapeHtml(s.same)}</p></section>`;
};

/** The whole page: Chinese first (most shops), then English. */
export const explainPage = (reason: ExplainReason, origin: string): string =>
  [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>Countersign — ${escapeHtml(strings['zh-CN'].title)} / ${escapeHtml(strings.en.title)}</title>`,
    '<style>body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;max-width:760px;margin:48px auto;padding:0 24px;line-height:1.6;color:#1d2733}',
    'h1{font-size:1.4em;margin-bottom:.4em}section+section{border-top:1px solid #d0d7de;margin-top:32px;padding-top:16px}.note{color:#57606a}</style></head>',
    `<body><main data-testid="host-explain" data-reason="${reason}">`,
    section('zh-CN', reason, origin),
    section('en', reason, origin),
    '</main></body></html>',
  ].join('');

/** Short bilingual text for a request that named another host (DNS rebinding, a proxy). */
export const wrongHostText = (origin: string): string =>
  `这个收银台主机只接受 ${origin} 上的请求。\nThis console host only answers requests for ${origin}.\n`;
