/** UI strings of the import wizard's size check (src/lib/import/import-size.ts), merged into messages.ts. */
export const enImportSize = {
	'importSize.share':
		'Too large to share: this import adds about {size} MB, and one link may add at most {limit} MB a day to a plan’s execution data. Nothing was written. Import fewer rows — for example the open deals and the last months.',
	'importSize.document':
		'Too large for this plan: the import adds about {size} MB to the {used} MB stored, and a plan’s execution data holds at most {limit} MB. Nothing was written. Import fewer rows — for example the open deals and the last months.',
	'importSize.items':
		'Too many records for this plan: the import adds about {size, plural, one {# record} other {# records}} to the {used} stored, and a plan’s execution data holds at most {limit}. Nothing was written. Import fewer rows — for example the open deals and the last months.'
};
