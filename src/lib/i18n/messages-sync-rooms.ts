/** UI strings of the header naming the execution or deal-shard room that refused this person (header/sync-problem.ts), merged into messages.ts. */
export const enSyncRooms = {
	'syncRooms.execution': 'Execution data (deals, activities, actuals)',
	'syncRooms.shard': 'Deals, part {n} of {total}',
	'syncRooms.full':
		'The server has no place for this connection right now: too many are open at once. Your edits stay on this device and are sent once there is room; the app keeps trying.',
	'syncRooms.problem': '{where}: {message}'
};
