import { describe, expect, it } from 'vitest';
import type { ImportIssue } from './map-rows.ts';
import { issueKey, issuesByRow, openProblems, storedReport } from './problems.ts';
import type { Nomination, NominationSource } from './record.ts';

const issue = (row: number, code: ImportIssue['code'], severity: ImportIssue['severity'] = 'warning', value: ImportIssue['value'] = '很多'): ImportIssue =>
  ({ sheet: 'S', row, column: 'F', field: 'citations', code, severity, message: 'm', value });

const source = (over: Partial<NominationSource> = {}): NominationSource => ({ importId: 'i1', file: 'a.xlsx', sha256: 's', sheet: 'S', row: 48, nominator: '学会', fields: {}, extra: [], at: 't', ...over });
const nomination = (over: Partial<Nomination> = {}): Nomination => ({ id: 'n1', key: 'k', sources: [source({ issues: [{ column: 'F', field: 'citations', code: 'NOT_A_NUMBER', value: '很多' }] })], edits: {}, override: null, distinctFrom: [], createdAt: 't', updatedAt: 't', ...over });

describe('import problems on sources', () => {
  it('keeps a value not taken on its row; not a missing value, a repeated row, a missing column or a rejected row', () => {
    const byRow = issuesByRow([issue(48, 'NOT_A_NUMBER'), issue(49, 'REQUIRED_MISSING'), issue(50, 'DUPLICATE_KEY'), issue(1, 'COLUMN_MISSING'), issue(51, 'BAD_YEAR', 'error')]);
    expect([...byRow.keys()]).toEqual([48]);
    expect(byRow.get(48)).toEqual([{ column: 'F', field: 'citations', code: 'NOT_A_NUMBER', value: '很多' }]);
  });

  it('a problem is open until its field is corrected by hand or it is accepted', () => {
    const n = nomination();
    const open = openProblems(n);
    expect(open).toEqual([{ key: issueKey(n.sources[0]!, { column: 'F', code: 'NOT_A_NUMBER' }), field: 'citations', cell: 'F48', code: 'NOT_A_NUMBER', value: '很多', nominator: '学会' }]);
    expect(openProblems({ ...n, edits: { citations: { value: 12, at: 't', actor: 'me' } } })).toEqual([]);
    expect(openProblems({ ...n, accepted: [{ key: open[0]!.key, at: 't', actor: 'me' }] })).toEqual([]);
    expect(openProblems({ ...n, accepted: [{ key: 'other', at: 't', actor: 'me' }] })).toHaveLength(1);
  });

  it('the stored report keeps the counts and at most STORED_ISSUES problems, without messages', () => {
    const many = Array.from({ length: 2_100 }, (_, i) => issue(i + 2, 'NOT_A_NUMBER'));
    const r = storedReport(3, many);
    expect(r.issueCount).toBe(2_100);
    expect(r.issues).toHaveLength(2_000);
    expect(r.duplicates).toBe(3);
    expect(r.issues[0]).toEqual({ row: 2, column: 'F', field: 'citations', code: 'NOT_A_NUMBER', severity: 'warning', value: '很多' });
  });
});
