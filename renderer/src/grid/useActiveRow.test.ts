// onActiveCellChange: told once per move of the active cell, whatever React re-runs.
import { describe, expect, it } from 'vitest';
import { ActiveCellReporter } from './useActiveRow.ts';

describe('ActiveCellReporter (onActiveCellChange)', () => {
  it('tells the first cell, then each move of row or column, never the same cell twice in a row', () => {
    const heard: [string | null, string | null][] = [];
    const listen = (r: string | null, c: string | null) => heard.push([r, c]);
    const rep = new ActiveCellReporter();
    rep.report('n1', 'title', listen);
    rep.report('n1', 'title', listen); // a re-render, or StrictMode's second effect run
    rep.report('n1', 'academic', listen); // Tab: another column
    rep.report('n2', 'academic', listen); // Enter: another row
    rep.report('n2', 'academic', listen);
    rep.report(null, 'academic', listen); // the rows filtered away
    rep.report('n1', 'title', listen); // back where it began: a move again
    expect(heard).toEqual([['n1', 'title'], ['n1', 'academic'], ['n2', 'academic'], [null, 'academic'], ['n1', 'title']]);
  });

  it('without a listener remembers the cell, so a listener given later hears only the next move', () => {
    const heard: string[] = [];
    const rep = new ActiveCellReporter();
    rep.report('n1', 'a', undefined);
    rep.report('n1', 'a', (r, c) => heard.push(`${r}/${c}`));
    rep.report('n1', 'b', (r, c) => heard.push(`${r}/${c}`));
    expect(heard).toEqual(['n1/b']);
  });
});
