// The nominations grid's columns per campaign kind (pure: words come in through `t`).
import type { TFunction } from 'i18next';
import type { CampaignKind } from '../../../shared/campaign/model.ts';
import type { NominationRow } from '../../../shared/contract/index.ts';
import { fieldsFor } from '../../../shared/nominations/fields.ts';
import type { GridColumn } from '../grid/index.ts';
import { formatValue, isNumericField, reasonsSummary } from './format.ts';
import type { Labels } from './format.ts';

/** Fields shown at first; the others are one click away in the column chooser. */
const SHOWN: Readonly<Record<CampaignKind, readonly string[]>> = {
  papers: ['title', 'authors', 'journal', 'year', 'doi', 'discipline', 'affiliation', 'citations', 'downloads', 'attention'],
  conferences: ['name', 'organiser', 'dates', 'venue', 'attendees', 'discipline'],
  talent: ['name', 'gender', 'birthDate', 'institution', 'title', 'discipline', 'mentor'],
  topics: ['title', 'proposer', 'institution', 'disciplines'],
};

const WIDTHS: Readonly<Record<string, number>> = {
  title: 300, name: 260, authors: 170, journal: 170, year: 76, doi: 200, discipline: 110, affiliation: 190, citations: 90,
  downloads: 90, attention: 90, organiser: 180, dates: 200, venue: 140, attendees: 90, institution: 190, summary: 260,
  achievements: 260, proposer: 110, birthDate: 110, gender: 70, mentor: 110, disciplines: 160,
};

/** Column visibility at first: the fields not in SHOWN are hidden. */
export function defaultVisibility(kind: CampaignKind): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const d of fieldsFor(kind)) if (d.id !== 'nominator' && !SHOWN[kind].includes(d.id)) out[d.id] = false;
  return out;
}

export function nominationColumns(kind: CampaignKind, t: TFunction, lang: string, labels: Labels): GridColumn<NominationRow>[] {
  // Worked out once per row object: the grid asks for a row's reasons on every render of it (cell and tooltip).
  // Dropped when a label they may quote changes.
  let summaries = new WeakMap<NominationRow, string[]>();
  let summariesVersion = -1;
  const reasonsOf = (r: NominationRow) => {
    if (labels.version !== summariesVersion) {
      summaries = new WeakMap();
      summariesVersion = labels.version;
    }
    let lines = summaries.get(r);
    if (!lines) {
      lines = reasonsSummary(r.reasons, kind, t, lang, labels.lookup);
      summaries.set(r, lines);
    }
    return lines;
  };
  const status: GridColumn<NominationRow> = {
    id: 'status',
    header: t('nominations.columns.status'),
    accessor: (r) => r.status,
    width: lang === 'en' ? 158 : 100,
    hideable: false,
    format: (v) => t(`nominations.status.${String(v)}`),
    cellClassName: (v) => `nm-status nm-status--${String(v)}`,
    cellTitle: (_v, r) => (r.reasons.length ? reasonsOf(r).join('\n') : t('nominations.noReasons')),
  };
  const fields = fieldsFor(kind).filter((d) => d.id !== 'nominator');
  const fieldColumns = fields.map((d): GridColumn<NominationRow> => ({
    id: d.id,
    header: lang === 'en' ? d.en : d.zh,
    description: lang === 'en' ? `${d.en} (${d.zh})` : `${d.zh}（${d.en}）`,
    // Numbers stay numbers, so they sort as numbers; lists and dates as the text they are edited as.
    accessor: isNumericField(d) ? (r) => (typeof r.fields[d.id] === 'number' ? r.fields[d.id] : null) : (r) => formatValue(r.fields[d.id]),
    width: WIDTHS[d.id] ?? 130,
    editable: true,
    hideable: !d.identity,
    cellClassName: (_v, r) => {
      const cls: string[] = [];
      if (isNumericField(d)) cls.push('nm-num');
      if (r.edited.includes(d.id)) cls.push('nm-edited');
      if (r.disagreements.includes(d.id)) cls.push('nm-disagree');
      return cls.join(' ') || undefined;
    },
    cellTitle: (v, r) => {
      const text = formatValue(v);
      const notes: string[] = [];
      if (r.edited.includes(d.id)) notes.push(t('nominations.edited'));
      if (r.disagreements.includes(d.id)) notes.push(t('nominations.detail.sourcesDisagree'));
      return notes.length ? `${text}\n(${notes.join('; ')})` : text.length > 12 ? text : undefined;
    },
  }));
  const identity = fieldColumns.find((c) => c.hideable === false);
  const rest = fieldColumns.filter((c) => c !== identity);
  const nominators: GridColumn<NominationRow> = {
    id: 'nominators',
    header: t('nominations.columns.nominators'),
    accessor: (r) => r.nominators.join('; '),
    width: 180,
  };
  const reasons: GridColumn<NominationRow> = {
    id: 'reasons',
    header: t('nominations.columns.reasons'),
    accessor: (r) => reasonsOf(r).join('；'),
    width: 280,
    sortable: false,
  };
  return [status, ...(identity ? [identity] : []), nominators, ...rest, reasons];
}
