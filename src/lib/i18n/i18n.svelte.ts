import type { ValueIssue } from '../domain/plan/validate';
import { formatMessage, type MessageParams } from './format-message';
import { formatMoney, formatMoneyShort, formatNumber, formatPct } from './locale-format';
import { loadMessages, type Locale, type Messages } from './load-messages';
import type { MessageKey } from './messages';

export type { Locale } from './load-messages';
const KEY = 'sales-plan:locale';

function detect(): Locale {
	try {
		const saved = localStorage.getItem(KEY);
		if (saved === 'en' || saved === 'zh-CN') return saved;
	} catch {
		// No storage: fall back to the browser's language.
	}
	const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
	return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/**
 * The UI language: picked from the browser, switchable, remembered. Only the shown language's
 * messages are downloaded (`load-messages.ts`): the root layout waits for `ready()` before the
 * first render, and a switch waits for the other table before it flips, so no key ever shows.
 */
class I18n {
	#locale = $state<Locale>(detect());
	/** The tables loaded so far; replaced whole (raw state), never edited in place. */
	#tables = $state.raw<Partial<Record<Locale, Messages>>>({});
	#loading = new Map<Locale, Promise<Messages>>();

	get locale(): Locale {
		return this.#locale;
	}

	/** Resolves once the shown language's messages are loaded. */
	async ready(): Promise<void> {
		await this.#load(this.#locale);
	}

	#load(locale: Locale): Promise<Messages> {
		const loaded = this.#tables[locale];
		if (loaded) return Promise.resolve(loaded);
		let loading = this.#loading.get(locale);
		if (!loading) {
			loading = loadMessages(locale).then(
				(table) => {
					this.#tables = { ...this.#tables, [locale]: table };
					return table;
				},
				(err: unknown) => {
					this.#loading.delete(locale); // a later switch tries again
					throw err;
				}
			);
			this.#loading.set(locale, loading);
		}
		return loading;
	}

	/** Switches once the new language's messages are here; remembered for the next visit. */
	async setLocale(next: Locale): Promise<void> {
		await this.#load(next);
		this.#locale = next;
		try {
			localStorage.setItem(KEY, next);
		} catch {
			// Not remembered; still switched for this page.
		}
		if (typeof document !== 'undefined') document.documentElement.lang = next;
	}

	toggle(): Promise<void> {
		return this.setLocale(this.#locale === 'en' ? 'zh-CN' : 'en').catch((err: unknown) => {
			// Offline before the other language was ever loaded: stay in this one.
			console.warn('Could not load the other language.', err);
		});
	}

	/** The message for `key` in the shown language, its parameters and plurals filled for the locale. */
	t = (key: MessageKey, params?: MessageParams): string => formatMessage(this.#tables[this.#locale]?.[key] ?? key, params, this.#locale);

	/** The message for a validation problem (`issue.<code>` with its parameters). */
	issue = (found: ValueIssue): string => this.t(`issue.${found.code}` as MessageKey, found.params);

	/**
	 * A field's inline message: what this person typed and was refused, else a stored value (a
	 * peer's) that is invalid, shown with what is stored; null when the field is fine.
	 */
	fieldProblem = (refused: ValueIssue | null | undefined, stored: ValueIssue | undefined, raw: unknown): string | null => {
		if (refused) return this.issue(refused);
		if (stored) return this.t('field.invalidFromPeer', { value: String(raw).slice(0, 40), problem: this.issue(stored) });
		return null;
	};

	/** An amount in `currency`, formatted for the locale; '—' for no value. */
	money = (value: number | null | undefined, currency: string, fractionDigits = 0): string => formatMoney(this.#locale, value, currency, fractionDigits);

	/** A large amount shortened for a tile ("CN¥13.9M", "¥1,392万"); exact below 100,000. */
	moneyShort = (value: number | null | undefined, currency: string): string => formatMoneyShort(this.#locale, value, currency);

	/** A plain number for the locale; '—' for no value. */
	num = (value: number | null | undefined, fractionDigits = 0): string => formatNumber(this.#locale, value, fractionDigits);

	/** A percentage given in percent (12.5 → "12.5%"); '—' for no value. */
	pct = (value: number | null | undefined, fractionDigits = 1): string => formatPct(this.#locale, value, fractionDigits);

	/**
	 * The messages of `locale` (loaded if needed), whichever language the UI shows: for text written
	 * into the plan in a chosen language, such as the generated summary.
	 */
	async textIn(locale: Locale): Promise<(key: MessageKey, params?: MessageParams) => string> {
		const table = await this.#load(locale);
		return (key, params) => formatMessage(table[key] ?? key, params, locale);
	}

	dateTime(iso: string): string {
		const date = new Date(iso);
		if (Number.isNaN(date.getTime())) return '—';
		return new Intl.DateTimeFormat(this.#locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
	}

	monthName(month: number): string {
		return new Intl.DateTimeFormat(this.#locale, { month: 'long' }).format(new Date(2000, month - 1, 1));
	}
}

export const i18n = new I18n();
export const t = i18n.t;
export const issueText = i18n.issue;
export const fieldProblem = i18n.fieldProblem;
