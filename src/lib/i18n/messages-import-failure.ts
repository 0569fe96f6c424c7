/** UI strings of archive failures in words of the person's language, and of an import stopped or failed part-way (issue 11), merged into messages.ts. */
export const enImportFailure = {
	'archiveFailure.offline': 'no connection to the server',
	'archiveFailure.unauthorized': 'this link is no longer valid — ask the plan’s owner for a new one',
	'archiveFailure.forbidden': 'a read-only link cannot write history',
	'archiveFailure.notFound': 'the server does not have this month',
	'archiveFailure.tooLarge': 'the month is larger than the server stores',
	'archiveFailure.rateLimited': 'the server is busy — wait a minute',
	'archiveFailure.refused': 'the server refused the request',
	'archiveFailure.server': 'the server had an error',
	'archiveFailure.damaged': 'the archive arrived damaged',
	'archiveFailure.unknown': 'an unexpected error',
	'archiveFailure.withStatus': '{text}, HTTP {status}',
	'importFailure.readFailed': 'The plan’s history archives could not be read ({message}). Nothing was imported; try again later.',
	'importFailure.cancelled':
		'Stopped. History written: {done} of {total, plural, one {# month} other {# months}} ({written}); not written: {missing}. The live plan was not changed. Import the file again to finish — what was written is recognised as unchanged.',
	'importFailure.failed':
		'Writing history failed ({message}). Written: {written}; not written yet: {missing}. The live plan was not changed and nothing is lost: Retry writes the rest.',
	'importFailure.retry': 'Retry',
	'importFailure.none': 'none'
};
