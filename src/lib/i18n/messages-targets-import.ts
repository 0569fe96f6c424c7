/** Importing targets into the decomposition from a file; the Chinese half is in messages-targets-import.zh-CN.ts. */
export const enTargetsImport = {
	'targetsImport.open': 'Import targets from a file',
	'targetsImport.close': 'Close the import',
	'targetsImport.intro':
		'A file of targets per rep and/or region or team: one amount per row (annual), a column per month (2027-01, 1月, Jan, M1…), or a row per rep and month. The file becomes the annual target (grossed up by the reserve), the unit and rep shares and, with months, the seasonality.',
	'targetsImport.key.level': 'Level (company, reserve, unit)',
	'targetsImport.key.region': 'Region',
	'targetsImport.key.team': 'Team',
	'targetsImport.key.unit': 'Unit (region or team)',
	'targetsImport.key.rep': 'Rep',
	'targetsImport.key.target': 'Target (year)',
	'targetsImport.key.month': 'Month (one row per month)',
	'targetsImport.months': 'Month columns: {list}',
	'targetsImport.noMonths': 'No month columns: each row is read as a year’s target.',
	'targetsImport.total':
		'The file totals {total}; the annual target becomes {annual}, so that after the {reserve} reserve the units share exactly the file’s total.',
	'targetsImport.warnings': 'Figures the decomposition gives differently',
	'targetsImport.defaultUnit': 'Sales',
	'targetsImport.month': 'M{month}'
} as const;
