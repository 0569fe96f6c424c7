import type { enSyncRooms } from './messages-sync-rooms';

/** 页头提示：哪一部分执行数据或商机存储被服务器拒绝（header/sync-problem.ts），并入 messages.zh-CN.ts。 */
export const zhCNSyncRooms: Record<keyof typeof enSyncRooms, string> = {
	'syncRooms.execution': '执行数据（商机、活动、实际业绩）',
	'syncRooms.shard': '商机数据第 {n} 部分（共 {total} 部分）',
	'syncRooms.full': '同时打开的连接过多，服务器暂时无法接入。您的修改保留在本设备上，接入后会自动发送；应用会继续重试。',
	'syncRooms.problem': '{where}：{message}'
};
