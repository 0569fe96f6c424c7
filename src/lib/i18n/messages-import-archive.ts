/** UI strings of an import routing old closed deals to the history archives (issues 11 + 13), merged into messages.ts. */
export const enImportArchive = {
	'importArchive.toHistory':
		'{count, plural, one {# deal} other {# deals}} closed before {month} → history archives (not into the live plan; figures include them).',
	'importArchive.reopened': '{count, plural, one {# archived deal is} other {# archived deals are}} reopened by the file and come back into the live plan.',
	'importArchive.reading': 'Reading the plan’s history archives…',
	'importArchive.readFailed': 'The plan’s history archives could not be read ({message}). Nothing was imported; try again later.',
	'importArchive.writing': 'Writing history: {done} of {total, plural, one {# month} other {# months}}…',
	'importArchive.cancelled':
		'Stopped: {done} of {total, plural, one {# month} other {# months}} of history written ({months}); the live plan was not changed. Import the file again to finish — what was written is recognised as unchanged.',
	'importArchive.failed': 'Writing history failed ({message}). Months written: {months}. The live plan was not changed; import the file again to finish.',
	'importArchive.done':
		'Of these, {count, plural, one {# deal} other {# deals}} went to the history archives: undo does not take those back — import a corrected file to change them.',
	'importArchive.none': 'none'
};
