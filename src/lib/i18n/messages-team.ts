/** UI strings of the one team list (Execution's Team & stages, the team migration), merged into messages.ts. */
export const enTeam = {
	'team.unassigned': 'Unassigned',
	'team.setupNote':
		'The team is the plan’s: the same people as the Targets section’s regions and teams. Someone added here joins the unit of their team or region with no target share yet.',
	'team.editInTargets': 'Edit the team and their targets in Targets',
	'team.kind': 'Region or team',
	'team.kind.region': 'Region',
	'team.kind.team': 'Team',
	'team.unitRegion': 'In region'
};
