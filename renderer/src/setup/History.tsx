import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CampaignView } from '../../../shared/contract/index.ts';
import { useCall } from '../lib/queries.ts';
import { describeError } from '../i18n/errors.ts';
import { formatDateTime } from '../i18n/format.ts';
import { fieldName, historyValueText } from '../nominations/format.ts';
import { historyTypeWord, type HistoryEntry } from '../../../shared/store/doc.ts';
import { ImportReportDialog } from '../nominations/ImportsDialog.tsx';

/** An entry's kind in words: the words of the step's slice that owns the change (shared/<step>/slice.ts). */
export function typeWord(type: string, lang: string): string {
  return historyTypeWord(type, lang);
}

/** `nominations.<id>.<field>` → “<the nomination's label>” · 论文题目 (the entry names its nomination since schema 3). */
export function nominationChangeLabel(key: string, entry: HistoryEntry, campaign: CampaignView, t: TFunction, lang: string, after?: unknown): string {
  const [, id = '', field] = key.split('.');
  // A line of an entry about many nominations names its own (about); older entries without a subject show the id.
  const about = after !== null && typeof after === 'object' && typeof (after as { about?: unknown }).about === 'string' ? (after as { about: string }).about : null;
  const label = entry.subject?.id === id ? entry.subject.label : about ?? id;
  const what = field === undefined ? t('setup.history.nominationItself') : field === 'override' ? t('nominations.detail.override') : fieldName(campaign.kind, field, lang);
  return t('setup.history.nominationField', { label, field: what });
}

/** One import: the file, sheet and nominator, and what it did. */
export function importLine(e: HistoryEntry, t: TFunction): string | null {
  const i = e.import;
  if (!i) return null;
  if (i.undone) return t('nominations.actions.undoneLine', { file: i.file, sheet: i.sheet, removed: i.undone.removed, kept: i.undone.kept });
  return t(i.nominator ? 'setup.history.importLine' : 'setup.history.importLineNoNominator', { ...i });
}

/** `criteria.academic-value.weight` → 指标“学术价值”的权重; settings keys by their labels. */
export function changeLabel(key: string, campaign: CampaignView, t: TFunction, lang: string): string {
  const [root, id, field, ...rest] = key.split('.');
  if (root === 'criteria' && id) {
    const c = campaign.criteria.find((x) => x.id === id);
    const name = c ? (lang === 'en' && c.nameEn ? c.nameEn : c.name) : id;
    if (id === 'order' || field === undefined) return `${t('fieldNames.criteria')} · ${field === undefined && id === 'order' ? t('setup.history.reorder') : name}`;
    return t('setup.rubric.criterionLabel', { name, field: fieldWord(field, t) }) + (rest.length ? ` ${rest.join('.')}` : '');
  }
  if (root === 'groups' && id) {
    const g = campaign.groups.find((x) => x.id === id);
    if (id === 'order') return `${t('fieldNames.groups')} · ${t('setup.history.reorder')}`;
    return `${t('fieldNames.groups')} “${g?.name ?? id}”${field ? ` · ${fieldWord(field, t)}` : ''}`;
  }
  if (root === 'settings' && id && field) {
    const k = `settings.${id}.${field}.label`;
    const s = t(k);
    return s === k ? key : s + (rest.length ? ` · ${rest.join('.')}` : '');
  }
  return fieldWord(root ?? key, t);
}

function fieldWord(field: string, t: TFunction): string {
  const k = `fieldNames.${field}`;
  const s = t(k);
  return s === k ? field : s;
}

function valueText(v: unknown, t: TFunction): string {
  if (v === undefined || v === null || v === '') return t('setup.history.empty_value');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.length ? v.join('、') : t('setup.history.empty_value');
    return t('setup.history.items', { count: v.length });
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    // A returned score sheet: its file; an issued one: how many nominations it holds.
    if (typeof o.file === 'string') return o.file;
    if (typeof o.items === 'number') return t('setup.history.items', { count: o.items });
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  }
  const s = String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export function History({ campaign }: { campaign: CampaignView }) {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useCall('campaigns.history', { id: campaign.id });
  const zone = campaign.settings.display.timeZone;
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [report, setReport] = useState<string | null>(null);
  if (error) {
    return <p className="field-error" role="alert">{describeError(error, t)} <button type="button" className="link-button" onClick={() => void reload()}>{t('common.retry')}</button></p>;
  }
  if (!data) return <p className="muted">{loading ? t('app.loading') : null}</p>;
  if (data.entries.length === 0) return <p className="muted">{t('setup.history.empty')}</p>;
  const keyText = (c: HistoryEntry['changes'][number]) => (c.words ? (i18n.language.startsWith('en') ? c.words.en : c.words.zh) : changeLabel(c.key, campaign, t, i18n.language));
  return (
    <div className="history">
      <p className="section-intro">{t('setup.history.intro')}</p>
      <ol className="history-list">
        {data.entries.map((e) => {
          const open = expanded.has(e.seq);
          const shown = open ? e.changes : e.changes.slice(0, 4);
          return (
            <li key={e.seq} className="history-entry">
              <div className="history-head">
                <time dateTime={e.at}>{formatDateTime(e.at, i18n.language, zone)}</time>
                <span className="history-type">{typeWord(e.type, i18n.language)}</span>
                <span className="muted">{t('setup.history.actor', { actor: e.actor })}</span>
              </div>
              {e.import ? (
                <p className="history-changes">
                  {importLine(e, t)}{' '}
                  <button type="button" className="link-button" onClick={() => setReport(e.import!.id)} data-testid="history-report">{t('nominations.actions.report')}</button>
                </p>
              ) : null}
              {shown.length ? (
                <ul className="history-changes">
                  {shown.map((c, i) => (
                    <li key={i}>
                      {c.key.startsWith('nominations.')
                        ? t('setup.history.change', {
                            key: nominationChangeLabel(c.key, e, campaign, t, i18n.language, c.after),
                            before: historyValueText(c.before, t('setup.history.empty_value'), (st) => t(`nominations.status.${st}`)),
                            after: historyValueText(c.after, t('setup.history.empty_value'), (st) => t(`nominations.status.${st}`)),
                          })
                        : c.before === undefined
                        ? t('setup.history.added', { key: keyText(c) })
                        : c.after === undefined
                          ? t('setup.history.removed', { key: keyText(c) })
                          : t('setup.history.change', { key: keyText(c), before: valueText(c.before, t), after: valueText(c.after, t) })}
                    </li>
                  ))}
                </ul>
              ) : null}
              {e.changes.length > 4 && !open ? (
                <button type="button" className="link-button" onClick={() => setExpanded((s) => new Set([...s, e.seq]))}>
                  {t('setup.history.more', { count: e.changes.length - 4 })}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {report ? <ImportReportDialog campaign={campaign} importId={report} onClose={() => setReport(null)} /> : null}
    </div>
  );
}
