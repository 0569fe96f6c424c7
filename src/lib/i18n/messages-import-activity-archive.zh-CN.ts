import type { enImportActivityArchive } from './messages-import-activity-archive';

/** 导入活动时把早于活动窗口的日数据写入活动历史归档（议题 11、13）的界面文字，并入 messages.zh-CN.ts。 */
export const zhCNImportActivityArchive: Record<keyof typeof enImportActivityArchive, string> = {
	'importActivityArchive.toHistory': '{count} 条活动日数据早于 {month} → 写入历史归档（不进实时方案，但计入各项数字）。',
	'importActivityArchive.done': '其中 {count} 条活动日数据已写入历史归档，撤销不会撤回这部分；如需修改，请导入更正后的文件。'
};
