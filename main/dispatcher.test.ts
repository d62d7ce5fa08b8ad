import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/contract/index.ts';
import { createDispatcher, type Handlers } from './dispatcher.ts';

const ctx = { door: 'test' as const, actor: 'tester' };

function handlers(overrides: Partial<Record<keyof Handlers, unknown>>): Handlers {
  const notUsed = () => { throw new Error('not used'); };
  return new Proxy(overrides, { get: (t, k) => (t as Record<string | symbol, unknown>)[k] ?? notUsed }) as unknown as Handlers;
}

describe('dispatcher', () => {
  it('validates arguments once and passes the parsed value', async () => {
    let got: unknown;
    const dispatch = createDispatcher(handlers({ 'campaigns.create': (args: unknown) => { got = args; return { id: 'x' }; } }));
    const r = await dispatch('campaigns.create', { template: 'papers', name: '  百篇  ', year: 2026 }, ctx);
    expect(r).toEqual({ ok: true, value: { id: 'x' } });
    expect(got).toEqual({ template: 'papers', name: '百篇', year: 2026 });
  });

  it('answers wrong arguments with BAD_ARGUMENTS and where they are wrong', async () => {
    const dispatch = createDispatcher(handlers({}));
    const r = await dispatch('campaigns.create', { template: 'movies', name: '', year: '2026', extra: 1 }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_ARGUMENTS');
    expect(r.error.details?.map((d) => d.path).sort()).toEqual(['', 'name', 'template', 'year']);
  });

  it('refuses unknown calls, including prototype names', async () => {
    const dispatch = createDispatcher(handlers({}));
    for (const name of ['nope', 'constructor', '__proto__', 'toString']) {
      const r = await dispatch(name, {}, ctx);
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
  });

  it('turns AppErrors into codes and hides internal errors behind INTERNAL', async () => {
    const logged: unknown[] = [];
    const dispatch = createDispatcher(handlers({
      'campaigns.get': () => { throw new AppError('NOT_FOUND', 'no campaign', { values: { id: 'x' } }); },
      'campaigns.list': () => { throw new TypeError('boom'); },
    }), (e) => logged.push(e));
    expect(await dispatch('campaigns.get', { id: 'x' }, ctx)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no campaign', values: { id: 'x' } } });
    expect(await dispatch('campaigns.list', {}, ctx)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logged).toHaveLength(1);
  });

  it('tells the caller nothing of an internal error: no message, no path, no stack; the log gets it all', async () => {
    const logged: [unknown, string][] = [];
    const secret = "EACCES: permission denied, open '/home/secretary/PanelDesk/campaigns/c-1/journal.jsonl'";
    const dispatch = createDispatcher(handlers({ 'campaigns.list': () => { throw new Error(secret); } }), (e, name) => logged.push([e, name]));
    const r = await dispatch('campaigns.list', {}, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.error)).toEqual(['code', 'message']);
    expect(r.error.code).toBe('INTERNAL');
    expect(JSON.stringify(r)).not.toMatch(/EACCES|PanelDesk\/|journal|\/home|\s+at \S+ \(/);
    expect(logged).toHaveLength(1);
    expect((logged[0]![0] as Error).message).toBe(secret);
    expect(logged[0]![1]).toBe('campaigns.list');
  });
});
