/** UI strings of the period archive cache (closed history downloaded to this device), merged into messages.ts. */
export const enArchiveCache = {
	'archiveCache.loading': 'Downloading closed history: {done} of {total, plural, one {# month} other {# months}} ({size})',
	'archiveCache.progress': 'Closed history downloaded',
	'archiveCache.offline':
		'History from {count, plural, one {# month} other {# months}} not downloaded yet: figures leave those deals out until this device is back online.',
	'archiveCache.error':
		'Closed history from {count, plural, one {# month} other {# months}} could not be downloaded ({message}): figures leave those deals out.',
	'archiveCache.retry': 'Retry',
	'archiveCache.dayOffline': 'This day is in the history archives: saving it needs a connection. Nothing was saved.',
	'archiveCache.dayFailed': 'Saving the day in the history archives failed ({message}). Nothing was saved.',
	'archiveCache.deleteOffline': 'This deal is in closed history: deleting it needs a connection. Nothing was deleted.',
	'archiveCache.deleteFailed': 'The deal could not be deleted from closed history ({message}). Nothing was deleted.',
	'archiveCache.kb': '{value} KB',
	'archiveCache.mb': '{value} MB'
};
