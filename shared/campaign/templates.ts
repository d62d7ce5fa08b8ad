import type { CampaignKind, Criterion, DisciplineGroup } from './model.ts';
import { settingsSchema, type Settings, type SettingsInput } from './settings.ts';

export interface Template {
  readonly kind: CampaignKind;
  readonly name: string;
  readonly nameEn: string;
  readonly criteria: readonly Criterion[];
  readonly settings: Settings;
  readonly disciplines: readonly string[];
  readonly groups: readonly DisciplineGroup[];
  /**
   * The eligibility years, relative to the campaign year (from and to inclusive), or null: open. A campaign takes its
   * window from its year when it is created, and keeps it in step when its year changes (campaign.ts: followYear).
   */
  readonly window: { readonly from: number; readonly to: number } | null;
}

/** A criterion on the Chinese habit: range 0–weight, step 1, so the points add up to 100. */
function criterion(id: string, name: string, nameEn: string, weight: number, toConfirm = false): Criterion {
  return { id, name, nameEn, description: '', weight, min: 0, max: weight, step: 1, bands: [], toConfirm };
}

function settings(input: SettingsInput): Settings {
  return settingsSchema.parse(input);
}

const templates: Record<CampaignKind, Omit<Template, 'kind'>> = {
  papers: {
    name: '北京地区广受关注学术论文遴选',
    nameEn: 'Widely-followed academic papers of the Beijing region',
    criteria: [
      criterion('innovation', '创新性与学术价值', 'Innovation and academic value', 40),
      criterion('impact', '学术影响', 'Academic impact', 30),
      criterion('attention', '社会关注与传播', 'Public attention and dissemination', 30),
    ],
    settings: settings({
      quota: { total: 100, allocation: 'proportional' },
      metrics: { enabled: true },
      blend: { metricWeight: 60, expertWeight: 40 },
      eligibility: { requireBeijingAffiliation: true, requiredFields: ['title', 'authors', 'journal', 'year', 'discipline', 'nominator'] },
    }),
    disciplines: [],
    groups: [],
    // About 100 papers a year, chosen mostly by the attention they drew (the seed): papers of the two years before
    // the campaign's, which have had time to be read and cited (a 2026 selection: 2024–2025).
    window: { from: -2, to: -1 },
  },
  conferences: {
    name: '十佳影响力学术会议评选',
    nameEn: 'Top-10 influential academic conferences',
    // The seed names the four criteria but gives no weights: equal weights, marked to confirm.
    criteria: [
      criterion('academic-value', '学术价值', 'Academic value', 25, true),
      criterion('social-influence', '社会影响力', 'Social influence', 25, true),
      criterion('attention', '科技工作者关注度', 'Attention from scientists', 25, true),
      criterion('service', '服务经济社会发展', 'Service to economic and social development', 25, true),
    ],
    settings: settings({
      quota: { total: 10, allocation: 'manual' },
      eligibility: { requiredFields: ['name', 'organiser', 'dates', 'discipline', 'nominator'] },
    }),
    disciplines: [],
    groups: [],
    window: null,
  },
  talent: {
    name: '青年人才托举遴选',
    nameEn: 'Young talent support selection',
    criteria: [
      criterion('academic-level', '学术水平', 'Academic level', 40),
      criterion('potential', '创新潜力', 'Innovation potential', 30),
      criterion('mentoring', '培养计划与导师', 'Development plan and mentor', 30),
    ],
    settings: settings({
      eligibility: { ageLimit: 35, requiredFields: ['name', 'birthDate', 'institution', 'discipline', 'nominator'] },
    }),
    disciplines: [],
    groups: [],
    window: null,
  },
  topics: {
    name: '多学科跨界交流议题征集',
    nameEn: 'Cross-disciplinary exchange topics',
    criteria: [
      criterion('cross-disciplinarity', '交叉性', 'Cross-disciplinarity', 40),
      criterion('frontier', '前沿性', 'Frontier relevance', 30),
      criterion('feasibility', '可行性', 'Feasibility', 30),
    ],
    settings: settings({
      eligibility: { requiredFields: ['title', 'proposer', 'nominator'] },
    }),
    disciplines: [],
    groups: [],
    window: null,
  },
};

/** The eligibility years a template gives a campaign of this year: { yearFrom, yearTo }, or null (open). */
export function yearWindow(kind: CampaignKind, year: number): { yearFrom: number; yearTo: number } | null {
  const w = templates[kind].window;
  return w ? { yearFrom: year + w.from, yearTo: year + w.to } : null;
}

/** A template; with a campaign year, its settings hold the eligibility window of that year (yearWindow). */
export function template(kind: CampaignKind, year?: number): Template {
  const t = templates[kind];
  // Deep copies: a template is never shared by reference with a campaign.
  const copy = structuredClone({ kind, ...t });
  const w = year === undefined ? null : yearWindow(kind, year);
  return w ? { ...copy, settings: { ...copy.settings, eligibility: { ...copy.settings.eligibility, ...w } } } : copy;
}
