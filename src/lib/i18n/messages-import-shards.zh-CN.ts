import type { enImportShards } from './messages-import-shards';

/** 导入到商机分多处存储的方案时的提示（import-size-split.ts），并入 messages.zh-CN.ts。 */
export const zhCNImportShards: Record<keyof typeof enImportShards, string> = {
	'importShards.fullest': '本方案的商机分 {count} 个部分存储，每部分各有容量上限；以上数字是最满的那一部分（第 {name} 部分）。'
};
