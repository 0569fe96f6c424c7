/**
 * Column suggestions from header names, in English and Chinese, as the common CRMs export them
 * (Salesforce opportunity reports, HubSpot deal exports, 纷享销客 and 销售易 商机 exports), as
 * the app's own export names them (both languages) and as the command line's machine keys.
 */
import { DEAL_KEYS } from '../domain/deal-file-keys';

export type ImportKind = 'deals' | 'activities' | 'actuals' | 'team';

/** Column index per machine key; null when the file has no such column. */
export type Mapping = Record<string, number | null>;

/** What the user chose before for this plan: machine key → header text. */
export type RememberedMapping = Record<string, string>;

/** Machine keys per kind, in the order the command line's export writes them. */
export const IMPORT_KEYS: Record<ImportKind, readonly string[]> = {
	// The export's keys first (so its files map back one to one), then the fields only imports fill.
	deals: [...DEAL_KEYS, 'segment', 'lostReason'],
	activities: ['date', 'rep', 'type', 'count'],
	actuals: ['period', 'rep', 'region', 'product', 'revenue', 'collections', 'grossMargin', 'newCustomers', 'salesCost', 'currency'],
	team: ['id', 'name', 'team', 'region', 'hireDate']
};

/** Header names per machine key (compared after `normalizeHeader`). */
const ALIASES: Record<ImportKind, Record<string, readonly string[]>> = {
	deals: {
		externalId: [
			'Opportunity ID',
			'Opportunity 18 Digit ID',
			'Record ID',
			'Deal ID',
			'hs_object_id',
			'External ID',
			'CRM ID',
			'商机ID',
			'商机编号',
			'机会ID',
			'商机编码',
			'外部ID',
			'外部编号',
			'编号',
			'唯一编码',
			'外部编码'
		],
		name: ['Opportunity Name', 'Deal Name', 'dealname', 'Deal', 'Title', '商机名称', '机会名称', '商机', '商机标题', '名称'],
		customer: [
			'Account Name',
			'Account',
			'Company',
			'Company Name',
			'Associated Company',
			'Associated Company (Primary)',
			'Customer',
			'客户',
			'客户名称',
			'客户名',
			'公司',
			'公司名称',
			'关联客户'
		],
		amount: [
			'Amount',
			'Deal Amount',
			'Total Contract Value',
			'Amount in company currency',
			'amount_in_home_currency',
			'Expected Revenue',
			'金额',
			'商机金额',
			'销售金额',
			'预计金额',
			'合同金额',
			'预计销售金额',
			'预计成交金额'
		],
		currency: ['Currency', 'Opportunity Currency', 'Deal Currency Code', 'deal_currency_code', 'Currency Code', '币种', '货币', '币别'],
		stage: ['Stage', 'Deal Stage', 'dealstage', 'Stage Name', 'Sales Stage', '阶段', '销售阶段', '商机阶段', '阶段名称'],
		owner: [
			'Opportunity Owner',
			'Deal Owner',
			'hubspot_owner_id',
			'Owner',
			'Owner Name',
			'Sales Rep',
			'Rep',
			'负责人',
			'销售',
			'销售人员',
			'商机负责人',
			'所有人',
			'销售负责人',
			'归属人'
		],
		region: ['Region', 'Territory', 'Sales Region', 'Billing State/Province', '区域', '地区', '大区', '销售区域', '所属区域'],
		product: ['Product', 'Product Name', 'Primary Product', '产品', '产品名称', '产品线'],
		createdAt: ['Created Date', 'Create Date', 'createdate', 'Created', 'Created At', 'Created on', '创建时间', '创建日期'],
		expectedClose: [
			'Close Date',
			'closedate',
			'Expected Close',
			'Expected close date',
			'Expected Close Date',
			'预计成交日',
			'预计成交日期',
			'预计结单日期',
			'预计签单日期',
			'预计成交时间',
			'结单日期',
			'预计签约日期'
		],
		closedAt: [
			'Closed Date',
			'Actual Close Date',
			'Date Closed',
			'hs_closed_won_date',
			'Closed At',
			'实际成交日期',
			'赢单日期',
			'成交日期',
			'实际结单日期',
			'结单时间'
		],
		probability: [
			'Probability',
			'Probability (%)',
			'Deal Probability',
			'hs_deal_stage_probability',
			'Win Probability',
			'赢率',
			'赢单概率',
			'成交概率',
			'赢单率',
			'可能性'
		],
		forecastCategory: [
			'Forecast Category',
			'ForecastCategoryName',
			'Forecast Category Name',
			'hs_manual_forecast_category',
			'Forecast category',
			'预测类别',
			'预测分类'
		],
		segment: ['Segment', 'Type', 'Industry', '细分', '客户类型', '行业'],
		lostReason: ['Loss Reason', 'Lost Reason', 'Closed Lost Reason', 'closed_lost_reason', '输单原因', '丢单原因']
	},
	activities: {
		date: ['Date', 'Activity Date', 'Due Date', 'Created Date', '日期', '活动日期', '拜访日期', '跟进时间'],
		rep: ['Rep', 'Owner', 'Assigned To', 'Activity Owner', 'Sales Rep', '销售', '负责人', '销售人员', '跟进人'],
		type: ['Type', 'Activity Type', 'Task Subtype', '类型', '活动类型', '跟进方式'],
		count: ['Count', 'Number', 'Activities', '数量', '次数', '个数']
	},
	actuals: {
		period: ['Month', 'Period', '月份', '期间', '年月'],
		rep: ['Rep', 'Owner', 'Sales Rep', '销售', '负责人', '销售人员'],
		region: ['Region', 'Territory', '区域', '地区', '大区'],
		product: ['Product', 'Product Name', '产品', '产品名称'],
		revenue: ['Revenue', 'Bookings', 'Sales', '收入', '营收', '销售额', '业绩'],
		collections: ['Collections', 'Cash Collected', '回款', '回款金额'],
		grossMargin: ['Gross Margin', 'Margin', '毛利', '毛利额'],
		newCustomers: ['New Customers', 'New Logos', '新客户数', '新客户', '新增客户'],
		// The cost behind CAC, not CAC itself: 获客成本 (cost per customer) is deliberately absent.
		salesCost: [
			'Sales Cost',
			'S&M Cost',
			'Sales and Marketing Cost',
			'Sales & Marketing Cost',
			'Acquisition Cost',
			'Acquisition Spend',
			'Cost',
			'销售费用',
			'销售成本费用',
			'营销费用',
			'销售及营销费用',
			'市场及销售费用',
			'获客费用',
			'获客投入',
			'费用'
		],
		currency: ['Currency', 'Currency Code', '币种', '货币', '币别']
	},
	team: {
		id: ['Rep ID', 'Employee ID', 'User ID', '工号', '员工编号', '用户ID'],
		name: ['Name', 'Full Name', 'Rep', 'User', '姓名', '名字', '销售'],
		team: ['Team', 'Sales Team', '团队', '小组', '部门'],
		region: ['Region', 'Territory', '区域', '地区', '大区'],
		hireDate: ['Hire Date', 'Start Date', 'Hire date', '入职日期', '入职时间']
	}
};

/**
 * A header reduced to what identifies it: NFKC (full-width → ASCII), lower case, without spaces,
 * punctuation and a trailing parenthesised unit ("Probability (%)" → "probability").
 */
export function normalizeHeader(text: string): string {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/\(.*?\)$/u, '')
		.replace(/[\s_\-.:：/\\'"*#]+/gu, '');
}

const normalizedAliases: Record<ImportKind, Map<string, string>> = Object.fromEntries(
	(Object.keys(ALIASES) as ImportKind[]).map((kind) => {
		const byName = new Map<string, string>();
		for (const key of IMPORT_KEYS[kind]) byName.set(normalizeHeader(key), key);
		for (const [key, names] of Object.entries(ALIASES[kind]))
			for (const name of names) if (!byName.has(normalizeHeader(name))) byName.set(normalizeHeader(name), key);
		return [kind, byName];
	})
) as Record<ImportKind, Map<string, string>>;

const anyKind = new Set<string>(Object.values(normalizedAliases).flatMap((m) => [...m.keys()]));

/** How many cells of a row are known header names (of any kind): finds the header row. */
export function headerScore(cells: readonly unknown[]): number {
	let score = 0;
	for (const cell of cells) if (typeof cell === 'string' && anyKind.has(normalizeHeader(cell))) score++;
	return score;
}

/**
 * A column per machine key from the header names; a remembered choice (key → header text) wins
 * where that header is present. Each column serves at most one key, the first that claims it.
 * Example: `suggestMapping('deals', ['Opportunity ID', 'Amount', '客户'])` →
 * `{ externalId: 0, amount: 1, customer: 2, name: null, … }`.
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[], remembered: RememberedMapping = {}): Mapping {
	const mapping: Mapping = Object.fromEntries(IMPORT_KEYS[kind].map((key) => [key, null]));
	const taken = new Set<number>();
	for (const [key, header] of Object.entries(remembered)) {
		if (!(key in mapping)) continue;
		const at = headers.findIndex((h, i) => !taken.has(i) && h.trim() === header.trim());
		if (at >= 0) {
			mapping[key] = at;
			taken.add(at);
		}
	}
	const aliases = normalizedAliases[kind];
	headers.forEach((header, index) => {
		if (taken.has(index)) return;
		const key = aliases.get(normalizeHeader(header));
		if (key !== undefined && mapping[key] === null) {
			mapping[key] = index;
			taken.add(index);
		}
	});
	return mapping;
}

/** The mapping as the user would save it for this plan (key → header text). */
export function rememberMapping(mapping: Mapping, headers: readonly string[]): RememberedMapping {
	const remembered: RememberedMapping = {};
	for (const [key, index] of Object.entries(mapping)) if (index !== null && headers[index] !== undefined) remembered[key] = headers[index]!;
	return remembered;
}
