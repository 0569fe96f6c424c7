/**
 * Numbers, amounts and percentages for a given locale: the UI's formats (`i18n.money`, `i18n.pct`,
 * …) and text written in a chosen language (the generated summary) share these, so a figure reads
 * the same wherever it appears.
 */

/**
 * One Intl.NumberFormat per locale and options: building one costs tens of microseconds, and the
 * cockpit formats every tile and table cell again when a colleague's edit lands.
 */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = formats.get(key);
	if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, options)));
	return format;
}

/** An amount in `currency`; '—' for no value; a code Intl does not know shows as number + code. */
export function formatMoney(locale: string, value: number | null | undefined, currency: string, fractionDigits = 0): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	try {
		return numberFormat(locale, { style: 'currency', currency, maximumFractionDigits: fractionDigits }).format(value);
	} catch {
		return `${formatNumber(locale, value, fractionDigits)} ${currency}`;
	}
}

/** A large amount shortened for a tile ("CN¥13.9M", "¥1,392万"); exact below 100,000. */
export function formatMoneyShort(locale: string, value: number | null | undefined, currency: string): string {
	if (value === null || value === undefined || !Number.isFinite(value) || Math.abs(value) < 100_000) return formatMoney(locale, value, currency);
	try {
		return numberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
	} catch {
		return formatMoney(locale, value, currency);
	}
}

/** A plain number; '—' for no value. */
export function formatNumber(locale: string, value: number | null | undefined, fractionDigits = 0): string {
	return value === null || value === undefined || !Number.isFinite(value) ? '—' : numberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value);
}

/** A percentage given in percent (12.5 → "12.5%"); '—' for no value. */
export function formatPct(locale: string, value: number | null | undefined, fractionDigits = 1): string {
	return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${formatNumber(locale, value, fractionDigits)}%`;
}
