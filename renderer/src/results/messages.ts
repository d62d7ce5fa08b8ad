/**
 * The results step's words, in both languages; zh-CN.ts and en.ts hang them under `results`. The sentences for the
 * results' notes (flags, cut-line reasons, adjustments) live in shared/results/words.ts, where the CLI takes them too.
 */
export const resultsZh = {
  title: '汇总结果',
  sub: '{{campaign}} · {{ranked}} 项参与排名，入选 {{selected}} 项',
  loading: '正在汇总评分…',
  moreRows: '已显示 {{shown}} / {{total}} 行，其余正在载入…',
  stages: { gathering: '正在读取评分…', computing: '正在汇总与排名…' },
  method: '排名方法',
  methodHelp: '切换后立即按新方法重新排名；其他方法的得分并列显示以便比较。更改记入历史。',
  methodSettings: '去掉最高分 {{high}} 个、最低分 {{low}} 个（至少剩 {{min}} 个）；标准分校准至少需 {{minExpert}} 个评分；同分依据：{{tieBreaks}}',
  blendSettings: '综合得分 = 指标得分 × {{metric}}% + 专家评分 × {{expert}}%（关注度 {{attention}}%、被引 {{citations}}%、下载 {{downloads}}%）',
  noTieBreaks: '不区分（并列）',
  counts: '入选 {{selected}} · 并列待定 {{tie}} · 未入选 {{out}} · 无得分 {{unranked}} · 待讨论 {{toDiscuss}} · 计入评分 {{scores}} 个（不计入 {{excluded}} 个）',
  line: { title: '入选线', scope: '{{scope}}：名额 {{quota}}，已入选 {{selected}}', whole: '总名额 {{quota}}，已入选 {{selected}}', lastIn: '线上最后一名：{{label}}（第 {{rank}} 名，{{score}} 分）', firstOut: '线下第一名：{{label}}（第 {{rank}} 名，{{score}} 分）', tied: '并列于线上：{{labels}}', none: '未设名额：全部按名次列出。' },
  quotas: { title: '各学科名额', discipline: '学科', quota: '名额', none: '（未填学科）' },
  status: { selected: '入选', tie: '并列待定', out: '未入选', unranked: '无得分' },
  columns: { rank: '名次', status: '状态', label: '名称', discipline: '学科', score: '排名得分', n: '评分数', mean: '平均分', median: '中位数', trimmed: '去极值平均', zscore: '标准分校准', additive: '加性模型', attention: '关注度百分位', citations: '被引百分位', downloads: '下载百分位', metric: '指标得分', expert: '专家评分', span: '极差', sd: '标准差', notes: '说明' },
  grid: '排名表',
  discuss: { open: '待讨论名单（{{count}}）', title: '待讨论名单', none: '没有分歧达到讨论线的项目。', showNames: '显示专家姓名', expert: '专家{{code}}', comment: '评语', noComment: '（无评语）', close: '关闭', total: '总分' },
  adjust: { open: '调整所选项目…', title: '手工调整：{{label}}', kind: '调整方式', kinds: { select: '选入（占一个名额）', deselect: '移出（名额顺延）', move: '调至指定名次' }, toRank: '调至第几名', reason: '理由（必填，记入历史）', save: '保存调整', cancel: '取消', choose: '先在排名表中选中一个项目。', list: '已有的调整', by: '{{by}} 于 {{at}}', withdraw: '撤销', withdrawn: '已撤销调整。', saved: '已保存调整。' },
  failed: '汇总未完成：{{message}}',
};

export const resultsEn: typeof resultsZh = {
  title: 'Results',
  sub: '{{campaign}} · {{ranked}} ranked, {{selected}} selected',
  loading: 'Aggregating the scores…',
  moreRows: 'Showing {{shown}} of {{total}} rows; loading the rest…',
  stages: { gathering: 'Reading the scores…', computing: 'Aggregating and ranking…' },
  method: 'Ranking method',
  methodHelp: 'Switching ranks again at once by the new method; the other methods’ scores stay beside it to compare. The change is recorded in the history.',
  methodSettings: '{{high}} highest and {{low}} lowest dropped (at least {{min}} left); z-scores need {{minExpert}} scores per expert; ties broken by: {{tieBreaks}}',
  blendSettings: 'Final score = metric score × {{metric}}% + expert score × {{expert}}% (attention {{attention}}%, citations {{citations}}%, downloads {{downloads}}%)',
  noTieBreaks: 'nothing (ties stay tied)',
  counts: '{{selected}} selected · {{tie}} tied on the line · {{out}} out · {{unranked}} without a score · {{toDiscuss}} to discuss · {{scores}} scores counted ({{excluded}} not counted)',
  line: { title: 'The cut line', scope: '{{scope}}: {{quota}} seats, {{selected}} selected', whole: '{{quota}} seats in all, {{selected}} selected', lastIn: 'Last in: {{label}} (rank {{rank}}, {{score}})', firstOut: 'First out: {{label}} (rank {{rank}}, {{score}})', tied: 'Tied on the line: {{labels}}', none: 'No quota set: everything is listed by rank.' },
  quotas: { title: 'Quotas by discipline', discipline: 'Discipline', quota: 'Seats', none: '(no discipline)' },
  status: { selected: 'Selected', tie: 'Tied on the line', out: 'Out', unranked: 'No score' },
  columns: { rank: 'Rank', status: 'Status', label: 'Name', discipline: 'Discipline', score: 'Ranking score', n: 'Scores', mean: 'Mean', median: 'Median', trimmed: 'Trimmed mean', zscore: 'Z-score', additive: 'Additive model', attention: 'Attention pct.', citations: 'Citations pct.', downloads: 'Downloads pct.', metric: 'Metric score', expert: 'Expert score', span: 'Span', sd: 'Std. dev.', notes: 'Notes' },
  grid: 'Ranking',
  discuss: { open: 'To discuss ({{count}})', title: 'To discuss', none: 'No item’s disagreement reaches the discussion line.', showNames: 'Show the experts’ names', expert: 'Expert {{code}}', comment: 'Comment', noComment: '(no comment)', close: 'Close', total: 'Total' },
  adjust: { open: 'Adjust the selected item…', title: 'Adjust by hand: {{label}}', kind: 'Adjustment', kinds: { select: 'Select (takes a seat)', deselect: 'Take out (the seat passes on)', move: 'Move to a rank' }, toRank: 'Move to rank', reason: 'Reason (required, recorded in the history)', save: 'Save the adjustment', cancel: 'Cancel', choose: 'Select an item in the ranking first.', list: 'Adjustments made', by: '{{by}} on {{at}}', withdraw: 'Withdraw', withdrawn: 'Adjustment withdrawn.', saved: 'Adjustment saved.' },
  failed: 'The results could not be computed: {{message}}',
};
