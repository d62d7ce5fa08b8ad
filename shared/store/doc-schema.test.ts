import { describe, expect, it } from 'vitest';
import { newCampaign } from '../campaign/campaign.ts';
import type { Nomination } from '../nominations/record.ts';
import { checkCampaignDoc } from './doc-schema.ts';
import { applyEntry, type CampaignDoc } from './doc.ts';

const campaign = newCampaign({ template: 'papers', name: 'x', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');
const nomination: Nomination = {
  id: 'n1',
  key: 'doi:10.1/x',
  aliases: ['title:a|2025'],
  sources: [{ importId: 'i1', file: 'a.xlsx', sha256: 's', sheet: 'S', row: 2, nominator: '学会甲', fields: { title: 'A', year: 2025, authors: ['甲', '乙'], date: { start: '2025-01-01', precision: 'month' } }, extra: [{ column: 'Q', header: '备注', value: 3 }], at: 't' }],
  edits: { title: { value: 'A2', at: 't', actor: 'me' } },
  override: { status: 'eligible', note: 'ok', at: 't', actor: 'me' },
  distinctFrom: [],
  createdAt: 't',
  updatedAt: 't',
};

function doc(): CampaignDoc {
  const d0 = applyEntry(null, { seq: 1, at: 't1', actor: 'me', change: { type: 'campaign.created', campaign } });
  return applyEntry(d0, {
    seq: 2,
    at: 't2',
    actor: 'me',
    change: {
      type: 'nominations.imported',
      import: { id: 'i1', file: 'a.xlsx', sha256: 's', size: 1, sheet: 'S', nominator: '学会甲', mapping: { A: 'title' }, at: 't', actor: 'me', imported: 1, updated: 0, unchanged: 0, rejected: 0 },
      upserts: [nomination],
      memory: { nominator: '__proto__', mapping: { 题目: 'title', 备注: null } },
    },
  });
}
/** As read back from a snapshot. */
const roundTrip = (v: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

describe('checkCampaignDoc', () => {
  it('accepts what the reducers make, and hands back the doc read (unknown keys and a "__proto__" nominator kept)', () => {
    const raw = { ...roundTrip(doc()), scores: [{ itemId: 'n1', value: 3 }] };
    const r = checkCampaignDoc(raw);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc).toEqual(raw);
    expect(Object.keys(r.doc.mappings)).toEqual(['__proto__']);
    expect((r.doc as unknown as { scores: unknown[] }).scores).toHaveLength(1);
  });

  it('fills settings a snapshot lacks with their defaults', () => {
    const raw = roundTrip(doc());
    const c = raw.campaign as Record<string, unknown>;
    const r = checkCampaignDoc({ ...raw, campaign: { ...c, settings: {} } });
    expect(r.ok && r.doc.campaign.settings.assignment.perItem).toBe(5);
  });

  it('refuses the right outline with missing fields, and says where', () => {
    const r = checkCampaignDoc({ schemaVersion: 3, campaign: { id: 'ID' }, seq: 6 });
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.reason).toMatch(/^campaign\.name: .* \(and \d+ more\)$/);
  });

  it('refuses a wrong type deep inside', () => {
    const cases: [string, (d: Record<string, unknown>) => unknown][] = [
      ['nominations.0.sources.0.fields', (d) => ({ ...d, nominations: [{ ...nomination, sources: [{ ...nomination.sources[0], fields: { title: { x: 1 } } }] }] })],
      ['nominations.0.override.status', (d) => ({ ...d, nominations: [{ ...nomination, override: { ...nomination.override, status: 'maybe' } }] })],
      ['history.chunks.0.1.changes', (d) => ({ ...d, history: { chunks: [[...(d.history as { chunks: unknown[][] }).chunks[0]!.slice(0, 1), { seq: 2, at: 't', actor: 'me', type: 'x' }]] } })],
      ['imports.0.imported', (d) => ({ ...d, imports: [{ ...(d.imports as object[])[0], imported: '1' }] })],
      ['mappings.a.b', (d) => ({ ...d, mappings: { a: { b: 3 } } })],
      ['campaign.criteria.0.weight', (d) => ({ ...d, campaign: { ...(d.campaign as object), criteria: [{ id: 'x', name: 'x', min: 0, max: 1, step: 1 }] } })],
      ['seq', (d) => ({ ...d, seq: -1 })],
    ];
    for (const [where, brk] of cases) {
      const r = checkCampaignDoc(brk(roundTrip(doc())));
      expect(r.ok, where).toBe(false);
      expect(!r.ok && r.reason, where).toMatch(new RegExp(`^${where.replace(/\./g, '\\.')}:`));
    }
  });
});
