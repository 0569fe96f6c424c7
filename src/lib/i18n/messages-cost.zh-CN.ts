import type { enCost } from './messages-cost';

/** 实际业绩中录入的销售费用及由此计算的获客成本（CAC）的界面文案，并入 messages.zh-CN.ts。 */
export const zhCNCost: Record<keyof typeof enCost, string> = {
	'wizard.key.salesCost': '销售费用',
	'exec.field.salesCost': '销售费用',
	'cost.salesCost.hint': '当月销售及市场投入；未知请留空',
	'cost.col.salesCost': '销售费用',
	'cost.col.newCustomers': '新客户数',
	'cost.col.cac': '获客成本',
	'cost.cac': '获客成本（CAC）',
	'cost.cac.working': '期间销售费用 ÷ 期间新客户数：{cost} ÷ {customers} 个新客户',
	'cost.cac.noCost': '本期未录入销售费用（见“实际业绩”页），无法计算获客成本。',
	'cost.cac.noCustomers': '本期没有新客户，无法计算获客成本。',
	'cost.cac.partial': '{cells} 行实际业绩中有 {costCells} 行录入了费用；未录入的行不计费用。',
	'channel.title': '渠道漏斗：门店拜访 → 铺货 → 动销',
	'channel.step.storeVisits': '门店拜访数',
	'channel.step.storeVisits.why': '业务员按线路走访门店',
	'channel.step.distribution': '铺货率',
	'channel.step.distribution.why': '已上架本品的门店占比',
	'channel.step.sellThrough': '动销率',
	'channel.step.sellThrough.why': '已铺货商品中产生销售的占比',
	'channel.value': '实际',
	'channel.target': '目标',
	'channel.missing': '未跟踪：请在“执行 → 跟踪指标”中添加该指标。',
	'channel.missingNote': '缺少对应跟踪指标的环节不显示数值。',
	'channel.note': '渠道方案靠门店动销而非演示和方案成交：每个环节取本期及筛选范围内的跟踪指标，与目标对比亮灯（≥100% 正常，≥80% 关注）。',
	'channel.planIntro': '本方案使用渠道漏斗，而非“线索 → 拜访 → 演示 → 方案”转化率。各环节及其月度目标为跟踪指标，在“执行 → 跟踪指标”中按月、按业务员录入：',
	'channel.planTargetPerMonth': '每月目标 {target}',
	'channel.planNoTarget': '未设目标',
	'channel.planOpen': '打开一次“执行”即可载入目标。'
};
