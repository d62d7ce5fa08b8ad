import { afterEach, describe, expect, it, vi } from 'vitest';
import { settingsSchema } from '../../../shared/campaign/settings.ts';
import { ERROR_CODES } from '../../../shared/contract/errors.ts';
import { ApiError, call } from '../api.ts';
import { parseRoute, href } from './route.ts';
import { fieldFacts } from './schema.ts';
import { editedSettingPaths } from '../setup/SettingsSection.tsx';
import { normaliseNumberText, parseNumber, splitList } from '../setup/fields.tsx';

describe('routes', () => {
  it('parse and print the hash', () => {
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/')).toEqual({ page: 'home' });
    expect(parseRoute('#/new')).toEqual({ page: 'new' });
    expect(parseRoute('#/campaigns/c-1/scoring')).toEqual({ page: 'step', campaignId: 'c-1', step: 'scoring' });
    expect(parseRoute('#/campaigns/c-1')).toEqual({ page: 'step', campaignId: 'c-1', step: 'setup' });
    expect(parseRoute('#/campaigns/c-1/nonsense')).toEqual({ page: 'step', campaignId: 'c-1', step: 'setup' });
    expect(href({ page: 'step', campaignId: 'a b', step: 'panel' })).toBe('#/campaigns/a%20b/panel');
    expect(parseRoute(href({ page: 'step', campaignId: 'a b', step: 'panel' }))).toEqual({ page: 'step', campaignId: 'a b', step: 'panel' });
  });
});

describe('typed numbers and lists', () => {
  const t = (k: string) => k;
  it('accept full-width digits and signs, as Chinese input methods type them', () => {
    expect(normaliseNumberText('８５')).toBe('85');
    expect(normaliseNumberText('－５．５')).toBe('-5.5');
    expect(parseNumber(' 25 ', false, t)).toEqual({ ok: true, value: 25 });
    expect(parseNumber('-5', false, t)).toEqual({ ok: true, value: -5 });
    expect(parseNumber('', true, t)).toEqual({ ok: true, value: null });
    expect(parseNumber('', false, t)).toEqual({ ok: false, error: 'common.enterNumber' });
    expect(parseNumber('五', false, t)).toEqual({ ok: false, error: 'common.enterNumber' });
    expect(parseNumber('1e3', false, t).ok).toBe(false);
  });
  it('split lists as people type them', () => {
    expect(splitList('数学, 物理、化学；生物\n地学,,')).toEqual(['数学', '物理', '化学', '生物', '地学']);
  });
});

describe('the schema, read for words', () => {
  it('gives the bounds main enforces', () => {
    expect(fieldFacts('criteria.0.weight')).toMatchObject({ kind: 'number', min: 0, max: 100 });
    expect(fieldFacts('settings.assignment.perItem')).toMatchObject({ kind: 'number', min: 1, max: 50, integer: true });
    expect(fieldFacts('settings.quota.total')).toMatchObject({ kind: 'number', min: 0, max: 100_000, nullable: true });
    expect(fieldFacts('groups.3.quotaShare')).toMatchObject({ kind: 'number', nullable: true });
    expect(fieldFacts('criteria.0.step')).toMatchObject({ kind: 'number', min: 0, minExclusive: true });
    expect(fieldFacts('name')).toMatchObject({ kind: 'string' });
    expect(fieldFacts('no.such.path')).toBeNull();
  });

  it('the setup page edits every setting of the schema', () => {
    const leaves: string[] = [];
    for (const [section, obj] of Object.entries(settingsSchema.shape)) {
      const inner = (obj as unknown as { _zod: { def: { innerType: { shape: Record<string, unknown> } } } })._zod.def.innerType.shape;
      for (const field of Object.keys(inner)) leaves.push(`${section}.${field}`);
    }
    expect([...editedSettingPaths()].sort()).toEqual(leaves.sort());
  });
});

describe('call', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('uses the preload bridge when there is one, and throws ApiError on { ok: false }', async () => {
    const bridge = {
      'campaigns.list': vi.fn(async () => ({ ok: true, value: { campaigns: [] } })),
      'campaigns.get': vi.fn(async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no campaign', values: { id: 'x' } } })),
    };
    vi.stubGlobal('window', { paneldesk: bridge });
    await expect(call('campaigns.list', {})).resolves.toEqual({ campaigns: [] });
    const err = await call('campaigns.get', { id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).data).toEqual({ code: 'NOT_FOUND', message: 'no campaign', values: { id: 'x' } });
    expect(bridge['campaigns.get']).toHaveBeenCalledWith({ id: 'x' });
  });

  it('in browser mode POSTs api/<name>, relative to the page (the host\'s secret prefix), with the arguments as JSON; 401 is UNAUTHORIZED', async () => {
    vi.stubGlobal('window', {});
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (url === 'api/store.status') return new Response('unauthorized', { status: 401 });
      expect(init.method).toBe('POST');
      expect(JSON.parse(String(init.body))).toEqual({ id: 'c-1' });
      return new Response(JSON.stringify({ ok: true, value: { id: 'c-1' } }), { status: 200 });
    });
    vi.stubGlobal('fetch', fetchMock);
    await expect(call('campaigns.get', { id: 'c-1' })).resolves.toEqual({ id: 'c-1' });
    expect(fetchMock.mock.calls[0]![0]).toBe('api/campaigns.get');
    const err = await call('store.status', {}).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('UNAUTHORIZED');
    expect(ERROR_CODES).toContain((err as ApiError).code);
  });

  it('a host that does not answer is an error with words, not a crash', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const err = await call('campaigns.list', {}).catch((e: unknown) => e);
    expect((err as ApiError).data).toMatchObject({ code: 'INTERNAL', values: { reason: 'offline' } });
  });
});
