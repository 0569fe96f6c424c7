import type { enActualArchive } from './messages-actual-archive';

/** 早于本财年的实际业绩存放在历史归档（议题 13）：导入旧月份、在实际业绩表单中更正时的界面文字，并入 messages.zh-CN.ts。 */
export const zhCNActualArchive: Record<keyof typeof enActualArchive, string> = {
	'importActualArchive.toHistory': '{count} 条实际业绩早于 {month} → 写入历史归档（不进实时方案，但计入各项数字）。',
	'importActualArchive.done': '其中 {count} 条实际业绩已写入历史归档，撤销不会撤回这部分；如需修改，请导入更正后的文件或在表单中更正。',
	'actualArchive.offline': '{month} 的实际业绩存放在历史归档中，更正需要联网。本次未保存，请联网后重试。',
	'actualArchive.failed': '历史归档更新失败（{message}），本次未保存。'
};
