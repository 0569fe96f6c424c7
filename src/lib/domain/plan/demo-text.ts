/**
 * The demo plan's words in both app languages. Content, not UI: once seeded it is the
 * user's plan to edit, so it is not looked up through the translation tables.
 */
import type { BudgetCategory, RiskCategory, StrategyArea } from './types';

export interface DemoText {
	title: string;
	owner: string;
	initiatives: Array<{ area: StrategyArea; title: string; description: string }>;
	tasks: string[];
	risks: Array<{ category: RiskCategory; title: string; mitigation: string }>;
	competitors: Array<{ name: string; channel: string; strengths: string; weaknesses: string }>;
	budget: Array<{ category: BudgetCategory; description: string }>;
	wentRight: string;
	toImprove: string;
	whys: string[];
	rootCause: string;
	countermeasure: string;
	action: string;
}

export const DEMO_TEXT: Record<'en' | 'zh-CN', DemoText> = {
	en: {
		title: 'Demo: B2B software sales plan',
		owner: 'Sales Director',
		initiatives: [
			{ area: 'product', title: 'Analytics add-on for Pro customers', description: 'Bundle Analytics with Pro renewals.' },
			{ area: 'channel', title: 'Two regional partners in the South', description: 'Partners source and qualify, our reps close.' },
			{ area: 'promotion', title: 'Quarterly customer roundtables', description: 'One per region, reference customers present.' }
		],
		tasks: ['Hire two reps for the East', 'Partner agreement template', 'Roundtable Q1 in the North', 'CRM pipeline hygiene review'],
		risks: [
			{ category: 'market', title: 'Price war in the SMB segment', mitigation: 'Sell value packages; no discount above 15%.' },
			{ category: 'management', title: 'Senior rep attrition', mitigation: 'Retention bonus tied to annual attainment.' },
			{ category: 'customer', title: 'Budget freezes at enterprise customers', mitigation: 'Phase large deals into smaller first orders.' }
		],
		competitors: [
			{ name: 'Rival Cloud', channel: 'Direct + online', strengths: 'Low price', weaknesses: 'Thin local support' },
			{ name: 'Legacy Systems Co.', channel: 'Partners', strengths: 'Installed base', weaknesses: 'Slow releases' }
		],
		budget: [
			{ category: 'people', description: 'Two new reps (East)' },
			{ category: 'events', description: 'Customer roundtables' },
			{ category: 'marketing', description: 'Content and webinars' }
		],
		wentRight: 'Enterprise deals closed faster after the roundtables.',
		toImprove: 'Lead quality from partners; pipeline reviews every week, not every month.',
		whys: [
			'Why did we miss the target? Too few qualified leads.',
			'Why too few leads? The new channel partner under-delivered.',
			'Why did it under-deliver? Its lead data was padded.',
			'Why was padded data accepted? No vetting before signing.',
			'Why no vetting? We have no partner vetting standard.'
		],
		rootCause: 'No vetting standard for channel partners.',
		countermeasure: 'Write a vetting standard; check lead samples before signing.',
		action: 'Partner vetting standard'
	},
	'zh-CN': {
		title: '演示：B2B 软件销售计划',
		owner: '销售总监',
		initiatives: [
			{ area: 'product', title: 'Pro 客户的分析增值包', description: 'Pro 续约时捆绑分析模块。' },
			{ area: 'channel', title: '南区发展两家区域合作伙伴', description: '伙伴获客与筛选，我方销售签单。' },
			{ area: 'promotion', title: '季度客户圆桌会', description: '每区一场，邀请标杆客户分享。' }
		],
		tasks: ['东区招聘两名销售', '合作伙伴协议模板', '北区一季度圆桌会', 'CRM 商机数据清理'],
		risks: [
			{ category: 'market', title: '中小客户价格战', mitigation: '卖价值套餐，折扣不超过 15%。' },
			{ category: 'management', title: '骨干销售流失', mitigation: '留任奖金与年度达成挂钩。' },
			{ category: 'customer', title: '大客户预算冻结', mitigation: '大单拆分为较小的首单。' }
		],
		competitors: [
			{ name: '对手云', channel: '直销 + 线上', strengths: '价格低', weaknesses: '本地服务薄弱' },
			{ name: '老牌系统公司', channel: '渠道', strengths: '存量客户多', weaknesses: '版本迭代慢' }
		],
		budget: [
			{ category: 'people', description: '东区两名新销售' },
			{ category: 'events', description: '客户圆桌会' },
			{ category: 'marketing', description: '内容与网络研讨会' }
		],
		wentRight: '圆桌会后大客户成交更快。',
		toImprove: '渠道线索质量；商机复盘改为每周一次。',
		whys: [
			'为什么没完成目标？有效线索太少。',
			'为什么线索少？新渠道伙伴没有交付。',
			'为什么没交付？渠道数据注水。',
			'为什么接受了注水数据？签约前没有审核。',
			'为什么没有审核？没有渠道审核标准。'
		],
		rootCause: '缺少渠道伙伴审核标准。',
		countermeasure: '制定审核标准；签约前抽查线索样本。',
		action: '渠道伙伴审核标准'
	}
};
