/** UI strings of an import into a plan whose deals are spread over several documents (import-size-split.ts), merged into messages.ts. */
export const enImportShards = {
	'importShards.fullest':
		'This plan keeps its deals in {count, plural, one {# part} other {# parts}}, each with its own limit; the figures above are for the fullest one (part {name}).'
};
