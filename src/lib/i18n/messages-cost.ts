/** UI strings of the sales cost entered with the actuals and the CAC shown from it, merged into messages.ts. */
export const enCost = {
	'wizard.key.salesCost': 'Sales cost',
	'exec.field.salesCost': 'Sales cost',
	'cost.salesCost.hint': 'Sales & marketing spend of the month; leave blank if unknown',
	'cost.col.salesCost': 'Sales cost',
	'cost.col.newCustomers': 'New customers',
	'cost.col.cac': 'CAC',
	'cost.cac': 'CAC (customer acquisition cost)',
	'cost.cac.working': 'Sales cost ÷ new customers in the period: {cost} ÷ {customers, plural, one {# new customer} other {# new customers}}',
	'cost.cac.noCost': 'No sales cost entered for the period (Actuals tab), so no CAC.',
	'cost.cac.noCustomers': 'No new customers in the period, so no CAC.',
	'cost.cac.partial': 'Cost entered on {costCells} of {cells, plural, one {# actuals row} other {# actuals rows}}; rows without one count no cost.',
	'channel.title': 'Channel funnel: store visits → distribution → sell-through',
	'channel.step.storeVisits': 'Store visits',
	'channel.step.storeVisits.why': 'Reps in the stores on their routes',
	'channel.step.distribution': 'Distribution rate',
	'channel.step.distribution.why': 'Stores that list the products (铺货率)',
	'channel.step.sellThrough': 'Sell-through rate',
	'channel.step.sellThrough.why': 'Listed products that sell (动销率)',
	'channel.value': 'Value',
	'channel.target': 'Target',
	'channel.missing': 'Not tracked: add this metric under Execution → Tracked metrics.',
	'channel.missingNote': 'A step without its tracked metric shows no figure.',
	'channel.note':
		'A channel plan sells through stores, not demos and proposals: each step is its tracked metric over the period and filters, lit against its target (≥ 100% on track, ≥ 80% watch).',
	'channel.planIntro':
		'This plan uses the channel funnel instead of lead → visit → demo → proposal rates. Its steps and their monthly targets are tracked metrics, entered per month and rep under Execution → Tracked metrics:',
	'channel.planTargetPerMonth': 'target {target} per month',
	'channel.planNoTarget': 'no target',
	'channel.planOpen': 'Open Execution once to load the targets.'
} as const;
