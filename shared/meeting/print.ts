import type { Lang } from '../results/words.ts';
import { num } from '../results/words.ts';
import { methodParagraph, outcomeWord, type ResultPayload } from './payload.ts';

/**
 * The print view (会评结果打印页): one HTML document with its own print stylesheet (A4), made from the signed
 * payload: the selected list, the method in one paragraph, the vote, a signature line and date for each group
 * member, and the secretary's fingerprint and the payload's digest, which tie the paper to the file. No script:
 * the desktop app prints it to PDF, a browser through its print dialog.
 */

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** 2026年3月5日 (zh) or 5 March 2026 (en), in the campaign's time zone. */
export function printedDate(iso: string, timeZone: string, lang: Lang): string {
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const [y, m, day] = [get('year'), get('month'), get('day')];
  if (lang === 'zh-CN') return `${y}年${m}月${day}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${day} ${months[m - 1]} ${y}`;
}

const T = {
  'zh-CN': {
    title: '会评结果', selected: '入选名单', no: '序号', group: '评审组', item: '项目', discipline: '学科', score: '得分', yes: '赞成票',
    method: '评审方法', vote: '投票结果', round: '轮次', members: '应到', conflicted: '回避', present: '实到', abstain: '弃权', against: '反对', outcome: '结果',
    signatures: '评审组成员签字', member: '成员', signature: '签字', date: '日期', secretary: '秘书处', fingerprint: '公钥指纹', digest: '结果表摘要（SHA-256）',
    sealed: '签署日期', none: '（无）', note: '本页由结果表的签名数据生成；公钥指纹与结果表一致方为有效。',
  },
  en: {
    title: 'Meeting result', selected: 'Selected', no: 'No.', group: 'Group', item: 'Item', discipline: 'Discipline', score: 'Score', yes: 'Yes',
    method: 'Method', vote: 'Vote', round: 'Round', members: 'Members', conflicted: 'Conflicted', present: 'Present', abstain: 'Abstain', against: 'No', outcome: 'Outcome',
    signatures: 'Signatures of the group members', member: 'Member', signature: 'Signature', date: 'Date', secretary: 'Secretariat', fingerprint: 'Key fingerprint', digest: 'Result sheet digest (SHA-256)',
    sealed: 'Signed on', none: '(none)', note: 'This page is made from the result sheet’s signed data; it is valid only with the same key fingerprint as the sheet.',
  },
} as const;

const STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.55; color: #000; margin: 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
.sub { text-align: center; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; margin: 0 0 3mm; page-break-inside: auto; }
th, td { border: 0.6pt solid #000; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
td.n { text-align: right; white-space: nowrap; }
tr { page-break-inside: avoid; }
.sign { page-break-inside: avoid; }
.sign td { height: 11mm; vertical-align: bottom; }
.seal { margin-top: 6mm; font-size: 9.5pt; page-break-inside: avoid; }
.mono { font-family: "DejaVu Sans Mono", Consolas, monospace; letter-spacing: 0.02em; word-break: break-all; }
.muted { color: #444; font-size: 9pt; }
@media screen { body { max-width: 190mm; margin: 10mm auto; padding: 0 8mm; } }
`;

export function printView(p: ResultPayload, digest: string, lang: Lang): string {
  const t = T[lang];
  const c = lang === 'zh-CN' ? '：' : ': ';
  const gap = lang === 'zh-CN' ? '　' : ' · ';
  const tz = p.campaign.settings.display.timeZone;
  const byId = new Map(p.items.map((i) => [i.id, i]));
  const score = (x: number | null | undefined) => (x === null || x === undefined ? '' : num(x));
  const selectedRows = p.selected.map((s, k) => {
    const it = byId.get(s.itemId);
    return `<tr><td class="n">${k + 1}</td><td>${esc(s.group)}</td><td>${esc(it?.title)}</td><td>${esc(it?.discipline ?? '')}</td><td class="n">${score(it?.score)}</td><td class="n">${s.yes ?? ''}</td></tr>`;
  }).join('');
  const voteRows = p.votes.map((v) => `<tr><td>${esc(v.group)}</td><td class="n">${v.round}</td><td>${esc(byId.get(v.itemId)?.title)}</td><td class="n">${v.members}</td><td class="n">${v.conflicted}</td><td class="n">${v.present}</td><td class="n">${v.yes}</td><td class="n">${v.no}</td><td class="n">${v.abstain}</td><td>${esc(outcomeWord(v.outcome, lang))}</td></tr>`).join('');
  const signs = p.groups.map((g) => `
<div class="sign"><h3>${esc(g.name)}</h3>
<table><thead><tr><th style="width:22%">${t.member}</th><th>${t.signature}</th><th style="width:28%">${t.date}</th></tr></thead>
<tbody>${g.members.map((m) => `<tr><td>${esc(lang === 'zh-CN' ? `专家${m}` : `Expert ${m}`)}</td><td></td><td></td></tr>`).join('')}</tbody></table></div>`).join('');
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(p.campaign.name)} · ${t.title}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(p.campaign.name)}</h1>
<p class="sub">${t.title} · ${esc(printedDate(p.sealedAt, tz, lang))}</p>
<h2>${t.selected}</h2>
<table><thead><tr><th style="width:7%">${t.no}</th><th style="width:14%">${t.group}</th><th>${t.item}</th><th style="width:14%">${t.discipline}</th><th style="width:9%">${t.score}</th><th style="width:9%">${t.yes}</th></tr></thead>
<tbody>${selectedRows || `<tr><td colspan="6">${t.none}</td></tr>`}</tbody></table>
<h2>${t.method}</h2>
<p>${esc(methodParagraph(p, lang))}</p>
<h2>${t.vote}</h2>
<table><thead><tr><th>${t.group}</th><th>${t.round}</th><th>${t.item}</th><th>${t.members}</th><th>${t.conflicted}</th><th>${t.present}</th><th>${t.yes}</th><th>${t.against}</th><th>${t.abstain}</th><th>${t.outcome}</th></tr></thead>
<tbody>${voteRows || `<tr><td colspan="10">${t.none}</td></tr>`}</tbody></table>
<h2>${t.signatures}</h2>
${signs}
<div class="seal">
<p>${t.secretary}${c}${esc(p.signer.name)}${gap}${t.sealed}${c}${esc(printedDate(p.sealedAt, tz, lang))}</p>
<p>${t.fingerprint}${c}<span class="mono">${esc(p.signer.fingerprint)}</span></p>
<p>${t.digest}${c}<span class="mono">${esc(digest)}</span></p>
<p class="muted">${t.note}</p>
</div>
</body></html>`;
}
