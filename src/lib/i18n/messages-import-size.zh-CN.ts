import type { enImportSize } from './messages-import-size';

/** 导入向导的大小检查提示（src/lib/import/import-size.ts），并入 messages.zh-CN.ts。 */
export const zhCNImportSize: Record<keyof typeof enImportSize, string> = {
	'importSize.share':
		'数据量过大，无法同步：本次导入约增加 {size} MB，而每个链接每天最多可为方案的执行数据增加 {limit} MB。未写入任何数据。请减少导入行数，例如只导入进行中的商机和最近几个月的数据。',
	'importSize.document':
		'超出本方案容量：本次导入约增加 {size} MB，现已存储 {used} MB，方案的执行数据最多 {limit} MB。未写入任何数据。请减少导入行数，例如只导入进行中的商机和最近几个月的数据。',
	'importSize.items':
		'记录数超出本方案容量：本次导入约增加 {size} 条记录，现有 {used} 条，方案的执行数据最多 {limit} 条。未写入任何数据。请减少导入行数，例如只导入进行中的商机和最近几个月的数据。'
};
