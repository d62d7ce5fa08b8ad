import { describe, expect, it } from 'vitest';
import { CAMPAIGN_KINDS } from '../campaign/model.ts';
import { template } from '../campaign/templates.ts';
import { fieldDef, fieldsFor, identityField } from './fields.ts';
import { normaliseHeader } from './header.ts';

describe('field definitions', () => {
  it.each(CAMPAIGN_KINDS)('%s: unique ids, one identity field, labels in both languages', (kind) => {
    const defs = fieldsFor(kind);
    expect(new Set(defs.map((d) => d.id)).size).toBe(defs.length);
    expect(defs.filter((d) => d.identity)).toHaveLength(1);
    expect(identityField(kind).required).toBe(true);
    for (const d of defs) {
      expect(d.zh).not.toBe('');
      expect(d.en).not.toBe('');
      expect(d.variants).toContain(d.zh);
      expect(Object.isFrozen(d)).toBe(true);
    }
  });

  it.each(CAMPAIGN_KINDS)('%s: no header variant names two fields', (kind) => {
    const seen = new Map<string, string>();
    for (const d of fieldsFor(kind)) {
      for (const v of d.variants) {
        const form = normaliseHeader(v);
        const other = seen.get(form);
        expect(other === undefined || other === d.id, `${v} → ${other} and ${d.id}`).toBe(true);
        seen.set(form, d.id);
      }
    }
  });

  it('has the fields the brief lists', () => {
    expect(fieldsFor('papers').map((d) => d.id)).toEqual(expect.arrayContaining(['title', 'authors', 'firstAuthor', 'correspondingAuthor', 'affiliation', 'journal', 'year', 'doi', 'discipline', 'nominator', 'citations', 'downloads', 'attention', 'metricsSource']));
    expect(fieldsFor('conferences').map((d) => d.id)).toEqual(['name', 'organiser', 'coOrganiser', 'dates', 'venue', 'attendees', 'foreignAttendees', 'papers', 'media', 'discipline', 'nominator']);
    expect(fieldsFor('talent').map((d) => d.id)).toEqual(['name', 'gender', 'birthDate', 'institution', 'title', 'discipline', 'mentor', 'nominator', 'email', 'achievements']);
    expect(fieldsFor('topics').map((d) => d.id)).toEqual(['title', 'proposer', 'institution', 'disciplines', 'summary', 'nominator']);
    expect(fieldDef('papers', 'doi')!.type).toBe('doi');
    expect(fieldDef('papers', '__proto__')).toBeUndefined();
  });

  it('names every field the templates require', () => {
    for (const kind of CAMPAIGN_KINDS) {
      const ids = new Set(fieldsFor(kind).map((d) => d.id));
      const missing = template(kind).settings.eligibility.requiredFields.filter((f) => !ids.has(f));
      expect(missing).toEqual([]);
    }
  });
});
