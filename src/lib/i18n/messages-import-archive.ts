/** UI strings of an import routing old closed deals to the history archives (issues 11 + 13), merged into messages.ts. */
export const enImportArchive = {
	'importArchive.toHistory':
		'{count, plural, one {# deal} other {# deals}} closed before {month} → history archives (not into the live plan; figures include them).',
	'importArchive.reopened': '{count, plural, one {# archived deal is} other {# archived deals are}} reopened by the file and come back into the live plan.',
	'importArchive.reading': 'Reading the plan’s history archives…',
	'importArchive.readFailed': 'The plan’s history archives could not be read ({message}). Nothing was imported; try again later.',
	'importArchive.writing': 'Writing history: {done} of {total, plural, one {# month} other {# months}}…',
	'importArchive.done':
		'Of these, {count, plural, one {# deal} other {# deals}} went to the history archives: undo does not take those back — import a corrected file to change them.'
};
