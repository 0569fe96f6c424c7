import type { enImportFailure } from './messages-import-failure';

/** 归档请求失败的本地化说明，以及导入中途停止或失败时的提示（议题 11），并入 messages.zh-CN.ts。 */
export const zhCNImportFailure: Record<keyof typeof enImportFailure, string> = {
	'archiveFailure.offline': '无法连接服务器',
	'archiveFailure.unauthorized': '此链接已失效，请向方案负责人索取新链接',
	'archiveFailure.forbidden': '只读链接不能写入历史数据',
	'archiveFailure.notFound': '服务器上没有这个月的数据',
	'archiveFailure.tooLarge': '该月数据超出服务器的存储上限',
	'archiveFailure.rateLimited': '服务器繁忙，请稍等一分钟',
	'archiveFailure.refused': '服务器拒绝了本次请求',
	'archiveFailure.server': '服务器出错',
	'archiveFailure.damaged': '归档数据已损坏',
	'archiveFailure.unknown': '发生意外错误',
	'archiveFailure.withStatus': '{text}，HTTP {status}',
	'importFailure.readFailed': '无法读取方案的历史归档（{message}），本次未导入任何数据；请稍后重试。',
	'importFailure.cancelled':
		'已停止。历史已写入 {done} / {total, plural, other {# 个月}}（{written}），未写入：{missing}。实时方案未改动。再次导入同一文件即可完成，已写入的部分会识别为“未变化”。',
	'importFailure.failed': '写入历史失败（{message}）。已写入：{written}；尚未写入：{missing}。实时方案未改动，数据没有丢失：点“重试”写入其余月份。',
	'importFailure.retry': '重试',
	'importFailure.none': '无'
};
