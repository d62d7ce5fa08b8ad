import { describe, expect, it } from 'vitest';
import { countSheetXml, sheetParts } from './sheet-scan.ts';
import { sheetXml } from './test-zip.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('countSheetXml', () => {
  it('counts the cells with a value and the last row that has one', () => {
    expect(countSheetXml(enc(sheetXml(50, 3)))).toEqual({ lastRow: 50, cells: 150 });
  });

  it('styled empty cells and rows count for nothing; rows without r= are numbered in order', () => {
    const xml = '<sheetData><row><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row><c r="A2" s="1"/></row><row r="7"><c r="B7"><f>1+1</f><v>2</v></c></row><row r="9" ht="20"/></sheetData><rowBreaks count="1"/>';
    expect(countSheetXml(enc(xml))).toEqual({ lastRow: 7, cells: 2 });
    expect(countSheetXml(enc('<sheetData/>'))).toEqual({ lastRow: 0, cells: 0 });
  });
});

describe('sheetParts', () => {
  it('the sheets in order, with their parts and whether they are hidden', () => {
    const wb = '<workbook><sheets><sheet name="推荐 &amp; 名单" sheetId="1" r:id="rId1"/><sheet name="说明" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>';
    const rels = '<Relationships><Relationship Id="rId2" Type="x" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="x" Target="/xl/worksheets/sheet1.xml"/></Relationships>';
    expect(sheetParts(wb, rels)).toEqual([
      { index: 0, name: '推荐 & 名单', hidden: false, part: 'xl/worksheets/sheet1.xml' },
      { index: 1, name: '说明', hidden: true, part: 'xl/worksheets/sheet2.xml' },
    ]);
  });
});
