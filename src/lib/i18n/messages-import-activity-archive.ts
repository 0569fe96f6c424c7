/** UI strings of an activities import setting old day cells in the activity history archives (issues 11 + 13), merged into messages.ts. */
export const enImportActivityArchive = {
	'importActivityArchive.toHistory':
		'{count, plural, one {# activity cell} other {# activity cells}} dated before {month} → history archives (not into the live plan; figures include them).',
	'importActivityArchive.done':
		'Of these, {count, plural, one {# activity cell} other {# activity cells}} went to the history archives: undo does not take those back — import a corrected file to change them.'
};
