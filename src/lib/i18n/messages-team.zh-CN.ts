import type { enTeam } from './messages-team';

/** 唯一团队名单的界面文字（执行区“团队与阶段”、团队迁移），并入 messages.zh-CN.ts。 */
export const zhCNTeam: Record<keyof typeof enTeam, string> = {
	'team.unassigned': '未分配',
	'team.setupNote': '团队名单以方案为准，与“目标”中的区域和团队是同一批人。在这里添加的销售会进入其所属团队或区域，暂不分配目标。',
	'team.editInTargets': '到“目标”中编辑团队及其目标',
	'team.kind': '区域或团队',
	'team.kind.region': '区域',
	'team.kind.team': '团队',
	'team.unitRegion': '所属区域'
};
