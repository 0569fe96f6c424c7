/** UI strings of the one team list's loose ends (team import moves, the migration's author, the share column), merged into messages.ts. */
export const enTeamfix = {
	'teamfix.moves.intro':
		'{count, plural, one {# person is} other {# people are}} in another region or team in the file. The import moves nobody (their target share would move with them): move them in Targets.',
	'teamfix.moves.more': '… and {count} more.',
	'teamfix.moves.nowhere': 'no team or region',
	'teamfix.by.teamList': 'from the execution team list',
	'teamfix.units.share': 'Top-down share',
	'teamfix.units.shareHint':
		'The rep’s share of their region’s or team’s target, before the new-hire ramp and months set by hand. Their quota is in the quota table below.',
	'teamfix.units.quota': 'Year quota {amount}'
};
