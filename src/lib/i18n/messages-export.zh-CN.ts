/** The Chinese (zh-CN) half of messages-export.ts: its own module so English-only pages never download it. */
import type { enExport } from './messages-export';

export const zhCNExport: Record<keyof typeof enExport, string> = {
	'export.label': '导出：{table}',
	'export.failed': '导出失败：{message}',
	'export.table.targets': '目标分解',
	'export.table.forecast': '预测汇总',
	'export.table.variance': '偏差与五问',
	'backup.download': '下载备份',
	'backup.working': '正在准备备份…',
	'backup.hint': '整个方案及其商机、活动和实际数据，保存为一个文件，可恢复为新方案。',
	'backup.failed': '无法生成备份：{message}',
	'backup.offline': '备份取自本设备的副本：当前离线，同事的最新修改可能未包含在内。',
	'restore.button': '从备份恢复…',
	'restore.hint': '用备份文件（.splan）新建一个方案，不会改动任何已有方案。',
	'restore.working': '正在恢复…',
	'restore.error.not-a-backup': '这不是方案备份文件。请选择通过“下载备份”得到的 .splan 文件。',
	'restore.error.newer-format': '此备份由更新版本的应用生成。请刷新应用以更新后再试。',
	'restore.error.damaged': '备份文件已损坏或不完整（{detail}）。未创建任何方案。',
	'restore.error.too-large': '文件过大，不是方案备份（{size} MB）。未创建任何方案。',
	'restore.error.storage': '无法在本设备保存方案：{message}'
};
