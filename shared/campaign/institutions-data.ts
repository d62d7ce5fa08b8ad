/**
 * The alias table shipped with PanelDesk: major Beijing universities, the Chinese Academy of Sciences' Beijing
 * institutes, and the national academies seated in Beijing. Each entry: its Chinese name, its English name, and the
 * other names people write (short forms, old names, abbreviations). Secretaries extend it (a campaign keeps its
 * own additions); matching is on normalised text, so case, spaces, full-width letters and punctuation do not matter.
 *
 * `umbrella`: an academy whose institutes are separate institutions (中国科学院): "中国科学院某研究所" that the table
 * does not know is under it but not the same as a sibling, so such pairs are "please confirm".
 * `parent`: the institution this one belongs to (an institute of 中国科学院): the pair parent/child is doubtful too.
 */
export interface InstitutionEntry {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly aliases: readonly string[];
  readonly umbrella?: boolean;
  readonly parent?: string;
}

const u = (id: string, zh: string, en: string, ...aliases: string[]): InstitutionEntry => ({ id, zh, en, aliases });

/** A CAS institute: 中国科学院X研究所 → also 中科院X研究所, 中国科学院X所, 中科院X所; English with "CAS" and with the academy first. */
function cas(id: string, zhShort: string, en: string, ...aliases: string[]): InstitutionEntry {
  const full = `中国科学院${zhShort}`;
  const forms = new Set<string>([`中科院${zhShort}`]);
  if (zhShort.endsWith('研究所')) {
    const s = zhShort.slice(0, -3);
    forms.add(`中国科学院${s}所`).add(`中科院${s}所`);
  }
  forms.add(`${en}, CAS`).add(`${en}, Chinese Academy of Sciences`).add(`Chinese Academy of Sciences, ${en}`).add(`CAS ${en}`);
  return { id, zh: full, en: `${en}, Chinese Academy of Sciences`, aliases: [...forms, ...aliases], parent: 'cas' };
}

export const INSTITUTIONS: readonly InstitutionEntry[] = [
  // Universities
  u('thu', '清华大学', 'Tsinghua University', '清华', 'THU', 'Tsinghua Univ', 'Qinghua University'),
  u('pku', '北京大学', 'Peking University', '北大', 'PKU', 'Peking Univ', '北京大学医学部', 'Peking University Health Science Center', 'PKUHSC'),
  u('ruc', '中国人民大学', 'Renmin University of China', '人大', '人民大学', 'RUC', 'Renmin University'),
  u('buaa', '北京航空航天大学', 'Beihang University', '北航', 'BUAA', 'Beijing University of Aeronautics and Astronautics'),
  u('bit', '北京理工大学', 'Beijing Institute of Technology', '北理工', '北理', 'BIT'),
  u('bnu', '北京师范大学', 'Beijing Normal University', '北师大', 'BNU'),
  u('cau', '中国农业大学', 'China Agricultural University', '中国农大', '农大', 'CAU'),
  u('pumc', '北京协和医学院', 'Peking Union Medical College', '协和医学院', 'PUMC', '中国协和医科大学', 'Chinese Academy of Medical Sciences & Peking Union Medical College'),
  u('ustb', '北京科技大学', 'University of Science and Technology Beijing', '北科大', '北京科大', 'USTB'),
  u('bjtu', '北京交通大学', 'Beijing Jiaotong University', '北交大', 'BJTU', '北方交通大学', 'Northern Jiaotong University'),
  u('bupt', '北京邮电大学', 'Beijing University of Posts and Telecommunications', '北邮', 'BUPT'),
  u('buct', '北京化工大学', 'Beijing University of Chemical Technology', '北化', '北化工', 'BUCT'),
  u('bjut', '北京工业大学', 'Beijing University of Technology', '北工大', 'BJUT'),
  u('bjfu', '北京林业大学', 'Beijing Forestry University', '北林', 'BJFU'),
  u('bucm', '北京中医药大学', 'Beijing University of Chinese Medicine', '北中医', 'BUCM'),
  u('ccmu', '首都医科大学', 'Capital Medical University', '首医', '首都医大', 'CCMU'),
  u('cnu', '首都师范大学', 'Capital Normal University', '首师大', 'CNU'),
  u('muc', '中央民族大学', 'Minzu University of China', '民大', 'MUC', 'Central University for Nationalities'),
  u('cupl', '中国政法大学', 'China University of Political Science and Law', '法大', 'CUPL'),
  u('cufe', '中央财经大学', 'Central University of Finance and Economics', '中财', '中央财大', 'CUFE'),
  u('uibe', '对外经济贸易大学', 'University of International Business and Economics', '贸大', '对外经贸大学', 'UIBE'),
  u('cuc', '中国传媒大学', 'Communication University of China', '中传', 'CUC', '北京广播学院'),
  u('bfsu', '北京外国语大学', 'Beijing Foreign Studies University', '北外', 'BFSU'),
  u('blcu', '北京语言大学', 'Beijing Language and Culture University', '北语', 'BLCU'),
  u('ncepu', '华北电力大学', 'North China Electric Power University', '华电', 'NCEPU'),
  u('cupb', '中国石油大学（北京）', 'China University of Petroleum, Beijing', '中国石油大学北京', '中石油北京', 'CUPB', 'China University of Petroleum-Beijing'),
  u('cugb', '中国地质大学（北京）', 'China University of Geosciences, Beijing', '中国地质大学北京', '地大北京', 'CUGB', 'China University of Geosciences (Beijing)'),
  u('cumtb', '中国矿业大学（北京）', 'China University of Mining and Technology, Beijing', '中国矿业大学北京', '矿大北京', 'CUMTB'),
  u('ucas', '中国科学院大学', 'University of Chinese Academy of Sciences', '国科大', '中科院大学', 'UCAS', '中国科学院研究生院', 'Graduate University of Chinese Academy of Sciences'),
  u('bsu', '北京体育大学', 'Beijing Sport University', '北体', '北体大', 'BSU'),
  u('ppsuc', '中国人民公安大学', "People's Public Security University of China", '公安大学', 'PPSUC'),
  u('bistu', '北京信息科技大学', 'Beijing Information Science and Technology University', '北信科', 'BISTU'),
  u('ncut', '北方工业大学', 'North China University of Technology', '北方工大', 'NCUT'),
  u('bucea', '北京建筑大学', 'Beijing University of Civil Engineering and Architecture', '北建大', 'BUCEA', '北京建筑工程学院'),
  u('cueb', '首都经济贸易大学', 'Capital University of Economics and Business', '首经贸', 'CUEB'),
  u('btbu', '北京工商大学', 'Beijing Technology and Business University', '北工商', 'BTBU'),
  u('bua', '北京农学院', 'Beijing University of Agriculture', 'BUA'),
  u('pumch', '北京协和医院', 'Peking Union Medical College Hospital', '协和医院', 'PUMCH'),
  u('ccom', '中央音乐学院', 'Central Conservatory of Music', '央音', 'CCOM'),
  u('cafa', '中央美术学院', 'Central Academy of Fine Arts', '央美', 'CAFA'),
  u('chntheatre', '中央戏剧学院', 'Central Academy of Drama', '中戏', 'CAD'),
  u('cfau', '外交学院', 'China Foreign Affairs University', 'CFAU'),
  u('ccmusic', '中国音乐学院', 'China Conservatory of Music', '国音'),
  u('uir', '国际关系学院', 'University of International Relations', 'UIR'),
  u('caf', '中国林业科学研究院', 'Chinese Academy of Forestry', '中国林科院', '林科院', 'CAF'),
  u('cacms', '中国中医科学院', 'China Academy of Chinese Medical Sciences', '中国中医研究院', 'CACMS'),
  u('chinacdc', '中国疾病预防控制中心', 'Chinese Center for Disease Control and Prevention', '中国疾控中心', 'China CDC'),
  // Academies seated in Beijing
  { id: 'cas', zh: '中国科学院', en: 'Chinese Academy of Sciences', aliases: ['中科院', 'CAS', 'Chinese Acad Sci'], umbrella: true },
  { id: 'cams', zh: '中国医学科学院', en: 'Chinese Academy of Medical Sciences', aliases: ['医科院', '中国医科院', 'CAMS'], umbrella: true },
  { id: 'caas', zh: '中国农业科学院', en: 'Chinese Academy of Agricultural Sciences', aliases: ['农科院', '中国农科院', 'CAAS'], umbrella: true },
  { id: 'cass', zh: '中国社会科学院', en: 'Chinese Academy of Social Sciences', aliases: ['社科院', '中国社科院', 'CASS'], umbrella: true },
  u('cae', '中国工程院', 'Chinese Academy of Engineering', 'CAE'),
  u('nanoctr', '国家纳米科学中心', 'National Center for Nanoscience and Technology', '纳米中心', 'NCNST'),
  // Institutes of the Chinese Academy of Sciences in Beijing
  cas('iop', '物理研究所', 'Institute of Physics', 'IOP CAS', 'IOPCAS', 'IOP, CAS'),
  cas('iccas', '化学研究所', 'Institute of Chemistry', 'ICCAS'),
  cas('amss', '数学与系统科学研究院', 'Academy of Mathematics and Systems Science', 'AMSS', '中科院数学院', '中国科学院数学院', '中科院数学所'),
  cas('ict', '计算技术研究所', 'Institute of Computing Technology', 'ICT CAS', 'ICTCAS', '中科院计算所', '中国科学院计算所'),
  cas('casia', '自动化研究所', 'Institute of Automation', 'CASIA'),
  cas('iscas', '软件研究所', 'Institute of Software', 'ISCAS'),
  cas('semi', '半导体研究所', 'Institute of Semiconductors', 'IOS CAS', '中科院半导体所'),
  cas('imech', '力学研究所', 'Institute of Mechanics', 'IMECH'),
  cas('itp', '理论物理研究所', 'Institute of Theoretical Physics', 'ITP CAS', 'ITPCAS'),
  cas('ihep', '高能物理研究所', 'Institute of High Energy Physics', 'IHEP', '中科院高能所', '中国科学院高能所'),
  cas('ipe', '过程工程研究所', 'Institute of Process Engineering', 'IPE CAS', '中科院过程所', '中国科学院化工冶金研究所'),
  cas('ibp', '生物物理研究所', 'Institute of Biophysics', 'IBP CAS', 'IBPCAS'),
  cas('ioz', '动物研究所', 'Institute of Zoology', 'IOZ', 'IOZCAS'),
  cas('ibcas', '植物研究所', 'Institute of Botany', 'IBCAS'),
  cas('imcas', '微生物研究所', 'Institute of Microbiology', 'IMCAS'),
  cas('igdb', '遗传与发育生物学研究所', 'Institute of Genetics and Developmental Biology', 'IGDB', '中科院遗传所', '中国科学院遗传所'),
  cas('psych', '心理研究所', 'Institute of Psychology', 'IPCAS'),
  cas('igg', '地质与地球物理研究所', 'Institute of Geology and Geophysics', 'IGGCAS', '中科院地质地球所', '中国科学院地质地球所'),
  cas('igsnrr', '地理科学与资源研究所', 'Institute of Geographic Sciences and Natural Resources Research', 'IGSNRR', '中科院地理所', '中国科学院地理所'),
  cas('iap', '大气物理研究所', 'Institute of Atmospheric Physics', 'IAP CAS', 'IAPCAS', '中科院大气所', '中国科学院大气所'),
  cas('rcees', '生态环境研究中心', 'Research Center for Eco-Environmental Sciences', 'RCEES', '中科院生态中心', '中科院生态环境中心'),
  cas('naoc', '国家天文台', 'National Astronomical Observatories', 'NAOC', '国家天文台'),
  cas('aircas', '空天信息创新研究院', 'Aerospace Information Research Institute', 'AIRCAS', '中科院空天院', '中国科学院空天院', '中国科学院遥感与数字地球研究所', '中国科学院电子学研究所'),
  cas('ime', '微电子研究所', 'Institute of Microelectronics', 'IME CAS', 'IMECAS'),
  cas('iee', '电工研究所', 'Institute of Electrical Engineering', 'IEE CAS', 'IEECAS'),
  cas('iet', '工程热物理研究所', 'Institute of Engineering Thermophysics', 'IET CAS', 'IETCAS'),
  cas('tipc', '理化技术研究所', 'Technical Institute of Physics and Chemistry', 'TIPC', '中科院理化所', '中国科学院理化所'),
  cas('ivpp', '古脊椎动物与古人类研究所', 'Institute of Vertebrate Paleontology and Paleoanthropology', 'IVPP', '中科院古脊椎所', '中国科学院古脊椎所'),
  cas('iie', '信息工程研究所', 'Institute of Information Engineering', 'IIE CAS', 'IIECAS', '中科院信工所', '中国科学院信工所'),
  cas('ioa', '声学研究所', 'Institute of Acoustics', 'IOA CAS', 'IOACAS'),
  cas('nssc', '国家空间科学中心', 'National Space Science Center', 'NSSC', '中科院空间中心', '中国科学院空间科学与应用研究中心'),
];

/** Entries with seats outside Beijing too (中国科学院's institutes are in many cities; 华北电力大学 is also in Baoding). */
const NOT_ONLY_BEIJING = new Set(['cas', 'ncepu']);

/**
 * The names of the table that say an institution is in Beijing, for the formal check's starting list (settings'
 * eligibility.beijingNames): every entry's Chinese and English names and its longer aliases, not the acronyms
 * (THU, CAS: a listed name is also looked for inside longer ones) nor entries with seats elsewhere.
 */
export function beijingNames(table: readonly InstitutionEntry[] = INSTITUTIONS): string[] {
  const out = new Set<string>();
  const cjk = /[\u4e00-\u9fff]/u;
  for (const e of table) {
    if (NOT_ONLY_BEIJING.has(e.id)) continue;
    out.add(e.zh);
    out.add(e.en);
    for (const a of e.aliases) if (cjk.test(a) ? [...a].length >= 4 : a.trim().includes(' ') && a.length >= 12) out.add(a);
  }
  return [...out];
}
