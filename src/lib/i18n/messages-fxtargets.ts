/** UI strings for targets in an office's own currency (unit currency, quota table view), merged into messages.ts. */
export const enFxTargets = {
	'fxtargets.currency': 'Currency',
	'fxtargets.currencyLabel': 'Office currency of {unit} (empty: the reporting currency)',
	'fxtargets.view': 'Amounts in',
	'fxtargets.view.reporting': 'Reporting currency ({currency})',
	'fxtargets.view.local': 'Each office’s own currency',
	'fxtargets.note':
		'Units with their own currency are shown in it, read-only: each month’s target is converted from {reporting} at that month’s exchange rate (Execution → Exchange rates; a month without one uses the latest earlier rate). Targets are set and stored in {reporting}; totals stay in {reporting}.',
	'fxtargets.noRate': 'no rate',
	'fxtargets.missing': '{unit}: no {currency} rate for {months}. Add it under Execution → Exchange rates.',
	'fxtargets.carried': 'Rate of {month} carried forward'
} as const;
