/** The Chinese (zh-CN) half of messages-funnel.ts: its own module so English-only pages never download it. */
import type { enFunnel } from './messages-funnel';

export const zhCNFunnel: Record<keyof typeof enFunnel, string> = {
	'funnelCompare.title': '计划漏斗与实际漏斗对比',
	'funnelCompare.step': '环节',
	'funnelCompare.planned': '计划转化率',
	'funnelCompare.actual': '实际转化率',
	'funnelCompare.gapVsPlan': '较计划 {gap}',
	'funnelCompare.light': '红黄绿灯',
	'funnelCompare.via': '经 {steps}',
	'funnelCompare.dealsOf': '{from} 个商机中 {to} 个',
	'funnelCompare.leadConversion': '线索转化率（线索 → 赢单）',
	'funnelCompare.rule': '实际转化率低于计划 20% 及以上为红灯，低于 10% 及以上为黄灯，否则为绿灯。商机少于 {min} 个时不亮灯。',
	'funnelCompare.period': '按漏斗口径统计本期商机：本期成交或输单的，以及预计本期成交的在途商机。',
	'funnelCompare.unmapped': '没有阶段对应 {steps}，该行跨过此环节。可在“团队与阶段 → 销售阶段”中对应。',
	'funnelCompare.noSteps': '请在“团队与阶段 → 销售阶段”中把销售阶段对应到漏斗环节，以便与计划对比。',
	'funnelCompare.reason.no-planned-rate': '未设计划转化率（目标 → 漏斗）',
	'funnelCompare.reason.zero-planned-rate': '计划转化率为 0',
	'funnelCompare.reason.too-few-deals': '商机太少',
	'funnelCompare.reason.out-of-order': '阶段对应顺序有误',
	'funnelCompare.reason.unmapped': '线索或赢单没有对应阶段',
	'funnelStep.lead': '线索',
	'funnelStep.visit': '有效拜访',
	'funnelStep.demo': '演示',
	'funnelStep.proposal': '方案报价',
	'funnelStep.won': '赢单',
	'funnelStep.none': '— 不计入漏斗',
	'exec.stageFunnelStep': '漏斗环节'
};
