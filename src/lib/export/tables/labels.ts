/**
 * Column headers of exported tables in the user's language. The command line uses the machine
 * keys instead (table.ts `headerRow`), so these may change wording without breaking scripts.
 * Kept here rather than in i18n/messages so the exporters stay loadable without the app's UI.
 */
export type ExportLocale = 'en' | 'zh-CN';

const LABELS: Record<string, [en: string, zh: string]> = {
	externalId: ['External ID', '外部编号'],
	name: ['Name', '名称'],
	customer: ['Customer', '客户'],
	amount: ['Amount', '金额'],
	currency: ['Currency', '币种'],
	noRate: ['No rate for', '无汇率月份'],
	stage: ['Stage', '阶段'],
	owner: ['Owner', '负责人'],
	region: ['Region', '区域'],
	product: ['Product', '产品'],
	segment: ['Segment', '细分市场'],
	createdAt: ['Created', '创建日期'],
	expectedClose: ['Expected close', '预计成交日期'],
	closedAt: ['Closed', '关闭日期'],
	probability: ['Probability', '赢率'],
	forecastCategory: ['Forecast category', '预测类别'],
	date: ['Date', '日期'],
	rep: ['Rep', '销售'],
	type: ['Type', '类型'],
	count: ['Count', '数量'],
	period: ['Period', '期间'],
	revenue: ['Revenue', '收入'],
	collections: ['Collections', '回款'],
	grossMargin: ['Gross margin', '毛利'],
	newCustomers: ['New customers', '新客户数'],
	salesCost: ['Sales cost', '销售费用'],
	node: ['Node', '节点'],
	parent: ['Parent', '上级'],
	closedWon: ['Closed won', '已赢单'],
	commit: ['Commit', '承诺'],
	bestCase: ['Best case', '最佳情况'],
	pipeline: ['Pipeline', '管道'],
	commitSubmitted: ['Commit (submitted)', '承诺（提交）'],
	adjustmentNote: ['Adjustment note', '调整说明'],
	bestCaseSubmitted: ['Best case (submitted)', '最佳情况（提交）'],
	pipelineSubmitted: ['Pipeline (submitted)', '管道（提交）'],
	commitForecast: ['Commit forecast', '承诺预测'],
	bestCaseForecast: ['Best-case forecast', '最佳预测'],
	unit: ['Unit', '单元'],
	level: ['Level', '层级'],
	total: ['Total', '合计'],
	stretchTotal: ['Stretch total', '挑战目标合计'],
	metric: ['Metric', '指标'],
	label: ['Item', '项目'],
	plan: ['Plan', '计划'],
	actual: ['Actual', '实际'],
	forecast: ['Forecast', '预测'],
	abs: ['Variance', '偏差'],
	pct: ['Variance %', '偏差率'],
	flagged: ['Needs root cause', '需根因分析'],
	why1: ['Why 1', '为什么 1'],
	why2: ['Why 2', '为什么 2'],
	why3: ['Why 3', '为什么 3'],
	why4: ['Why 4', '为什么 4'],
	why5: ['Why 5', '为什么 5'],
	rootCause: ['Root cause', '根本原因'],
	countermeasure: ['Countermeasure', '对策'],
	attainmentPct: ['Attainment', '达成率'],
	base: ['Base commission', '基础提成'],
	accelerator: ['Accelerator', '加速提成'],
	teamBoost: ['Team boost', '团队加成'],
	firstDealBonus: ['First-deal bonus', '首单奖励'],
	team: ['Team', '团队'],
	quota: ['Quota', '期间指标'],
	actualRevenue: ['Actual revenue', '实际收入'],
	teamAttainmentPct: ['Team attainment', '团队达成率'],
	awards: ['Awards', '奖项'],
	working: ['Working', '计算过程'],
	figure: ['Figure', '口径'],
	q1: ['Q1', '第一季度'],
	q2: ['Q2', '第二季度'],
	q3: ['Q3', '第三季度'],
	q4: ['Q4', '第四季度']
};

/** The header of a column key; a month column 'm:2026-03' reads as the month itself. */
export function columnLabel(key: string, locale: ExportLocale): string {
	if (key.startsWith('m:')) return key.slice(2);
	const pair = LABELS[key];
	if (!pair) return key;
	return locale === 'zh-CN' ? pair[1] : pair[0];
}
