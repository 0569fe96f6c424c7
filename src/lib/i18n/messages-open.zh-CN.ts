import type { enOpen } from './messages-open';

/** 打开计划时数据仍在读取（各部分成交数据与历史数据）的界面文字，并入 messages.zh-CN.ts。 */
export const zhCNOpen: Record<keyof typeof enOpen, string> = {
	'open.parts': '仍在加载：成交数据已读取 {ready} / {parts} 部分。',
	'open.history': '仍在加载：正在读取历史成交数据。',
	'open.partial': '加载完成前，合计数字不是最终结果。',
	'open.progress': '已读取的成交数据部分',
	'open.tile': '加载中'
};
