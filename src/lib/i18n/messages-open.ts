/** UI strings of a plan's figures while its documents and history are still being read (ExecutionSession.complete), merged into messages.ts. */
export const enOpen = {
	'open.parts': 'Still loading deals: {ready} of {parts} read.',
	'open.history': 'Still loading: closed history is being read.',
	'open.partial': 'Totals are not final until loading ends.',
	'open.progress': 'Parts of the deals read',
	'open.tile': 'loading'
};
