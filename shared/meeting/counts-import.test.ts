import { describe, expect, it } from 'vitest';
import { countsFromRows } from './counts-import.ts';

const items = [{ itemId: 'a', key: 'K-1', title: '中国化学会年会' }, { itemId: 'b', key: 'K-2', title: '物理年会' }];

describe('countsFromRows', () => {
  it('reads counts under a Chinese header, by key or title, full-width digits too', () => {
    const rows = [['计票表'], ['序号', '项目', '赞成', '反对', '弃权'], [1, '中国化学会年会', 5, 1, 0], [2, 'K-2', '３', '2', '1'], [3, '别的会议', 9, 0, 0]];
    expect(countsFromRows(rows, items)).toEqual([{ itemId: 'a', counts: { yes: 5, no: 1, abstain: 0 } }, { itemId: 'b', counts: { yes: 3, no: 2, abstain: 1 } }]);
  });

  it('passes over counts that are not whole numbers, and finds nothing without a header', () => {
    expect(countsFromRows([['Item', 'Yes', 'No', 'Abstain'], ['K-1', 2.5, 0, 0], ['K-2', -1, 0, 0]], items)).toEqual([]);
    expect(countsFromRows([['K-1', 5, 1, 0]], items)).toEqual([]);
  });
});
