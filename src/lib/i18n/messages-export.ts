/** Export, backup and restore messages; the Chinese half is in messages-export.zh-CN.ts. */
export const enExport = {
	'export.label': 'Export: {table}',
	'export.failed': 'Export failed: {message}',
	'export.table.targets': 'Target decomposition',
	'export.table.forecast': 'Forecast roll-up',
	'export.table.variance': 'Variance and five whys',
	'backup.download': 'Download backup',
	'backup.working': 'Preparing backup…',
	'backup.hint': 'The whole plan with its deals, activities and actuals, in one file that restores into a new plan.',
	'backup.failed': 'The backup could not be made: {message}',
	'backup.offline': 'Backup saved from this device’s copy: you are offline, so colleagues’ latest changes may be missing.',
	'restore.button': 'Restore from backup…',
	'restore.hint': 'Creates a new plan from a backup file (.splan); no existing plan is changed.',
	'restore.working': 'Restoring…',
	'restore.error.not-a-backup': 'This is not a plan backup file. Choose a .splan file made with “Download backup”.',
	'restore.error.newer-format': 'This backup was made by a newer version of the app. Reload the app to update it, then try again.',
	'restore.error.damaged': 'This backup file is damaged or incomplete ({detail}). Nothing was created.',
	'restore.error.too-large': 'This file is too large to be a plan backup ({size} MB). Nothing was created.',
	'restore.error.storage': 'The plan could not be saved on this device: {message}'
} as const;
