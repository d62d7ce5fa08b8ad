import type { ImportIssue } from './map-rows.ts';
import type { Nomination, NominationSource, SourceIssue, StoredIssue, StoredReport } from './record.ts';
import { STORED_ISSUES } from './record.ts';

/**
 * Import problems kept on the nominations they are about (issue 9, item 1): a value an import could not take stays a
 * reason (需关注, with its cell and what it held) until the field is corrected by hand or the problem is accepted.
 * Pure.
 */

/** Problems that belong on a row's source: a value not taken. A missing required value is the formal check's, a
 * repeated row has no source, a missing column is the import's (its report says it). */
const ON_SOURCE = new Set<ImportIssue['code']>(['NOT_A_NUMBER', 'NOT_AN_INTEGER', 'NEGATIVE_NUMBER', 'BAD_YEAR', 'BAD_DATE', 'BAD_DATE_RANGE', 'BAD_DOI', 'BAD_URL', 'BAD_EMAIL']);

/** A sheet's problems by Excel row, as sources keep them. */
export function issuesByRow(issues: readonly ImportIssue[]): Map<number, SourceIssue[]> {
  const out = new Map<number, SourceIssue[]>();
  for (const i of issues) {
    if (i.severity !== 'warning' || !ON_SOURCE.has(i.code)) continue;
    const s: SourceIssue = { column: i.column, field: i.field, code: i.code, value: i.value };
    const l = out.get(i.row);
    if (l) l.push(s);
    else out.set(i.row, [s]);
  }
  return out;
}

/** One problem's identity, for accepting it: the import, the cell and what was wrong. */
export function issueKey(s: Pick<NominationSource, 'importId' | 'sheet' | 'row'>, i: Pick<SourceIssue, 'column' | 'code'>): string {
  return `${s.importId}|${s.sheet}|${s.row}|${i.column}|${i.code}`;
}

export interface OpenProblem {
  readonly key: string;
  readonly field: string;
  /** C48 */
  readonly cell: string;
  readonly code: SourceIssue['code'];
  readonly value: string | number | boolean | null;
  readonly nominator: string;
}

/** The problems of a nomination's sources still open: not accepted, and their field not corrected by hand. */
export function openProblems(n: Pick<Nomination, 'sources' | 'edits' | 'accepted'>): OpenProblem[] {
  const out: OpenProblem[] = [];
  let accepted: Set<string> | null = null;
  for (const s of n.sources) {
    if (!s.issues) continue;
    for (const i of s.issues) {
      if (Object.prototype.hasOwnProperty.call(n.edits, i.field)) continue;
      const key = issueKey(s, i);
      accepted ??= new Set((n.accepted ?? []).map((a) => a.key));
      if (accepted.has(key)) continue;
      out.push({ key, field: i.field, cell: `${i.column}${s.row}`, code: i.code, value: i.value, nominator: s.nominator });
    }
  }
  return out;
}

export interface AcceptedProblem extends OpenProblem {
  readonly at: string;
  readonly actor: string;
}

/** The problems someone accepted as they are (while their field is not corrected by hand), with who and when. */
export function acceptedProblems(n: Pick<Nomination, 'sources' | 'edits' | 'accepted'>): AcceptedProblem[] {
  if (!n.accepted?.length) return [];
  const byKey = new Map(n.accepted.map((a) => [a.key, a]));
  const out: AcceptedProblem[] = [];
  for (const s of n.sources) {
    for (const i of s.issues ?? []) {
      if (Object.prototype.hasOwnProperty.call(n.edits, i.field)) continue;
      const a = byKey.get(issueKey(s, i));
      if (a) out.push({ key: a.key, field: i.field, cell: `${i.column}${s.row}`, code: i.code, value: i.value, nominator: s.nominator, at: a.at, actor: a.actor });
    }
  }
  return out;
}

/** An import's report as its record keeps it: the first STORED_ISSUES problems, and how many there were. */
export function storedReport(duplicates: number, issues: readonly ImportIssue[]): StoredReport {
  const kept: StoredIssue[] = issues.slice(0, STORED_ISSUES).map((i) => ({ row: i.row, column: i.column, field: i.field, code: i.code, severity: i.severity, value: i.value }));
  return { duplicates, issueCount: issues.length, issues: kept };
}
