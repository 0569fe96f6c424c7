/** UI strings of the one team list's loose ends (team import moves, the migration's author, the share column), merged into messages.ts. */
export const enTeamfix = {
	'teamfix.moves.intro':
		'{count, plural, one {# person is} other {# people are}} in another unit in the file. The import does not move anyone (their target share would move with them): move them in Targets.',
	'teamfix.moves.more': '… and {count} more.',
	'teamfix.moves.nowhere': 'no team or region',
	'teamfix.by.teamList': 'from the execution team list'
};
