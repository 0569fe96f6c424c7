import type { enFxTargets } from './messages-fxtargets';

/** 办事处本地币种指标（单元币种、指标表切换显示）的界面文字，并入 messages.zh-CN.ts。 */
export const zhCNFxTargets: Record<keyof typeof enFxTargets, string> = {
	'fxtargets.currency': '币种',
	'fxtargets.currencyLabel': '{unit}的本地币种（留空即报告币种）',
	'fxtargets.view': '金额显示',
	'fxtargets.view.reporting': '报告币种（{currency}）',
	'fxtargets.view.local': '各办事处本地币种',
	'fxtargets.note':
		'设置了本地币种的单元按本地币种显示（只读）：每月指标按当月汇率由 {reporting} 折算（执行 → 汇率；当月没有汇率时沿用之前最近一个月的汇率）。指标仍以 {reporting} 设定和保存，合计行仍为 {reporting}。',
	'fxtargets.noRate': '无汇率',
	'fxtargets.missing': '{unit}：{months} 没有 {currency} 汇率，请在“执行 → 汇率”中补录。',
	'fxtargets.carried': '沿用 {month} 的汇率'
};
