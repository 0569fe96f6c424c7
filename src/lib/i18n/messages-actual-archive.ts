/** UI strings of actuals kept in the history archives (issue 13): imports of old months and corrections in the actuals form, merged into messages.ts. */
export const enActualArchive = {
	'importActualArchive.toHistory':
		'{count, plural, one {# actual cell} other {# actual cells}} before {month} → history archives (not into the live plan; figures include them).',
	'importActualArchive.done':
		'Of these, {count, plural, one {# actual cell} other {# actual cells}} went to the history archives: undo does not take those back — import a corrected file or correct them in the form.',
	'actualArchive.offline':
		'The actuals of {month} are kept in the history archive: correcting them needs a connection. Nothing was saved — try again when you are online.',
	'actualArchive.failed': 'The history archive could not be updated ({message}). Nothing was saved.'
};
