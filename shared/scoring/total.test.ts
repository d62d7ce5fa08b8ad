import { describe, expect, it } from 'vitest';
import { isOnStep, weightedTotal, weightSum } from './total.ts';
import { template } from '../campaign/templates.ts';
import type { Criterion } from '../campaign/model.ts';

const c = (id: string, weight: number, min: number, max: number, step = 1): Criterion =>
  ({ id, name: id, nameEn: id, description: '', weight, min, max, step, bands: [], toConfirm: false });

describe('weightedTotal', () => {
  it('is Σ weight × (score − min)/(max − min) on 0–100', () => {
    const criteria = [c('a', 40, 0, 40), c('b', 30, 0, 30), c('c', 30, 0, 30)];
    expect(weightedTotal(criteria, { a: 40, b: 30, c: 30 }).total).toBe(100);
    expect(weightedTotal(criteria, { a: 20, b: 15, c: 0 }).total).toBe(35);
  });

  it('scales a criterion whose range is not 0–weight', () => {
    const criteria = [c('a', 50, 1, 5), c('b', 50, 0, 10, 0.5)];
    expect(weightedTotal(criteria, { a: 3, b: 7.5 }).total).toBe(25 + 37.5);
  });

  it('gives the Chinese-habit conference rubric a plain sum', () => {
    const { criteria } = template('conferences');
    expect(weightedTotal(criteria, { 'academic-value': 20, 'social-influence': 18, attention: 22, service: 15 }).total).toBe(75);
  });

  it('says which criteria are missing or invalid instead of treating them as 0', () => {
    const criteria = [c('a', 50, 0, 50), c('b', 50, 0, 50)];
    expect(weightedTotal(criteria, { a: 10 })).toEqual({ total: null, missing: ['b'], invalid: [] });
    expect(weightedTotal(criteria, { a: 10, b: 51 })).toEqual({ total: null, missing: [], invalid: ['b'] });
    expect(weightedTotal(criteria, { a: 10, b: 2.5 })).toEqual({ total: null, missing: [], invalid: ['b'] });
    expect(weightedTotal(criteria, { a: null, b: Number.NaN }).missing).toEqual(['a', 'b']);
  });

  it('checks steps without floating-point surprises', () => {
    expect(isOnStep(c('x', 10, 0, 1, 0.1), 0.3)).toBe(true);
    expect(isOnStep(c('x', 10, 0, 1, 0.1), 0.35)).toBe(false);
    expect(weightSum([{ weight: 33.3 }, { weight: 33.3 }, { weight: 33.4 }])).toBe(100);
  });
});
