import type { enArchiveCache } from './messages-archive-cache';

/** 历史归档缓存（已关闭的历史商机下载到本机）的界面文字，并入 messages.zh-CN.ts。 */
export const zhCNArchiveCache: Record<keyof typeof enArchiveCache, string> = {
	'archiveCache.loading': '正在下载历史成交数据：已完成 {done} / {total, plural, other {# 个月}}（{size}）',
	'archiveCache.progress': '历史数据下载进度',
	'archiveCache.offline': '还有 {count, plural, other {# 个月}}的历史数据未下载：联网前，各项指标暂不含这些商机。',
	'archiveCache.error': '{count, plural, other {# 个月}}的历史数据下载失败（{message}）：各项指标暂不含这些商机。',
	'archiveCache.retry': '重试',
	'archiveCache.dayOffline': '该日的数据已归档到历史，保存需要联网。本次未保存任何内容。',
	'archiveCache.dayFailed': '保存到历史归档失败（{message}），本次未保存任何内容。',
	'archiveCache.deleteOffline': '该商机已归档到历史数据，删除需要联网。本次未删除任何内容。',
	'archiveCache.deleteFailed': '无法从历史数据中删除该商机（{message}）。本次未删除任何内容。',
	'archiveCache.kb': '{value} KB',
	'archiveCache.mb': '{value} MB'
};
