// Times findNearMatches on 20,000 titles as the bench and e2e generators make them, and on the unit test's varied titles,
// with the texts alone (numbers 'ignore') and with numbers setting entries apart ('distinct': no cap to stop at early).
// npx tsx bench/near.ts [n]
import { findNearMatches, nearMatchSearch } from '../shared/nominations/map-rows.ts';

const N = Number(process.argv[2] ?? 20_000);
const disciplines = ['材料科学', '化学', '生物学', '物理学', '计算机科学', '临床医学', '环境科学', '数学'];
const e2eDisc = ['化学', '物理学', '生物学', '数学', '计算机科学', '材料科学', '医学', '地球科学'];
let seed = 7;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
const wide = (): string => Array.from({ length: 12 + Math.floor(rnd() * 20) }, () => String.fromCharCode(0x4e00 + Math.floor(rnd() * 3000))).join('');

const sets: Record<string, { text: string; key: string }[]> = {
  bench: Array.from({ length: N }, (_, i) => ({ text: `面向${disciplines[i % 8]}的第${i + 1}项研究：多尺度方法与可重复的实验验证`, key: String(i) })),
  e2e: Array.from({ length: N }, (_, i) => ({ text: `第 ${i} 篇：${e2eDisc[i % 8]}方向的研究进展 ${(i * 7919) % 10007}`, key: String(i) })),
  templated: Array.from({ length: N }, (_, i) => ({ text: `论文标题第${i}号：关于某种材料的研究${i % 97}`, key: String(i) })),
  varied: (() => {
    const big = Array.from({ length: N }, (_, i) => ({ text: wide(), key: String(i) }));
    for (let i = 1; i < big.length; i += 100) big[i] = { text: `${big[i - 1]!.text}。`, key: `${i}x` };
    return big;
  })(),
};

// Each set twice: as before (texts alone), and with numbers setting entries apart (第1届 and 第13届 are two items).
for (const numbers of ['ignore', 'distinct'] as const) {
  for (const [name, entries] of Object.entries(sets)) {
    const times: number[] = [];
    let r: ReturnType<typeof findNearMatches> = [];
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      r = findNearMatches(entries, { numbers });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const cut = nearMatchSearch(entries, { numbers }).truncated;
    console.log(`${name.padEnd(10)} ${numbers.padEnd(8)} n=${entries.length} pairs=${r.length} truncated=${cut} median=${times[1]!.toFixed(0)} ms  [${times.map((t) => t.toFixed(0)).join(', ')}]`);
  }
}
