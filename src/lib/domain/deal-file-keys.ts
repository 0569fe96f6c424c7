/**
 * The machine keys of a deal row in files, in this order: the command line's export header, and
 * what the importer reads back (the app's own export and the command line share one format).
 */
export const DEAL_KEYS = [
	'externalId',
	'name',
	'customer',
	'amount',
	'currency',
	'stage',
	'owner',
	'region',
	'product',
	'createdAt',
	'expectedClose',
	'closedAt',
	'probability',
	'forecastCategory'
] as const;
