import { describe, expect, it } from 'vitest';
import { defaultSettings, settingsSchema } from '../campaign/settings.ts';
import type { FieldValue, Nomination } from '../nominations/record.ts';
import { isBlind, packetItem } from './packet.ts';

function nomination(fields: Record<string, FieldValue>, nominator = '中国物理学会'): Nomination {
  return {
    id: 'n1', key: 'T-001', edits: {}, override: null, distinctFrom: [], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    sources: [{ importId: 'i1', file: 'f.xlsx', sha256: '', sheet: 'S', row: 2, nominator, fields, extra: [], at: '' }],
  };
}
const n = nomination({ title: '量子生物学', proposer: '李四', institution: '北京大学', nominator: '中国物理学会', email: 'li@pku.edu.cn' });
const names = (blind: boolean) => packetItem({ kind: 'topics', settings: { scoring: { blind } } }, n).fields.map((f) => f.nameEn);
const value = (blind: boolean, nameEn: string) => packetItem({ kind: 'topics', settings: { scoring: { blind } } }, n).fields.find((f) => f.nameEn === nameEn)?.value;

describe('packetItem and the blind setting', () => {
  it('a blind campaign leaves the nominator out of what reviewers see', () => {
    expect(names(true)).not.toContain('Nominator');
    expect(names(true)).toContain('Proposer');
    expect(value(true, 'Proposer')).toBe('李四');
  });

  it('a campaign that is not blind shows the nominator; contact details stay out either way', () => {
    expect(names(false)).toContain('Nominator');
    expect(value(false, 'Nominator')).toBe('中国物理学会');
    expect(names(false).filter((x) => x !== 'Nominator')).toEqual(names(true));
    const two: Nomination = { ...n, sources: [...n.sources, { ...n.sources[0]!, importId: 'i2', nominator: '中国生物物理学会', fields: { title: '量子生物学' } }] };
    expect(packetItem({ kind: 'topics', settings: { scoring: { blind: false } } }, two).fields.find((f) => f.nameEn === 'Nominator')?.value).toBe('中国物理学会、中国生物物理学会');
    expect(JSON.stringify(packetItem({ kind: 'topics', settings: { scoring: { blind: false } } }, n))).not.toContain('li@pku.edu.cn');
  });

  it('blind by default, and for a campaign stored before the setting existed', () => {
    expect(defaultSettings().scoring.blind).toBe(true);
    // A snapshot's settings without the section read its default (the store parses settings with the schema).
    const { scoring: _dropped, ...old } = defaultSettings();
    expect(settingsSchema.parse(old).scoring).toEqual({ blind: true });
    // A campaign replayed from an older journal is not parsed: it has no section at all, and is blind.
    expect(isBlind({ kind: 'topics', settings: {} })).toBe(true);
    expect(isBlind({ kind: 'topics', settings: { scoring: { blind: false } } })).toBe(false);
  });
});
