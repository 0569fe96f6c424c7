/**
 * A rep's payout working in words ("1,200,000.00 × 3% = 36,000.00; …"), from the statement's
 * structured working (domain/payout-statement.ts). One formatter for the expanded row and the
 * export's working column, so the two read the same.
 */
import type { AwardShare, RepStatement, StatementBand } from '$lib/domain/payout-statement';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import type { MessageKey } from '$lib/i18n/messages';

/** Money to the cent: every figure of a payout is. */
export const cents = (value: number | null | undefined, currency: string): string => i18n.money(value, currency, 2);

/** A rate or attainment as entered (up to two decimals: 2.5%, 83.33%). */
const rate = (pct: number | null) => i18n.pct(pct, 2);

/** The award's name: its description when the plan gives one, else its kind. */
export function awardName(award: Pick<AwardShare, 'kind' | 'description'>): string {
	return award.description.trim() || t(`awardKind.${award.kind}` as MessageKey);
}

function bandLine(band: StatementBand, only: boolean, currency: string): string {
	const params = { revenue: cents(band.revenue, currency), rate: rate(band.ratePct), amount: cents(band.paid, currency) };
	if (band.fromAttainmentPct === null) {
		if (only && band.toAttainmentPct === null) return t('payouts.w.bandAll', params);
		return t('payouts.w.bandFirst', { ...params, to: rate(band.toAttainmentPct) });
	}
	if (band.toAttainmentPct === null) return t('payouts.w.bandOpen', { ...params, from: rate(band.fromAttainmentPct) });
	return t('payouts.w.band', { ...params, from: rate(band.fromAttainmentPct), to: rate(band.toAttainmentPct) });
}

function teamLine(row: RepStatement, currency: string): string {
	const team = row.teamRule;
	const name = row.team || '—';
	if (team.minPct === null || team.boostPct === null) return t('payouts.w.teamNone');
	if (team.attainmentPct === null) return t('payouts.w.teamNoQuota', { team: name });
	if (!team.applies) return t('payouts.w.teamBelow', { team: name, attainment: rate(team.attainmentPct), min: rate(team.minPct) });
	return t('payouts.w.teamApplies', {
		team: name,
		attainment: rate(team.attainmentPct),
		min: rate(team.minPct),
		factor: i18n.num(1 + team.boostPct / 100, 4),
		commission: cents(row.base + row.accelerator, currency),
		boost: rate(team.boostPct),
		amount: cents(row.teamBoost, currency)
	});
}

function firstDealLine(row: RepStatement, currency: string): string | null {
	const first = row.firstDeal;
	if (!first) return null;
	const params = {
		won: first.firstWonAt?.slice(0, 10) ?? '—',
		hired: first.hireDate ?? '—',
		days: first.withinDays,
		amount: cents(row.firstDealBonus, currency)
	};
	return t(`payouts.w.first.${first.status}` as MessageKey, params);
}

function awardLine(share: AwardShare, row: RepStatement, currency: string): string {
	const amount = share.sharedBy > 1 ? t('payouts.w.shared', { count: share.sharedBy, share: cents(share.amount, currency) }) : cents(share.amount, currency);
	if (share.kind === 'teamCollaboration')
		return t('payouts.w.award.team', { award: awardName(share), team: row.team || '—', attainment: rate(share.basis), amount });
	return t('payouts.w.award.growth', { award: awardName(share), growth: cents(share.basis, currency), amount });
}

/** The working, one line per step, in the order the payout adds up. */
export function workingLines(row: RepStatement, currency: string): string[] {
	const lines: string[] = [];
	lines.push(
		row.quota > 0
			? t('payouts.w.revenue', { revenue: cents(row.revenue, currency), quota: cents(row.quota, currency), attainment: rate(row.attainmentPct) })
			: t('payouts.w.noQuota', { revenue: cents(row.revenue, currency) })
	);
	for (const band of row.bands) lines.push(bandLine(band, row.bands.length === 1, currency));
	lines.push(teamLine(row, currency));
	const first = firstDealLine(row, currency);
	if (first) lines.push(first);
	for (const share of row.awards) lines.push(awardLine(share, row, currency));
	const parts = [row.base, row.accelerator, row.teamBoost, row.firstDealBonus, row.awardsTotal].map((v) => cents(v, currency)).join(' + ');
	lines.push(t('payouts.w.total', { parts, total: cents(row.total, currency) }));
	return lines;
}
