/**
 * Text of the industry templates (`templates.ts`), in English and Simplified Chinese. Templates
 * hold only these keys; the UI (or `templateText`) turns them into words. Both languages must
 * have every key: the type of `templateTextZhCN` enforces it, and a unit test checks it again.
 */

export const templateTextEn = {
	// Templates
	'tpl.b2bLongCycle.name': 'B2B long cycle (manufacturing)',
	'tpl.b2bLongCycle.description': 'Few large deals, staged projects and long decision chains. Track stage conversion and time in stage more than visit counts.',
	'tpl.fmcgChannel.name': 'FMCG channel',
	'tpl.fmcgChannel.description':
		'Many small orders through distributors and stores. Targets per region, route and store; coverage, distribution and sell-through.',
	'tpl.smallBusinessLite.name': 'Small business (lite)',
	'tpl.smallBusinessLite.description': 'One or two customer groups, one simple target, the main channels and steps.',
	'tpl.blank.name': 'Blank plan',
	'tpl.blank.description': 'Every section, empty. Start from scratch.',

	// Pipeline stages
	'tpl.stage.lead': 'Lead',
	'tpl.stage.qualified': 'Qualified',
	'tpl.stage.needsAnalysis': 'Needs analysis',
	'tpl.stage.solution': 'Solution & technical proposal',
	'tpl.stage.negotiation': 'Commercial negotiation',
	'tpl.stage.contractReview': 'Contract review',
	'tpl.stage.won': 'Won',
	'tpl.stage.lost': 'Lost',
	'tpl.stage.distributorProspect': 'Distributor prospect',
	'tpl.stage.termsNegotiation': 'Terms negotiation',
	'tpl.stage.trialListing': 'Trial listing',
	'tpl.stage.firstOrder': 'First order',
	'tpl.stage.contacted': 'Contacted',
	'tpl.stage.quoted': 'Quoted',
	'tpl.stage.proposal': 'Proposal',

	// KPIs
	'tpl.kpi.revenue': 'Revenue',
	'tpl.kpi.collections': 'Collections',
	'tpl.kpi.grossMargin': 'Gross margin',
	'tpl.kpi.stageConversion': 'Stage conversion rate',
	'tpl.kpi.stageDwellDays': 'Days in stage',
	'tpl.kpi.winRate': 'Win rate',
	'tpl.kpi.pipelineCoverage': 'Pipeline coverage',
	'tpl.kpi.averageDealSize': 'Average deal size',
	'tpl.kpi.keyAccountVisits': 'Key-account visits',
	'tpl.kpi.distributionRate': 'Distribution rate',
	'tpl.kpi.sellThroughRate': 'Sell-through rate',
	'tpl.kpi.storeVisits': 'Store visits',
	'tpl.kpi.routeCompliance': 'Route execution',
	'tpl.kpi.shelfCompliance': 'Shelf display compliance',
	'tpl.kpi.promotionRoi': 'Promotion ROI',
	'tpl.kpi.activeOutlets': 'Active outlets',
	'tpl.kpi.newCustomers': 'New customers',
	'tpl.kpi.leads': 'New leads',
	'tpl.kpi.leadConversion': 'Lead conversion rate',

	// Default goals
	'tpl.goal.revenue': 'Grow annual revenue from our core product lines.',
	'tpl.goal.collections': 'Collect contracted revenue on time (回款).',
	'tpl.goal.grossMargin': 'Keep the gross margin of new contracts at or above target.',
	'tpl.goal.keyAccounts': 'Win new key accounts in the target industries.',
	'tpl.goal.marketShare': 'Gain market share in the core regions.',
	'tpl.goal.distribution': 'Raise the distribution rate in target stores.',
	'tpl.goal.simpleRevenue': 'Reach this year’s revenue target with our main customer group.',

	// Section hints, generic
	'tpl.hint.overview': 'Name the plan, its fiscal period, currency and owner.',
	'tpl.hint.goals': 'Set SMART goals: a metric, a number, a deadline, linked to a strategy.',
	'tpl.hint.decomposition': 'Split the annual target by month, unit and rep; keep an elastic reserve.',
	'tpl.hint.market': 'Size the market and map competitors; summarise in a SWOT.',
	'tpl.hint.customers': 'Describe personas and segments; tier customers by value and potential.',
	'tpl.hint.strategy': 'State the value proposition, product, price, channel, promotion and lead sources.',
	'tpl.hint.actions': 'List tasks with owners, dates and dependencies.',
	'tpl.hint.budget': 'Budget people, money and tools; check ROI through the funnel.',
	'tpl.hint.incentives': 'Weight KPIs per role and set commission rules.',
	'tpl.hint.risks': 'Rate risks by likelihood and impact; give each a mitigation and owner.',
	'tpl.hint.playbook': 'Collect talk tracks, objection handling and materials for new reps.',

	// Section hints, per template
	'tpl.b2bLongCycle.hint.decomposition': 'Decompose by key account and project stage; few deals carry most of the target.',
	'tpl.b2bLongCycle.hint.customers': 'Map each key account’s decision chain: decision maker, technical evaluator, purchasing, user.',
	'tpl.b2bLongCycle.hint.actions': 'Plan cross-department solution work (engineering, quality, finance) per project stage.',
	'tpl.fmcgChannel.hint.decomposition': 'Decompose by region, then route, then store; plan around holiday peaks.',
	'tpl.fmcgChannel.hint.strategy': 'Plan distribution, shelf display and promotions per channel.',
	'tpl.fmcgChannel.hint.actions': 'Schedule store-visit routes and promotion calendars.',
	'tpl.smallBusinessLite.hint.goals': 'One simple target is enough: revenue or new customers.',
	'tpl.smallBusinessLite.hint.customers': 'Describe your one or two main customer groups.',
	'tpl.smallBusinessLite.hint.strategy': 'Pick your main channels and the steps to reach customers.',
	// Scaffolding of the incentives and playbook sections
	'tpl.role.rep': 'Sales rep',
	'tpl.playbook.persona': 'Who we sell to',
	'tpl.playbook.valueProposition': 'Why customers choose us',
	'tpl.playbook.talkTrack': 'First conversation',
	'tpl.playbook.objection': '“Your price is too high”',
	'tpl.playbook.material': 'Brochures, cases and price lists',
	'tpl.playbook.mentor': 'Your mentor in the first 90 days',
	'tpl.b2bLongCycle.playbook.talkTrack': 'Discovery meeting with the plant manager',
	'tpl.fmcgChannel.playbook.talkTrack': 'Store visit routine: stock, shelf, order'
};

export type TemplateTextKey = keyof typeof templateTextEn;

export const templateTextZhCN: Record<TemplateTextKey, string> = {
	'tpl.b2bLongCycle.name': 'B2B 长周期（制造业）',
	'tpl.b2bLongCycle.description': '大单少、分阶段推进项目、决策链长。重点跟踪阶段转化率和阶段停留时间，而非拜访次数。',
	'tpl.fmcgChannel.name': '快消渠道',
	'tpl.fmcgChannel.description': '经销商和门店的小额订单多。目标按区域、线路、门店分解；关注覆盖、铺货率和动销率。',
	'tpl.smallBusinessLite.name': '小微企业（精简版）',
	'tpl.smallBusinessLite.description': '一两个客户群体、一个简单目标、主要渠道和步骤。',
	'tpl.blank.name': '空白方案',
	'tpl.blank.description': '包含所有板块，内容为空，从零开始。',

	'tpl.stage.lead': '线索',
	'tpl.stage.qualified': '已确认需求',
	'tpl.stage.needsAnalysis': '需求分析',
	'tpl.stage.solution': '方案与技术建议',
	'tpl.stage.negotiation': '商务谈判',
	'tpl.stage.contractReview': '合同评审',
	'tpl.stage.won': '赢单',
	'tpl.stage.lost': '输单',
	'tpl.stage.distributorProspect': '潜在经销商',
	'tpl.stage.termsNegotiation': '合作条件谈判',
	'tpl.stage.trialListing': '试铺货',
	'tpl.stage.firstOrder': '首单',
	'tpl.stage.contacted': '已联系',
	'tpl.stage.quoted': '已报价',
	'tpl.stage.proposal': '方案提交',

	'tpl.kpi.revenue': '销售额',
	'tpl.kpi.collections': '回款额',
	'tpl.kpi.grossMargin': '毛利率',
	'tpl.kpi.stageConversion': '阶段转化率',
	'tpl.kpi.stageDwellDays': '阶段停留天数',
	'tpl.kpi.winRate': '赢单率',
	'tpl.kpi.pipelineCoverage': '商机覆盖率',
	'tpl.kpi.averageDealSize': '平均单笔金额',
	'tpl.kpi.keyAccountVisits': '大客户拜访次数',
	'tpl.kpi.distributionRate': '铺货率',
	'tpl.kpi.sellThroughRate': '动销率',
	'tpl.kpi.storeVisits': '门店拜访次数',
	'tpl.kpi.routeCompliance': '线路执行率',
	'tpl.kpi.shelfCompliance': '陈列达标率',
	'tpl.kpi.promotionRoi': '促销投入产出比',
	'tpl.kpi.activeOutlets': '活跃网点数',
	'tpl.kpi.newCustomers': '新客户数',
	'tpl.kpi.leads': '新增线索',
	'tpl.kpi.leadConversion': '线索转化率',

	'tpl.goal.revenue': '提升核心产品线的年度销售额。',
	'tpl.goal.collections': '按时完成合同回款。',
	'tpl.goal.grossMargin': '新签合同毛利率不低于目标。',
	'tpl.goal.keyAccounts': '在目标行业新增大客户。',
	'tpl.goal.marketShare': '提升核心区域的市场份额。',
	'tpl.goal.distribution': '提高目标门店的铺货率。',
	'tpl.goal.simpleRevenue': '依靠主要客户群体完成今年的销售目标。',

	'tpl.hint.overview': '填写方案名称、财年周期、币种和负责人。',
	'tpl.hint.goals': '设定 SMART 目标：指标、数值、截止日期，并关联到策略。',
	'tpl.hint.decomposition': '把年度目标按月、团队和个人分解，并预留弹性空间。',
	'tpl.hint.market': '估算市场规模，梳理竞争对手，并汇总为 SWOT。',
	'tpl.hint.customers': '描述客户画像和细分；按价值和潜力给客户分层。',
	'tpl.hint.strategy': '写明价值主张、产品、价格、渠道、推广和获客来源。',
	'tpl.hint.actions': '列出任务，注明负责人、日期和依赖关系。',
	'tpl.hint.budget': '规划人力、资金和工具预算；按漏斗核算投入产出。',
	'tpl.hint.incentives': '按岗位设置 KPI 权重，制定提成规则。',
	'tpl.hint.risks': '按可能性和影响评估风险；为每项风险指定应对措施和负责人。',
	'tpl.hint.playbook': '为新销售整理话术、异议处理和资料。',

	'tpl.b2bLongCycle.hint.decomposition': '按大客户和项目阶段分解；少数大单承担大部分目标。',
	'tpl.b2bLongCycle.hint.customers': '梳理每个大客户的决策链：决策者、技术评估、采购、使用者。',
	'tpl.b2bLongCycle.hint.actions': '按项目阶段安排跨部门方案工作（工程、质量、财务）。',
	'tpl.fmcgChannel.hint.decomposition': '按区域、线路、门店逐级分解；围绕节假日旺季做安排。',
	'tpl.fmcgChannel.hint.strategy': '按渠道规划铺货、陈列和促销。',
	'tpl.fmcgChannel.hint.actions': '安排门店拜访线路和促销日历。',
	'tpl.smallBusinessLite.hint.goals': '一个简单目标就够了：销售额或新客户数。',
	'tpl.smallBusinessLite.hint.customers': '描述你的一两个主要客户群体。',
	'tpl.smallBusinessLite.hint.strategy': '选定主要渠道，以及触达客户的步骤。',
	'tpl.role.rep': '销售代表',
	'tpl.playbook.persona': '我们卖给谁',
	'tpl.playbook.valueProposition': '客户为什么选择我们',
	'tpl.playbook.talkTrack': '第一次沟通',
	'tpl.playbook.objection': '“你们的价格太高了”',
	'tpl.playbook.material': '宣传册、案例与价格表',
	'tpl.playbook.mentor': '入职前 90 天的导师',
	'tpl.b2bLongCycle.playbook.talkTrack': '与工厂负责人的需求调研会',
	'tpl.fmcgChannel.playbook.talkTrack': '门店拜访流程：查库存、看陈列、下订单'
};

export const TEMPLATE_LANGUAGES = ['en', 'zh-CN'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const TEMPLATE_TEXT: Record<TemplateLanguage, Record<TemplateTextKey, string>> = {
	en: templateTextEn,
	'zh-CN': templateTextZhCN
};

/** The text of a key in a language: `templateText('zh-CN', 'tpl.kpi.distributionRate')` → '铺货率'. */
export function templateText(language: TemplateLanguage, key: TemplateTextKey): string {
	return TEMPLATE_TEXT[language][key];
}
