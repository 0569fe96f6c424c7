import type { enTeamfix } from './messages-teamfix';

/** 团队名单遗留问题的界面文字（团队导入中的调动、迁移的来源、份额列），并入 messages.zh-CN.ts。 */
export const zhCNTeamfix: Record<keyof typeof enTeamfix, string> = {
	'teamfix.moves.intro': '文件中有 {count} 人所在的区域或团队与方案不同。导入不会调动任何人（调动会连带转移其指标份额），请到“目标分解”中调整。',
	'teamfix.moves.more': '……另有 {count} 人。',
	'teamfix.moves.nowhere': '未指定团队或区域',
	'teamfix.by.teamList': '来自执行区原有销售名单',
	'teamfix.units.share': '分解份额',
	'teamfix.units.shareHint': '该销售在所属区域或团队目标中的份额，未计新人爬坡和手工调整的月份。其全年指标见下方销售指标表。',
	'teamfix.units.quota': '全年指标 {amount}'
};
