/**
 * The board's "all sheets in one ZIP": its file name and the short README beside the sheets, in both languages.
 * Codes only, never names (the ZIP travels by e-mail like the sheets). Pure.
 */

export interface BundleEntry {
  /** The sheet's file name in the ZIP (the expert's code). */
  readonly file: string;
  readonly code: string;
  readonly items: number;
  readonly supplementary: boolean;
}

export const README_NAME = '说明 README.txt';

/** A name any file system takes: the characters Windows refuses become "_". */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what a file name may not hold
  const s = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/[. ]+$/, '').trim();
  return s || '评审';
}

export const bundleName = (campaignName: string): string => `${safeFileName(campaignName)}-评分表.zip`;

/** The README: which file is whose code and how many nominations it carries (CRLF: Notepad reads it too). */
export function bundleReadme(campaignName: string, entries: readonly BundleEntry[]): string {
  const rows = entries.map((e) => `${e.file}\t${e.code}\t${e.items}${e.supplementary ? '\t补充 supplementary' : ''}`);
  const total = entries.reduce((n, e) => n + e.items, 0);
  return [
    `${campaignName} — 评分表 Score sheets`,
    '',
    `本压缩包含 ${entries.length} 份评分表，每位专家一份（补充评分表另列），文件以专家代号命名。请将每份评分表单独发给对应专家；填写后原样交回秘书处。`,
    `This ZIP holds ${entries.length} score sheets, one per expert (supplementary sheets listed apart), each named by the expert's code. Send each sheet to its expert alone; they return it filled in, as it is.`,
    '',
    '文件 File\t代号 Code\t推荐项数 Nominations',
    ...rows,
    '',
    `合计 Total: ${total}`,
    '',
  ].join('\r\n');
}
