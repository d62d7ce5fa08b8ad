import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { template } from '../../../shared/campaign/templates.ts';
import { aggregationMethods, tieBreakKeys, type Settings } from '../../../shared/campaign/settings.ts';
import { fieldFacts } from '../lib/schema.ts';
import { useEditor } from './editor.tsx';
import { FieldRow, parseNumber, splitList, useDraftField, useFieldIds, type Parsed } from './fields.tsx';

type Spec =
  | { kind: 'number'; path: string }
  | { kind: 'bool'; path: string }
  | { kind: 'enum'; path: string; options: readonly string[] }
  | { kind: 'list'; path: string }
  | { kind: 'date'; path: string }
  | { kind: 'timezone'; path: string }
  | { kind: 'fields'; path: string }
  | { kind: 'perDiscipline'; path: string }
  | { kind: 'fraction'; path: string; a: string; b: string }
  | { kind: 'order'; path: string; options: readonly string[] };

/** Every setting of the schema, by section, in the order a secretary thinks of them. */
const SECTIONS: readonly { id: keyof Settings; specs: readonly Spec[] }[] = [
  { id: 'quota', specs: [
    { kind: 'number', path: 'quota.total' },
    { kind: 'enum', path: 'quota.allocation', options: ['proportional', 'manual'] },
    { kind: 'perDiscipline', path: 'quota.perDiscipline' },
  ] },
  { id: 'assignment', specs: [{ kind: 'number', path: 'assignment.perItem' }, { kind: 'number', path: 'assignment.loadSlack' }] },
  { id: 'scoring', specs: [{ kind: 'bool', path: 'scoring.blind' }] },
  { id: 'aggregation', specs: [
    { kind: 'enum', path: 'aggregation.method', options: aggregationMethods },
    { kind: 'number', path: 'aggregation.trimHighest' },
    { kind: 'number', path: 'aggregation.trimLowest' },
    { kind: 'number', path: 'aggregation.minScoresAfterTrim' },
    { kind: 'number', path: 'aggregation.minExpertScores' },
    { kind: 'order', path: 'aggregation.tieBreaks', options: tieBreakKeys },
  ] },
  { id: 'disagreement', specs: [{ kind: 'number', path: 'disagreement.span' }, { kind: 'number', path: 'disagreement.stdDev' }] },
  { id: 'metrics', specs: [
    { kind: 'bool', path: 'metrics.enabled' },
    { kind: 'number', path: 'metrics.attentionWeight' },
    { kind: 'number', path: 'metrics.citationsWeight' },
    { kind: 'number', path: 'metrics.downloadsWeight' },
    { kind: 'number', path: 'metrics.minGroupSize' },
  ] },
  { id: 'blend', specs: [{ kind: 'number', path: 'blend.metricWeight' }, { kind: 'number', path: 'blend.expertWeight' }] },
  { id: 'vote', specs: [
    { kind: 'fraction', path: 'vote.quorum', a: 'vote.quorumNumerator', b: 'vote.quorumDenominator' },
    { kind: 'fraction', path: 'vote.pass', a: 'vote.passNumerator', b: 'vote.passDenominator' },
    { kind: 'bool', path: 'vote.abstainCountsAsPresent' },
    { kind: 'bool', path: 'vote.secretBallot' },
  ] },
  { id: 'eligibility', specs: [
    { kind: 'number', path: 'eligibility.yearFrom' },
    { kind: 'number', path: 'eligibility.yearTo' },
    { kind: 'bool', path: 'eligibility.requireBeijingAffiliation' },
    { kind: 'list', path: 'eligibility.beijingNames' },
    { kind: 'list', path: 'eligibility.beijingPatterns' },
    { kind: 'number', path: 'eligibility.ageLimit' },
    { kind: 'date', path: 'eligibility.referenceDate' },
    { kind: 'fields', path: 'eligibility.requiredFields' },
  ] },
  { id: 'display', specs: [{ kind: 'timezone', path: 'display.timeZone' }, { kind: 'bool', path: 'display.expertsByCode' }] },
];

/** The settings paths this page edits (a test checks that it is every leaf of the schema). */
export function editedSettingPaths(): string[] {
  return SECTIONS.flatMap((s) => s.specs.flatMap((p) => (p.kind === 'fraction' ? [p.a, p.b] : [p.path])));
}

const KNOWN_FIELDS = ['title', 'authors', 'journal', 'year', 'discipline', 'nominator', 'name', 'organiser', 'startDate', 'birthDate', 'institution', 'proposer'];
const TIME_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Singapore', 'UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles'];

function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function describeValue(spec: Spec, v: unknown, t: TFunction, lang: string): string {
  const sep = lang === 'en' ? ', ' : '、';
  if (v === null || v === undefined) return t('common.notSet');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (spec.kind === 'enum') return t(`settings.${spec.path}.options.${String(v)}`);
  if (spec.kind === 'order' && Array.isArray(v)) return v.length ? v.map((o: string) => t(`settings.${spec.path}.options.${o}`)).join(' → ') : t(`settings.${spec.path}.none`);
  if (spec.kind === 'fields' && Array.isArray(v)) return v.length ? v.map((f: string) => fieldName(f, t)).join(sep) : t('settings.empty');
  if (Array.isArray(v)) return v.length ? v.join(sep) : t('settings.empty');
  if (typeof v === 'object') return Object.keys(v).length ? Object.entries(v).map(([k, n]) => `${k} ${String(n)}`).join(sep) : t('settings.empty');
  return String(v);
}

function fieldName(f: string, t: TFunction): string {
  const k = `settings.fields.${f}`;
  const s = t(k);
  return s === k ? f : s;
}

function DefaultNote({ spec, value, dflt, onReset }: { spec: Spec; value: unknown; dflt: unknown; onReset: () => void }) {
  const { t, i18n } = useTranslation();
  if (same(value, dflt)) return null;
  return (
    <span className="default-note">
      {t('settings.defaultValue', { value: describeValue(spec, dflt, t, i18n.language) })}
      <button type="button" className="link-button" onClick={onReset}>{t('common.resetToDefault')}</button>
    </span>
  );
}

interface SettingProps<S extends Spec = Spec> {
  readonly spec: S;
  readonly value: unknown;
  readonly dflt: unknown;
}

function useSettingCommit(path: string) {
  const { set } = useEditor();
  return (v: unknown) => set([{ key: path, value: v }]);
}

function NumberSetting({ spec, value, dflt }: SettingProps) {
  const { t } = useTranslation();
  const ids = useFieldIds();
  const nullable = Boolean(fieldFacts(`settings.${spec.path}`)?.nullable);
  const commit = useSettingCommit(spec.path);
  const f = useDraftField<number | null>({
    fieldId: spec.path,
    value: value as number | null,
    format: (v) => (v === null ? '' : String(v)),
    parse: (s) => parseNumber(s, nullable, t),
    commit,
  });
  return (
    <FieldRow label={t(`settings.${spec.path}.label`)} htmlFor={ids.input} help={t(`settings.${spec.path}.help`)} status={f.status} error={f.error} errorId={ids.error}
      defaultNote={<DefaultNote spec={spec} value={value} dflt={dflt} onReset={() => f.commitValue(dflt as number | null)} />}>
      <input id={ids.input} className="num" type="text" inputMode="decimal" autoComplete="off" {...f.inputProps}
        placeholder={nullable ? t('common.notSet') : undefined}
        aria-describedby={`${ids.error}-help ${f.error ? ids.error : ''}`.trim()} data-setting={spec.path} />
    </FieldRow>
  );
}

function BoolSetting({ spec, value, dflt }: SettingProps) {
  const { t } = useTranslation();
  const ids = useFieldIds();
  const commit = useSettingCommit(spec.path);
  const f = useDraftField<boolean>({ fieldId: spec.path, value: Boolean(value), format: String, parse: (s) => ({ ok: true, value: s === 'true' }), commit });
  return (
    <FieldRow label={t(`settings.${spec.path}.label`)} htmlFor={ids.input} help={t(`settings.${spec.path}.help`)} status={f.status} error={f.error} errorId={ids.error}
      defaultNote={<DefaultNote spec={spec} value={value} dflt={dflt} onReset={() => f.commitValue(Boolean(dflt))} />}>
      <label className="switch">
        <input id={ids.input} type="checkbox" checked={f.shown} onChange={(e) => f.commitValue(e.target.checked)}
          aria-describedby={`${ids.error}-help`} data-setting={spec.path} />
        <span>{f.shown ? t('common.yes') : t('common.no')}</span>
      </label>
    </FieldRow>
  );
}

function EnumSetting({ spec, value, dflt }: SettingProps<Extract<Spec, { kind: 'enum' }>>) {
  const { t } = useTranslation();
  const ids = useFieldIds();
  const commit = useSettingCommit(spec.path);
  const f = useDraftField<string>({ fieldId: spec.path, value: String(value), format: String, parse: (s) => ({ ok: true, value: s }), commit });
  return (
    <FieldRow label={t(`settings.${spec.path}.label`)} htmlFor={ids.input} help={t(`settings.${spec.path}.help`)} status={f.status} error={f.error} errorId={ids.error}
      defaultNote={<DefaultNote spec={spec} value={value} dflt={dflt} onReset={() => f.commitValue(String(dflt))} />}>
      <select id={ids.input} value={f.shown} onChange={(e) => f.commitValue(e.target.value)} aria-describedby={`${ids.error}-help`} data-setting={spec.path}>
        {spec.options.map((o) => <option key={o} value={o}>{t(`settings.${spec.path}.options.${o}`)}</option>)}
      </select>
    </FieldRow>
  );
}

function TextSetting({ spec, value, dflt }: SettingProps) {
  const { t } = useTranslation();
  const ids = useFieldIds();
  const commit = useSettingCommit(spec.path);
  const isList = spec.kind === 'list';
  const f = useDraftField<unknown>({
    fieldId: spec.path,
    value,
    format: (v) => (Array.isArray(v) ? v.join('\n') : v === null || v === undefined ? '' : String(v)),
    parse: (s): Parsed<unknown> => {
      if (isList) return { ok: true, value: splitList(s) };
      const v = s.trim();
      return { ok: true, value: v === '' ? null : v };
    },
    commit,
  });
  const common = { id: ids.input, ...f.inputProps, 'aria-describedby': `${ids.error}-help ${f.error ? ids.error : ''}`.trim(), 'data-setting': spec.path };
  return (
    <FieldRow label={t(`settings.${spec.path}.label`)} htmlFor={ids.input} help={t(`settings.${spec.path}.help`)}
      status={f.status} error={f.error} errorId={ids.error} wide={isList}
      defaultNote={<DefaultNote spec={spec} value={value} dflt={dflt} onReset={() => f.commitValue(dflt)} />}>
      {isList
        ? <textarea rows={Math.min(6, Math.max(2, (Array.isArray(value) ? value.length : 1) + 1))} {...common} />
        : <input type="text" className={spec.kind === 'date' ? 'date' : undefined} placeholder={spec.kind === 'date' ? '2026-03-05' : undefined} autoComplete="off" {...common} />}
    </FieldRow>
  );
}

function TimeZoneSetting({ spec, value, dflt }: SettingProps) {
  const { t } = useTranslation();
  const ids = useFieldIds();
  const commit = useSettingCommit(spec.path);
  const f = useDraftField<string>({ fieldId: spec.path, value: String(value), format: String, parse: (s) => ({ ok: true, value: s }), commit });
  const zones = TIME_ZONES.includes(String(value)) ? TIME_ZONES : [String(value), ...TIME_ZONES];
  return (
    <FieldRow label={t(`settings.${spec.path}.label`)} htmlFor={ids.input} help={t(`settings.${spec.path}.help`)} status={f.status} error={f.error} errorId={ids.error}
      defaultNote={<DefaultNote spec={spec} value={value} dflt={dflt} onReset={() => f.commitValue(String(dflt))} />}>
      <select id={ids.input} value={f.shown} onChange={(e) => f.commitValue(e.target.value)} data-setting={spec.path}>
        {zones.map((z) => <option key={z} value={z}>{z}</option>)}
      </select>
    </FieldRow>
  );
}

function FieldsSetting({ spec, value, dflt }: SettingProps) {
  const { t } = useTranslation();
  const ids = useFieldIds();
  const commit = useSettingCommit(spec.path);
  const f = useDraftField<string[]>({ fieldId: spec.path, value: (value as string[]) ?? [], format: (v) => v.join(','), parse: (s) => ({ ok: true, value: splitList(s) }), commit });
  const list = f.shown;
  const all = [...KNOWN_FIELDS, ...list.filter((x) => !KNOWN_FIELDS.includes(x))];
  return (
    <FieldRow as="fieldset" label={t(`settings.${spec.path}.label`)} help={t(`settings.${spec.path}.help`)} status={f.status} error={f.error} errorId={ids.error} wide
      defaultNote={<DefaultNote spec={spec} value={value} dflt={dflt} onReset={() => f.commitValue(dflt as string[])} />}>
      <div className="check-grid" data-setting={spec.path}>
        {all.map((name) => (
          <label key={name} className="check">
            <input type="checkbox" checked={list.includes(name)}
              onChange={(e) => f.commitValue(e.target.checked ? all.filter((x) => x === name || list.includes(x)) : list.filter((x) => x !== name))} />
            <span>{fieldName(name, t)}</span>
          </label>
        ))}
      </div>
    </FieldRow>
  );
}

function PerDisciplineSetting({ spec, value, dflt }: SettingProps) {
  const { t } = useTranslation();
  const { campaign, set } = useEditor();
  const ids = useFieldIds();
  const record = (value ?? {}) as Record<string, number>;
  const disciplines = [...new Set([...campaign.disciplines, ...Object.keys(record)])];
  return (
    <FieldRow as="fieldset" label={t(`settings.${spec.path}.label`)} status="idle" error={null} errorId={ids.error} wide
      help={`${t(`settings.${spec.path}.help`)}${campaign.settings.quota.allocation === 'proportional' ? ` ${t('settings.quota.perDiscipline.unused')}` : ''}`}
      defaultNote={<DefaultNote spec={spec} value={value} dflt={dflt} onReset={() => void set([{ key: spec.path, value: dflt }])} />}>
      {disciplines.length === 0
        ? <span className="muted">{t('settings.quota.perDiscipline.noDisciplines')}</span>
        : <div className="quota-grid">{disciplines.map((d) => <DisciplineQuota key={d} discipline={d} record={record} />)}</div>}
    </FieldRow>
  );
}

function DisciplineQuota({ discipline, record }: { discipline: string; record: Record<string, number> }) {
  const { t } = useTranslation();
  const { set } = useEditor();
  const ids = useFieldIds();
  const f = useDraftField<number | null>({
    fieldId: `quota.perDiscipline.${discipline}`,
    value: record[discipline] ?? null,
    format: (v) => (v === null ? '' : String(v)),
    parse: (s) => parseNumber(s, true, t),
    commit: (v) => set((latest) => {
      const next = { ...latest.settings.quota.perDiscipline };
      if (v === null) delete next[discipline];
      else next[discipline] = v;
      return [{ key: 'quota.perDiscipline', value: next }];
    }),
  });
  return (
    <div className={`quota-cell${f.error ? ' has-error' : ''}`}>
      <label htmlFor={ids.input}>{discipline}</label>
      <input id={ids.input} className="num" type="text" inputMode="numeric" {...f.inputProps} placeholder="—" />
      {f.error ? <p className="field-error" role="alert">{f.error}</p> : null}
    </div>
  );
}

/** An order of distinct choices (tie-breaks): one select per place, each place offering what the earlier ones left. */
function OrderSetting({ spec, value, dflt }: SettingProps<Extract<Spec, { kind: 'order' }>>) {
  const { t } = useTranslation();
  const ids = useFieldIds();
  const commit = useSettingCommit(spec.path);
  const f = useDraftField<string[]>({ fieldId: spec.path, value: (value as string[]) ?? [], format: (v) => v.join(','), parse: (s) => ({ ok: true, value: splitList(s) }), commit });
  const list = f.shown;
  const places = Math.min(spec.options.length, list.length + 1);
  const choose = (place: number, option: string) => f.commitValue(option === '' ? list.slice(0, place) : [...list.slice(0, place), option, ...list.slice(place + 1).filter((x) => x !== option)]);
  return (
    <FieldRow as="fieldset" label={t(`settings.${spec.path}.label`)} help={t(`settings.${spec.path}.help`)} status={f.status} error={f.error} errorId={ids.error} wide
      defaultNote={<DefaultNote spec={spec} value={value} dflt={dflt} onReset={() => f.commitValue(dflt as string[])} />}>
      <span className="formula" data-setting={spec.path}>
        {Array.from({ length: places }, (_, place) => (
          <select key={place} aria-label={t(`settings.${spec.path}.place`, { n: place + 1 })} value={list[place] ?? ''} onChange={(e) => choose(place, e.target.value)}>
            <option value="">{t(place === 0 ? `settings.${spec.path}.none` : `settings.${spec.path}.nothingMore`)}</option>
            {spec.options.filter((o) => o === list[place] || !list.slice(0, place).includes(o)).map((o) => <option key={o} value={o}>{t(`settings.${spec.path}.options.${o}`)}</option>)}
          </select>
        ))}
      </span>
    </FieldRow>
  );
}

function FractionSetting({ spec, settings, defaults }: { spec: Extract<Spec, { kind: 'fraction' }>; settings: Settings; defaults: Settings }) {
  const { t } = useTranslation();
  const ids = useFieldIds();
  const a = getPath(settings, spec.a) as number;
  const b = getPath(settings, spec.b) as number;
  const da = getPath(defaults, spec.a) as number;
  const db = getPath(defaults, spec.b) as number;
  const { set } = useEditor();
  const fa = useDraftField<number | null>({ fieldId: spec.a, value: a, format: String, parse: (s) => parseNumber(s, false, t), commit: (v) => set([{ key: spec.a, value: v }]) });
  const fb = useDraftField<number | null>({ fieldId: spec.b, value: b, format: String, parse: (s) => parseNumber(s, false, t), commit: (v) => set([{ key: spec.b, value: v }]) });
  const parts = t(`settings.${spec.path}.formula`, { a: '\u2460', b: '\u2461' }).split(/([\u2460\u2461])/);
  const changed = a !== da || b !== db;
  const error = fa.error ?? fb.error;
  const status = fa.status === 'saving' || fb.status === 'saving' ? 'saving' : fa.status === 'saved' || fb.status === 'saved' ? 'saved' : 'idle';
  return (
    <FieldRow as="fieldset" label={t(`settings.${spec.path}.label`)} help={`${t(`settings.${spec.path}.help`)} ${t(`settings.${spec.path}.ratio`, { fraction: `${b}/${a}` })}`}
      status={status} error={error} errorId={ids.error}
      defaultNote={changed ? (
        <span className="default-note">
          {t('settings.defaultValue', { value: t(`settings.${spec.path}.formula`, { a: da, b: db }) })}
          <button type="button" className="link-button" onClick={() => void set([{ key: spec.a, value: da }, { key: spec.b, value: db }])}>{t('common.resetToDefault')}</button>
        </span>
      ) : null}>
      <span className="formula">
        {parts.map((p, i) => (p === '\u2460'
          ? <input key={i} className="num tiny" type="text" inputMode="numeric" aria-label={t(`settings.${spec.a}.label`)} {...fa.inputProps} data-setting={spec.a} />
          : p === '\u2461'
            ? <input key={i} className="num tiny" type="text" inputMode="numeric" aria-label={t(`settings.${spec.b}.label`)} {...fb.inputProps} data-setting={spec.b} />
            : <span key={i}>{p}</span>))}
      </span>
    </FieldRow>
  );
}

export function SettingsSection() {
  const { t } = useTranslation();
  const { campaign } = useEditor();
  // The template's settings for this campaign's year: its default eligibility window follows the year.
  const defaults = template(campaign.kind, campaign.year).settings;
  return (
    <div className="settings-sections">
      {SECTIONS.map((section) => (
        <section key={section.id} className="settings-group" aria-labelledby={`settings-${section.id}`}>
          <h3 id={`settings-${section.id}`}>{t(`settings.${section.id}.title`)}</h3>
          {section.specs.map((spec) => {
            const value = getPath(campaign.settings, spec.path);
            const dflt = getPath(defaults, spec.path);
            switch (spec.kind) {
              case 'number': return <NumberSetting key={spec.path} spec={spec} value={value} dflt={dflt} />;
              case 'bool': return <BoolSetting key={spec.path} spec={spec} value={value} dflt={dflt} />;
              case 'enum': return <EnumSetting key={spec.path} spec={spec} value={value} dflt={dflt} />;
              case 'list':
              case 'date': return <TextSetting key={spec.path} spec={spec} value={value} dflt={dflt} />;
              case 'timezone': return <TimeZoneSetting key={spec.path} spec={spec} value={value} dflt={dflt} />;
              case 'fields': return <FieldsSetting key={spec.path} spec={spec} value={value} dflt={dflt} />;
              case 'perDiscipline': return <PerDisciplineSetting key={spec.path} spec={spec} value={value} dflt={dflt} />;
              case 'fraction': return <FractionSetting key={spec.path} spec={spec} settings={campaign.settings} defaults={defaults} />;
              case 'order': return <OrderSetting key={spec.path} spec={spec} value={value} dflt={dflt} />;
            }
          })}
        </section>
      ))}
    </div>
  );
}
