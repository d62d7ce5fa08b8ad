import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import { ERROR_CODES } from '../../../shared/contract/errors.ts';
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES } from '../../../shared/campaign/model.ts';
import { aggregationMethods, settingsSchema } from '../../../shared/campaign/settings.ts';
import type { CampaignWarning } from '../../../shared/campaign/campaign.ts';
import { ApiError } from '../api.ts';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';
import { describeError } from './errors.ts';
import { formatDate, formatDateTime } from './format.ts';

type Tree = { readonly [k: string]: string | Tree };

/** Every leaf key, dotted. */
function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}

function get(tree: Tree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Tree)[k] : undefined), tree);
}

async function tFor(lng: 'zh-CN' | 'en') {
  const i = createInstance();
  await i.init({ lng, resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i.t;
}

describe('i18n resources', () => {
  const zhKeys = leaves(zhCN as unknown as Tree);
  const enKeys = leaves(en as unknown as Tree);

  it('have the same keys in both languages', () => {
    expect(zhKeys.filter((k) => !enKeys.includes(k)), 'in zh-CN, missing from en').toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k)), 'in en, missing from zh-CN').toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = zhKeys.filter((k) => JSON.stringify(vars(get(zhCN as unknown as Tree, k) as string))
      !== JSON.stringify(vars(get(en as unknown as Tree, k) as string)) && !['newCampaign.criterion'].includes(k));
    expect(mismatched).toEqual([]);
  });

  it('word every error code in both languages', () => {
    for (const code of ERROR_CODES) {
      for (const tree of [zhCN, en] as unknown as Tree[]) {
        const s = get(tree, `errors.codes.${code}`);
        expect(typeof s === 'string' && s.length > 0, `errors.codes.${code}`).toBe(true);
      }
    }
  });

  it('word every campaign kind, status, warning, aggregation method and settings section', () => {
    const warnings: CampaignWarning['code'][] = ['RUBRIC_WEIGHTS_NOT_100', 'RUBRIC_TO_CONFIRM', 'BLEND_NOT_100', 'METRIC_WEIGHTS_NOT_100', 'GROUP_SHARES_EXCEED_QUOTA'];
    const keys = [
      ...CAMPAIGN_KINDS.flatMap((k) => [`kind.${k}`, `newCampaign.templateDesc.${k}`]),
      ...CAMPAIGN_STATUSES.map((s) => `status.${s}`),
      ...warnings.map((w) => `setup.warnings.${w}`),
      ...aggregationMethods.map((m) => `settings.aggregation.method.options.${m}`),
    ];
    for (const [section, obj] of Object.entries(settingsSchema.shape)) {
      keys.push(`settings.${section}.title`);
      const inner = (obj as unknown as { _zod: { def: { innerType: { shape: Record<string, unknown> } } } })._zod.def.innerType.shape;
      for (const field of Object.keys(inner)) keys.push(`settings.${section}.${field}.label`);
    }
    for (const tree of [zhCN, en] as unknown as Tree[]) {
      expect(keys.filter((k) => typeof get(tree, k) !== 'string')).toEqual([]);
    }
  });
});

describe('describeError', () => {
  it('words a weight out of range, in both languages, without codes', async () => {
    const err = new ApiError({ code: 'SETTING_OUT_OF_RANGE', message: 'criteria.1.weight: Too big: expected number to be <=100', details: [{ path: 'criteria.1.weight', message: 'Too big: expected number to be <=100' }] });
    const campaign = { criteria: [{ name: '学术价值', nameEn: 'Academic value' }, { name: '社会影响力', nameEn: 'Social influence' }], groups: [] };
    expect(describeError(err, await tFor('zh-CN'), { campaign })).toBe('指标“社会影响力”的权重须在 0 到 100 之间。');
    const enText = describeError(err, await tFor('en'), { campaign, lang: 'en' });
    expect(enText).toContain('between 0 and 100');
    expect(enText).toContain('Social influence');
    expect(enText).not.toMatch(/SETTING|Too big/);
  });

  it('words settings paths and missing details', async () => {
    const t = await tFor('zh-CN');
    expect(describeError(new ApiError({ code: 'SETTING_OUT_OF_RANGE', message: 'x', details: [{ path: 'settings.assignment.perItem', message: 'Too small: expected number to be >=1' }] }), t))
      .toBe('每项评审专家数（K）须在 1 到 50 之间。');
    expect(describeError(new ApiError({ code: 'SETTING_INVALID', message: 'x', details: [{ path: 'settings.quota.total', message: 'Invalid input: expected int, received number' }] }), t))
      .toBe('入选总名额须为整数。');
    expect(describeError(new ApiError({ code: 'STORE_UNWRITABLE', message: 'EACCES' }), t)).toContain('无法写入数据文件夹');
    expect(describeError(new TypeError('x is undefined'), t)).toBe((zhCN.errors.codes.INTERNAL));
    expect(describeError(new ApiError({ code: 'STALE_EDIT', message: 'the campaign changed since this edit began; reload and try again', values: { id: 'c' } }), t))
      .toBe(zhCN.errors.stale);
    expect(describeError(new ApiError({ code: 'SETTING_OUT_OF_RANGE', message: 'x', details: [{ path: 'criteria.0.step', message: 'Too small: expected number to be >0' }] }), t))
      .toBe('步长须大于 0。');
    expect(describeError(new ApiError({ code: 'SETTING_INVALID', message: 'x', details: [{ path: 'criteria.0.max', message: 'max must be greater than min' }] }), t))
      .toBe('最高分须大于最低分。');
  });
});

describe('describeError with values', () => {
  it('names the other nomination an identity edit would duplicate, in both languages', async () => {
    const err = new ApiError({ code: 'NOMINATION_KEY_TAKEN', message: 'x', values: { field: 'doi', key: 'doi:10.1/x', otherId: 'n-1', otherLabel: '可穿戴传感器的柔性电子研究' } });
    for (const lng of ['zh-CN', 'en'] as const) {
      const s = describeError(err, await tFor(lng));
      expect(s).toContain('“可穿戴传感器的柔性电子研究”');
      expect(s).toContain('doi:10.1/x');
      expect(s).not.toMatch(/\{\{|NOMINATION_KEY_TAKEN/);
    }
  });
});

describe('dates', () => {
  it('show in Asia/Shanghai, Chinese as 2026年3月5日', () => {
    expect(formatDate('2026-03-04T16:30:00Z', 'zh-CN')).toBe('2026年3月5日');
    expect(formatDateTime('2026-03-04T16:30:00Z', 'zh-CN')).toBe('2026年3月5日 00:30');
    expect(formatDate('2026-03-04T16:30:00Z', 'en')).toBe('5 Mar 2026');
  });
});
