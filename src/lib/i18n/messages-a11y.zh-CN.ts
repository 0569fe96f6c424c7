/** The Chinese (zh-CN) half of messages-a11y.ts: its own module so English-only pages never download it. */
import type { enA11y } from './messages-a11y';

export const zhCNA11y: Record<keyof typeof enA11y, string> = {
	'a11y.rowActions': '操作',
	'a11y.showTable': '以表格显示',
	'a11y.hideTable': '隐藏表格',
	'a11y.chartTable': '{chart}：数据',
	'a11y.category': '项目',
	'a11y.openDeals': '按回车查看相关商机',
	'a11y.noData': '暂无数据'
};
