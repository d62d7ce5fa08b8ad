import type { CampaignKind } from '../campaign/model.ts';

/** How a cell is read: see values.ts for each parser. */
export type FieldType = 'text' | 'longText' | 'int' | 'number' | 'year' | 'date' | 'dateRange' | 'doi' | 'list' | 'url' | 'email';

export interface FieldDef {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly type: FieldType;
  /** A hint for the import report; the campaign's eligibility.requiredFields decides eligibility. */
  readonly required: boolean;
  /** The field that names the item: a row without it is not a nomination. */
  readonly identity?: boolean;
  /** Header texts seen in societies' workbooks, as typed (they are normalised before matching). */
  readonly variants: readonly string[];
}

function f(id: string, zh: string, en: string, type: FieldType, variants: readonly string[], opts: { required?: boolean; identity?: boolean } = {}): FieldDef {
  return Object.freeze({ id, zh, en, type, required: opts.required ?? false, ...(opts.identity ? { identity: true } : {}), variants: Object.freeze([zh, en, ...variants]) });
}

const discipline = (required: boolean): FieldDef =>
  f('discipline', '学科', 'Discipline', 'text', ['学科领域', '所属学科', '学科方向', '学科分类', '一级学科', 'Field', 'Subject'], { required });
const nominator = (required: boolean): FieldDef =>
  f('nominator', '推荐单位', 'Nominator', 'text', ['推荐学会', '推荐方', '推荐机构', '推荐单位名称', 'Nominated by', 'Nominating society'], { required });

const papers: readonly FieldDef[] = [
  f('title', '论文题目', 'Title', 'text', ['题目', '论文名称', '论文标题', '标题', '篇名', 'Paper title', 'Article title'], { required: true, identity: true }),
  f('authors', '作者', 'Authors', 'list', ['全部作者', '作者列表', '全体作者', 'Author', 'Author list'], { required: true }),
  f('firstAuthor', '第一作者', 'First author', 'text', []),
  f('correspondingAuthor', '通讯作者', 'Corresponding author', 'list', ['通信作者', 'Corresponding authors']),
  f('affiliation', '第一作者单位', 'Affiliation', 'text', ['单位', '作者单位', '所在单位', '第一单位', '完成单位', 'Institution']),
  f('journal', '期刊', 'Journal', 'text', ['刊名', '发表期刊', '期刊名称', '来源期刊', '刊物', 'Source', 'Journal name'], { required: true }),
  f('year', '发表年份', 'Year', 'year', ['年份', '发表年度', '出版年份', '发表时间', 'Publication year'], { required: true }),
  f('doi', 'DOI', 'DOI', 'doi', ['DOI号', 'doi链接']),
  f('url', '论文链接', 'URL', 'url', ['链接', '网址', 'Link']),
  discipline(true),
  nominator(true),
  f('citations', '被引次数', 'Citations', 'int', ['引用次数', '被引频次', '引用数', '被引量', 'Times cited', 'Cited by']),
  f('downloads', '下载次数', 'Downloads', 'int', ['下载量', '下载数', '下载频次']),
  f('attention', '关注度', 'Attention', 'number', ['Altmetric', 'Altmetric得分', 'Altmetric score', 'Attention score', '关注度得分']),
  f('metricsSource', '数据来源', 'Source database', 'text', ['数据库', '来源数据库', '统计来源', '指标来源', 'Database', 'Metrics source']),
];

const conferences: readonly FieldDef[] = [
  f('name', '会议名称', 'Conference', 'text', ['会议名', '会议', '名称', 'Name', 'Conference name'], { required: true, identity: true }),
  f('organiser', '主办单位', 'Organiser', 'text', ['主办方', '主办', 'Organizer', 'Host'], { required: true }),
  f('coOrganiser', '承办单位', 'Co-organiser', 'text', ['承办方', '协办单位', '承办', 'Co-organizer']),
  f('dates', '举办时间', 'Dates', 'dateRange', ['会议时间', '召开时间', '举办日期', '会议日期', '时间', '日期', 'Date']),
  f('venue', '地点', 'Venue', 'text', ['举办地点', '会议地点', '举办地', 'Location', 'Place']),
  f('attendees', '参会人数', 'Attendees', 'int', ['参会规模', '与会人数', '参加人数', '人数', 'Participants']),
  f('foreignAttendees', '境外参会人数', 'Foreign attendees', 'int', ['境外人数', '国外参会人数', '海外参会人数', '境外代表人数', 'International attendees']),
  f('papers', '报告数量', 'Papers', 'int', ['论文数量', '报告数', '论文数', '报告/论文数量', '报告论文数', 'Talks']),
  f('media', '媒体报道', 'Media', 'text', ['媒体报道情况', '宣传报道', 'Media coverage']),
  discipline(true),
  nominator(true),
];

const talent: readonly FieldDef[] = [
  f('name', '姓名', 'Name', 'text', ['候选人', '候选人姓名', '被推荐人', 'Full name', 'Candidate'], { required: true, identity: true }),
  f('gender', '性别', 'Gender', 'text', ['Sex']),
  f('birthDate', '出生日期', 'Birth date', 'date', ['出生年月', '出生年月日', '生日', 'Date of birth', 'Born'], { required: true }),
  f('institution', '工作单位', 'Institution', 'text', ['单位', '所在单位', '工作单位名称', 'Affiliation', 'Employer'], { required: true }),
  f('title', '职称', 'Title', 'text', ['专业技术职称', '职务职称', 'Position', 'Professional title']),
  discipline(true),
  f('mentor', '导师', 'Mentor', 'text', ['指导教师', '导师姓名', '托举导师', 'Supervisor']),
  nominator(true),
  f('email', '电子邮箱', 'Email', 'email', ['邮箱', '电子邮件', 'E-mail', 'Mail']),
  f('achievements', '主要成果', 'Achievements', 'longText', ['代表性成果', '主要业绩', '主要学术成果', '成果简介', 'Main achievements']),
];

const topics: readonly FieldDef[] = [
  f('title', '议题名称', 'Title', 'text', ['题目', '议题', '议题题目', '名称', 'Topic'], { required: true, identity: true }),
  f('proposer', '提出人', 'Proposer', 'text', ['申报人', '提出者', '负责人', 'Proposed by'], { required: true }),
  f('institution', '单位', 'Institution', 'text', ['工作单位', '所在单位', '提出人单位', 'Affiliation']),
  f('disciplines', '涉及学科', 'Disciplines', 'list', ['学科', '相关学科', '交叉学科', '学科领域', 'Fields']),
  f('summary', '议题简介', 'Summary', 'longText', ['简介', '内容简介', '议题内容', '摘要', 'Abstract', 'Description']),
  nominator(true),
];

const byKind: Readonly<Record<CampaignKind, readonly FieldDef[]>> = { papers, conferences, talent, topics };

export function fieldsFor(kind: CampaignKind): readonly FieldDef[] {
  return byKind[kind];
}

export function fieldDef(kind: CampaignKind, id: string): FieldDef | undefined {
  return byKind[kind].find((d) => d.id === id);
}

export function identityField(kind: CampaignKind): FieldDef {
  return byKind[kind].find((d) => d.identity)!;
}
