import { describe, expect, it } from 'vitest';
import { columnFrame, fitWidths, scaled } from './layout.ts';

describe('layout at every size', () => {
  it('scales the known sizes with the text size (A+)', () => {
    expect(columnFrame(10, 2, true, 1.25)).toMatchObject({ gutter: 70, headerHeight: 45, frozenCount: 2 });
    expect(columnFrame(10, 2, false)).toMatchObject({ gutter: 0, headerHeight: 36 });
    expect(scaled(32, 1.5)).toBe(48);
  });

  it('narrows wide columns most so the first N fit', () => {
    // status 100, title 300, nominators 180, authors 170, journal 170 in a 600 px box with a 56 px gutter.
    const sizes = [100, 300, 180, 170, 170, 90];
    const w = fitWidths(sizes, 5, 600, 56);
    expect(w.slice(0, 5).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(600 - 56 - 2);
    expect(w[0]).toBeGreaterThan(72);
    expect(w[5]).toBeLessThan(90);
    expect(w[1]!).toBeLessThan(300);
    expect(w[1]!).toBeGreaterThan(w[3]!);
  });

  it('leaves widths alone when they fit, when no minimum is asked, or before the box is measured', () => {
    const sizes = [100, 200];
    expect(fitWidths(sizes, 5, 1200, 56)).toBe(sizes);
    expect(fitWidths(sizes, 0, 200, 56)).toBe(sizes);
    expect(fitWidths(sizes, 5, 0, 56)).toBe(sizes);
  });

  it('never narrows below its floor: a box too small scrolls instead', () => {
    const w = fitWidths([300, 300, 300, 300, 300], 5, 300, 56);
    for (const x of w) expect(x).toBe(64 + Math.floor(236 * 0.1));
  });
});
