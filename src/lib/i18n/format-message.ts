/**
 * Fills a message's parameters for a locale. A message is text with `{name}` parameters and,
 * where a count decides the wording, plural choices in the ICU style:
 *   '{count, plural, one {# deal} other {# deals}}'
 * The branch is picked with `Intl.PluralRules` (English has one/other, Chinese only other; `=0`
 * picks an exact value) and `#` is the count formatted for the locale. A number parameter is
 * formatted with `Intl.NumberFormat` (grouping, the locale's digits); a string is used as given,
 * so a caller who wants an identifier or a year printed verbatim passes it as a string.
 * Pure: no Svelte, no DOM, so it is unit-tested directly.
 */
export type MessageParams = Record<string, string | number>;

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function rulesFor(locale: string): Intl.PluralRules {
	let rules = pluralRules.get(locale);
	if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
	return rules;
}

/** Parameters are counts and amounts already rounded by the caller; two decimals keep a stray float readable. */
function formatNumber(value: number, locale: string): string {
	let format = numberFormats.get(locale);
	if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })));
	return format.format(value);
}

function formatParam(value: string | number, locale: string): string {
	return typeof value === 'number' ? formatNumber(value, locale) : value;
}

/** The index of the `}` that closes the `{` at `open`, or -1 when the braces are unbalanced. */
function closingBrace(text: string, open: number): number {
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		if (text[i] === '{') depth++;
		else if (text[i] === '}' && --depth === 0) return i;
	}
	return -1;
}

/** The branches of a plural argument: `one {…} other {…} =0 {…}` → { one: '…', other: '…', '=0': '…' }. */
export function pluralBranches(body: string): Record<string, string> {
	const branches: Record<string, string> = {};
	let i = 0;
	while (i < body.length) {
		const open = body.indexOf('{', i);
		if (open < 0) break;
		const close = closingBrace(body, open);
		if (close < 0) break;
		branches[body.slice(i, open).trim()] = body.slice(open + 1, close);
		i = close + 1;
	}
	return branches;
}

function formatPlural(name: string, body: string, params: MessageParams | undefined, locale: string): string | null {
	const raw = params?.[name];
	if (raw === undefined) return null;
	const branches = pluralBranches(body);
	// A count that is not a number ('—' for none) reads as the general form, shown as given.
	const count = typeof raw === 'number' ? raw : Number.NaN;
	const known = Number.isFinite(count);
	const branch = (known ? (branches[`=${count}`] ?? branches[rulesFor(locale).select(count)]) : undefined) ?? branches.other;
	if (branch === undefined) return null;
	// `#` first, so a parameter's own text is never taken for it.
	return formatMessage(branch.replaceAll('#', known ? formatNumber(count, locale) : String(raw)), params, locale);
}

export function formatMessage(template: string, params: MessageParams | undefined, locale: string): string {
	let out = '';
	let i = 0;
	while (i < template.length) {
		const open = template.indexOf('{', i);
		if (open < 0) break;
		const close = closingBrace(template, open);
		if (close < 0) break;
		out += template.slice(i, open);
		const inner = template.slice(open + 1, close);
		const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
		let filled: string | null;
		if (plural) filled = formatPlural(plural[1]!, plural[2]!, params, locale);
		else {
			const value = params?.[inner.trim()];
			filled = value === undefined ? null : formatParam(value, locale);
		}
		// A parameter the caller did not give stays visible as written, as it always has.
		out += filled ?? template.slice(open, close + 1);
		i = close + 1;
	}
	return out + template.slice(i);
}
