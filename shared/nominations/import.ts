import type { CampaignKind } from '../campaign/model.ts';
import { AppError } from '../contract/errors.ts';
import { identityField } from './fields.ts';
import { findHeader, mappingOf, overrideMapping, type ColumnGuess, type ColumnMapping, type MappingOverride } from './header.ts';
import { mapRows, type ImportIssue, type NominationDraft } from './map-rows.ts';

export interface SheetRows {
  readonly name: string;
  readonly rows: readonly (readonly unknown[] | undefined)[];
  readonly date1904: boolean;
}

export interface SheetPlan {
  readonly name: string;
  /** Whether the sheet's rows are imported. */
  readonly used: boolean;
  /** Why a sheet is passed over: 'no-header' (a notes sheet), 'not-chosen' (another sheet was named). */
  readonly reason?: 'no-header' | 'not-chosen';
  readonly headerRow: number | null;
  readonly columns: readonly ColumnGuess[];
  readonly mapping: ColumnMapping;
  readonly confidence: number;
}

export interface ImportOptions {
  /** Import this sheet only (by name); default: every sheet whose header names the identity field. */
  readonly sheet?: string;
  /** The secretary's column corrections; they apply to the chosen sheet, or to every sheet used. */
  readonly overrides?: readonly MappingOverride[];
}

/** Which sheets hold nominations and how their columns map: what the import dialog shows before importing. */
export function planImport(kind: CampaignKind, sheets: readonly SheetRows[], opts: ImportOptions = {}): SheetPlan[] {
  if (opts.sheet !== undefined && !sheets.some((s) => s.name === opts.sheet)) {
    throw new AppError('BAD_ARGUMENTS', `no sheet "${opts.sheet}"; the workbook has ${sheets.map((s) => `"${s.name}"`).join(', ')}`, { details: [{ path: 'sheet', message: 'no such sheet' }] });
  }
  const idField = identityField(kind).id;
  return sheets.map((s): SheetPlan => {
    const guess = findHeader(kind, s.rows);
    const chosen = opts.sheet === undefined || opts.sheet === s.name;
    if (!guess) {
      return { name: s.name, used: false, reason: chosen ? 'no-header' : 'not-chosen', headerRow: null, columns: [], mapping: [], confidence: 0 };
    }
    const mapping = opts.overrides?.length ? overrideMapping(kind, guess.columns, opts.overrides) : mappingOf(guess.columns);
    const named = mapping.includes(idField);
    const used = chosen && (named || opts.sheet !== undefined);
    return {
      name: s.name,
      used,
      ...(used ? {} : { reason: chosen ? ('no-header' as const) : ('not-chosen' as const) }),
      headerRow: guess.headerRow,
      columns: guess.columns,
      mapping,
      confidence: guess.confidence,
    };
  });
}

export interface ImportResult {
  readonly items: NominationDraft[];
  readonly issues: ImportIssue[];
  readonly rejected: number;
  readonly skipped: number;
  readonly sheets: SheetPlan[];
}

/** A workbook's sheets → nominations: every sheet the plan uses, with duplicates flagged across sheets. Pure. */
export function importSheets(kind: CampaignKind, sheets: readonly SheetRows[], opts: ImportOptions = {}): ImportResult {
  const plans = planImport(kind, sheets, opts);
  const items: NominationDraft[] = [];
  const issues: ImportIssue[] = [];
  let rejected = 0;
  let skipped = 0;
  const firstSeen = new Map<string, { sheet: string; row: number }>();
  const idField = identityField(kind);
  plans.forEach((plan, i) => {
    if (!plan.used || plan.headerRow === null) return;
    const sheet = sheets[i]!;
    const r = mapRows({ kind, rows: sheet.rows, headerRow: plan.headerRow, mapping: plan.mapping, sheet: sheet.name, date1904: sheet.date1904 });
    issues.push(...r.issues);
    rejected += r.rejected;
    skipped += r.skipped;
    const idColumn = plan.mapping.indexOf(idField.id);
    for (const item of r.items) {
      const first = firstSeen.get(item.key);
      if (!first) firstSeen.set(item.key, item.source);
      else if (first.sheet !== item.source.sheet) {
        issues.push({
          sheet: item.source.sheet,
          row: item.source.row,
          column: idColumn >= 0 ? (plan.columns[idColumn]?.letter ?? '') : '',
          field: idField.id,
          code: 'DUPLICATE_KEY',
          severity: 'warning',
          message: `the same nomination appears on an earlier row (sheet "${first.sheet}", row ${first.row})`,
          value: item.label,
        });
      }
      items.push(item);
    }
  });
  if (!plans.some((p) => p.used)) {
    issues.push({ sheet: opts.sheet ?? sheets[0]?.name ?? '', row: 1, column: '', field: idField.id, code: 'HEADER_NOT_FOUND', severity: 'error', message: `no header row naming "${idField.en}" (${idField.zh}) in the first 30 rows`, value: null });
  }
  return { items, issues, rejected, skipped, sheets: plans };
}
