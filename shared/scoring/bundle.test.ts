import { describe, expect, it } from 'vitest';
import { bundleName, bundleReadme, safeFileName } from './bundle.ts';

describe('the sheets ZIP', () => {
  it('is named after the campaign, with what file systems refuse replaced', () => {
    expect(bundleName('2026 跨界议题')).toBe('2026 跨界议题-评分表.zip');
    expect(bundleName('a/b:c*?')).toBe('a_b_c__-评分表.zip');
    expect(safeFileName(' ... ')).toBe('评审');
  });

  it('lists code → number of nominations in both languages, and no names', () => {
    const text = bundleReadme('2026 跨界议题', [
      { file: '专家A-评分表.xlsx', code: '专家A', items: 3, supplementary: false },
      { file: '专家C-补充评分表.xlsx', code: '专家C', items: 1, supplementary: true },
    ]);
    const lines = text.split('\r\n');
    expect(lines).toContain('专家A-评分表.xlsx\t专家A\t3');
    expect(lines).toContain('专家C-补充评分表.xlsx\t专家C\t1\t补充 supplementary');
    expect(lines).toContain('合计 Total: 4');
    expect(text).toMatch(/本压缩包含 2 份评分表/);
    expect(text).toMatch(/This ZIP holds 2 score sheets/);
  });
});
