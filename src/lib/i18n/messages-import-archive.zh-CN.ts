import type { enImportArchive } from './messages-import-archive';

/** 导入时把早已结单的商机写入历史归档（议题 11、13）的界面文字，并入 messages.zh-CN.ts。 */
export const zhCNImportArchive: Record<keyof typeof enImportArchive, string> = {
	'importArchive.toHistory': '{count} 个商机在 {month} 之前已结单 → 写入历史归档（不进实时方案，但计入各项数字）。',
	'importArchive.reopened': '文件把 {count} 个已归档商机重新打开，它们回到实时方案。',
	'importArchive.reading': '正在读取方案的历史归档…',
	'importArchive.readFailed': '无法读取方案的历史归档（{message}），本次未导入任何数据；请稍后重试。',
	'importArchive.writing': '正在写入历史：第 {done} / {total} 个月…',
	'importArchive.done': '其中 {count} 个商机已写入历史归档，撤销不会撤回这部分；如需修改，请导入更正后的文件。'
};
