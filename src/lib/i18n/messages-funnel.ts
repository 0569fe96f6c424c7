/** UI strings of the planned vs actual funnel and the stage → funnel step mapping, merged into messages.ts. */
export const enFunnel = {
	'funnelCompare.title': 'Planned vs actual funnel',
	'funnelCompare.step': 'Step',
	'funnelCompare.planned': 'Planned',
	'funnelCompare.actual': 'Actual',
	'funnelCompare.gapVsPlan': '{gap} against plan',
	'funnelCompare.light': 'Light',
	'funnelCompare.via': 'via {steps}',
	'funnelCompare.dealsOf': '{to} of {from, plural, one {# deal} other {# deals}}',
	'funnelCompare.leadConversion': 'Lead conversion (lead → won)',
	'funnelCompare.rule':
		'Red when the actual rate is 20% or more below the planned rate, yellow from 10% below, else green. {min, plural, one {Fewer than # deal: no light.} other {Fewer than # deals: no light.}}',
	'funnelCompare.period': 'Deals of the period as the funnel counts them: closed in it, or open and expected to close in it.',
	'funnelCompare.unmapped': 'No stage is mapped to {steps}: the row spans it. Map stages to funnel steps in Team & stages → Pipeline stages.',
	'funnelCompare.noSteps': 'Map pipeline stages to funnel steps in Team & stages → Pipeline stages to compare the funnel with the plan.',
	'funnelCompare.reason.no-planned-rate': 'No planned rate (Targets → Funnel)',
	'funnelCompare.reason.zero-planned-rate': 'Planned rate is 0',
	'funnelCompare.reason.too-few-deals': 'Too few deals',
	'funnelCompare.reason.out-of-order': 'Stages mapped out of order',
	'funnelCompare.reason.unmapped': 'Lead or won has no stage',
	'funnelStep.lead': 'Lead',
	'funnelStep.visit': 'Visit',
	'funnelStep.demo': 'Demo',
	'funnelStep.proposal': 'Proposal',
	'funnelStep.won': 'Won',
	'funnelStep.none': '— not a step',
	'exec.stageFunnelStep': 'Funnel step'
} as const;
