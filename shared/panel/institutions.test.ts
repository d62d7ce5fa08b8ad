import { describe, expect, it } from 'vitest';
import { editDistance, INSTITUTIONS, InstitutionTable, normaliseInstitution, withAdditions } from './institutions.ts';

const table = new InstitutionTable();
const idOf = (name: string): string | null => table.resolve(name).entry?.id ?? null;

describe('the alias table', () => {
  it('ships the major Beijing universities and CAS institutes, each name once', () => {
    expect(INSTITUTIONS.length).toBeGreaterThanOrEqual(60);
    const seen = new Map<string, string>();
    for (const e of INSTITUTIONS) {
      for (const n of [e.zh, e.en, ...e.aliases]) {
        const k = normaliseInstitution(n);
        const other = seen.get(k);
        if (other !== undefined && other !== e.id) throw new Error(`${n} names both ${other} and ${e.id}`);
        seen.set(k, e.id);
      }
    }
    expect(new Set(INSTITUTIONS.map((e) => e.id)).size).toBe(INSTITUTIONS.length);
  });
});

describe('normalisation', () => {
  it('folds full width, case, punctuation and spaces', () => {
    expect(normaliseInstitution('  Ｔｓｉｎｇｈｕａ　University. ')).toBe('tsinghuauniversity');
    expect(normaliseInstitution('中国石油大学（北京）')).toBe(normaliseInstitution('中国石油大学(北京)'));
    expect(idOf('ＴＨＵ')).toBe('thu');
    expect(idOf('peking   UNIVERSITY')).toBe('pku');
  });
});

describe('resolving names', () => {
  it.each([
    ['清华大学', 'thu'], ['Tsinghua University', 'thu'], ['THU', 'thu'], ['清华', 'thu'],
    ['清华大学计算机科学与技术系', 'thu'], ['Department of Computer Science and Technology, Tsinghua University, Beijing 100084, China', 'thu'],
    ['清华计算机系', 'thu'],
    ['北京大学', 'pku'], ['北大', 'pku'], ['Peking University', 'pku'], ['PKU', 'pku'], ['Department of Physics, Peking University', 'pku'],
    ['北大物理学院', 'pku'], ['北京大学医学部', 'pku'], ['School of Physics, Peking Univ.', 'pku'],
    ['中国科学院物理研究所', 'iop'], ['中科院物理所', 'iop'], ['中国科学院物理所', 'iop'], ['Institute of Physics, Chinese Academy of Sciences', 'iop'],
    ['IOP CAS', 'iop'], ['Institute of Physics, CAS', 'iop'], ['Inst. of Phys.', null],
    ['中国人民大学', 'ruc'], ['人大', 'ruc'], ['Renmin University of China', 'ruc'],
    ['北京航空航天大学', 'buaa'], ['北航', 'buaa'], ['Beihang University', 'buaa'], ['BUAA', 'buaa'],
    ['北理工', 'bit'], ['Beijing Institute of Technology', 'bit'],
    ['北师大', 'bnu'], ['School of Mathematical Sciences, Beijing Normal University', 'bnu'],
    ['中国农大', 'cau'], ['China Agricultural University', 'cau'],
    ['北京协和医学院', 'pumc'], ['Peking Union Medical College', 'pumc'],
    ['Beijing University of Technology', 'bjut'], ['Beijing University of Chemical Technology', 'buct'],
    ['中国科学院', 'cas'], ['Chinese Academy of Sciences', 'cas'], ['中国科学院大学', 'ucas'], ['University of Chinese Academy of Sciences', 'ucas'],
    ['中国石油大学（北京）', 'cupb'], ['中国石油大学(华东)', null],
    ['中科院计算所', 'ict'], ['Institute of Computing Technology, Chinese Academy of Sciences', 'ict'],
    ['北大荒农垦集团', null], ['人大常委会', null],
  ])('%s → %s', (name, id) => {
    expect(idOf(name)).toBe(id);
  });

  it('keeps the unit an umbrella academy names, and drops an address', () => {
    expect(table.resolve('中国科学院某某研究所').key).toBe('id:cas/某某研究所');
    expect(table.resolve('Institute of Foo Studies, Chinese Academy of Sciences').key).toBe('id:cas/institutefoostudies');
    expect(table.resolve('Chinese Academy of Sciences, Beijing 100190').key).toBe('id:cas');
  });

  it('reduces unknown names to their institution', () => {
    expect(table.resolve('北京某大学第3学院').key).toBe('北京某大学');
    expect(table.resolve('北京某研究院材料室').key).toBe('北京某研究院');
    expect(table.resolve('Department of Chemistry, Foo University, Beijing').key).toBe('foouniversity');
  });
});

describe('matching', () => {
  const m = (a: string, b: string): [string, string] => {
    const r = table.match(a, b);
    return [r.result, r.reason.code];
  };

  it('same institution under its Chinese, English and short names, and through departments', () => {
    expect(m('清华大学', 'Tsinghua University')).toEqual(['same', 'KNOWN_SAME']);
    expect(m('THU', '清华大学计算机科学与技术系')).toEqual(['same', 'KNOWN_SAME']);
    expect(m('中国科学院物理研究所', 'Institute of Physics, Chinese Academy of Sciences')).toEqual(['same', 'KNOWN_SAME']);
    expect(m('中科院物理所', 'IOP CAS')).toEqual(['same', 'KNOWN_SAME']);
    expect(m('北大', 'Department of Physics, Peking University')).toEqual(['same', 'KNOWN_SAME']);
    expect(table.match('北大', 'PKU').reason.values).toEqual({ institution: '北京大学' });
  });

  it('different institutions the table knows apart, though their names look alike', () => {
    expect(m('中国科学院物理研究所', '中国科学院化学研究所')).toEqual(['different', 'KNOWN_DIFFERENT']);
    expect(m('北京大学', '北京师范大学')).toEqual(['different', 'KNOWN_DIFFERENT']);
    expect(m('中国人民大学', '中国人民公安大学')).toEqual(['different', 'KNOWN_DIFFERENT']);
    expect(m('北京大学', '某省农业科学院')).toEqual(['different', 'UNRELATED']);
    // Names that part mid-word, or short ones a character apart, are different bodies.
    expect(m('北京市化学会', '北京市化工学会')).toEqual(['different', 'UNRELATED']);
    expect(m('北京市第一医院', '北京市第二医院')).toEqual(['different', 'UNRELATED']);
  });

  it('uncertain: close names the table does not know, and an institute beside its academy', () => {
    expect(m('中国石油大学（北京）', '中国石油大学（华东）')).toEqual(['uncertain', 'SIMILAR_NAME']);
    expect(m('Tsinghua Universty', 'Tsinghua University')).toEqual(['uncertain', 'SIMILAR_NAME']);
    expect(m('北京某某材料研究院', '北京某某材料研究所')).toEqual(['uncertain', 'SIMILAR_NAME']);
    expect(m('China University of Petroleum (East China)', 'China University of Petroleum, Beijing')).toEqual(['uncertain', 'SIMILAR_NAME']);
    expect(m('某某理工大学', '某某理工大学（威海）')).toEqual(['uncertain', 'SIMILAR_NAME']);
    expect(m('中国科学院', '中国科学院物理研究所')).toEqual(['uncertain', 'PARENT_CHILD']);
    expect(m('中国科学院甲乙研究所', '中国科学院丙丁研究所')).toEqual(['uncertain', 'SAME_PARENT']);
    expect(m('中国科学院甲乙研究所', '中国科学院甲乙研究所')).toEqual(['same', 'KNOWN_SAME']);
  });

  it('same text for names the table does not know; empty is no evidence', () => {
    expect(m('北京某大学第3学院', '北京某大学第7学院')).toEqual(['same', 'SAME_TEXT']);
    expect(m('', '清华大学')).toEqual(['different', 'MISSING']);
  });

  it('takes a campaign\'s additions', () => {
    const t = new InstitutionTable(withAdditions(INSTITUTIONS, [
      { id: 'thu', zh: '', en: '', aliases: ['水木清华'] },
      { id: 'foo', zh: '北京某某研究院', en: 'Beijing Foo Institute', aliases: ['某某院'] },
    ]));
    expect(t.match('水木清华', 'THU').result).toBe('same');
    expect(t.match('某某院', 'Beijing Foo Institute').result).toBe('same');
    expect(t.match('北京某某研究院第二研究室', '某某院').result).toBe('same');
    expect(new InstitutionTable().match('北京某某研究院第二研究室', '某某院').result).toBe('different');
  });
});

describe('editDistance', () => {
  it('counts edits and stops past the limit', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('清华大学', '清华大学')).toBe(0);
  });
});
