import { describe, expect, it } from 'vitest';
import { formatMessage, pluralBranches } from '$lib/i18n/format-message';
import { en, type MessageKey } from '$lib/i18n/messages';
import { zhCN } from '$lib/i18n/messages.zh-CN';

const tables = { en, 'zh-CN': zhCN } as const;
const keys = Object.keys(en) as MessageKey[];

/** The plural arguments of a message: `{name, plural, …}` → name and its branch body. */
function plurals(text: string): Array<{ name: string; body: string }> {
	const found: Array<{ name: string; body: string }> = [];
	for (let at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) {
		const head = /^\{\s*(\w+)\s*,\s*plural\s*,/.exec(text.slice(at));
		if (!head) continue;
		let depth = 0;
		let end = at;
		for (; end < text.length; end++)
			if (text[end] === '{') depth++;
			else if (text[end] === '}' && --depth === 0) break;
		found.push({ name: head[1]!, body: text.slice(at + head[0].length, end) });
	}
	return found;
}

/** Parameter names outside plural bodies, and the plural arguments' names. */
const params = (text: string) => new Set([...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]));

describe('UI strings', () => {
	it('has every key in both languages, non-empty, with the same parameters', () => {
		expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
		for (const key of keys) {
			expect(en[key].trim(), key).not.toBe('');
			expect(zhCN[key].trim(), key).not.toBe('');
			expect([...params(zhCN[key])].sort(), key).toEqual([...params(en[key])].sort());
		}
	});

	it("gives every plural argument each of its language's plural forms (Intl.PluralRules)", () => {
		let count = 0;
		for (const [locale, table] of Object.entries(tables)) {
			const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
			for (const key of keys)
				for (const { name, body } of plurals(table[key])) {
					count++;
					expect(Object.keys(pluralBranches(body)), `${locale} ${key} {${name}}`).toEqual(expect.arrayContaining(needed));
				}
		}
		expect(count).toBeGreaterThan(10);
	});

	it('puts counted nouns through plurals: no "{count} deals" left', () => {
		// A number parameter directly followed by an English plural noun reads "1 deals" for one.
		const bare = keys.filter((key) => /\{\w+\} (?!of\b|is\b|are\b)[a-z]+s\b/.test(en[key].replace(/\{\w+, plural,[^]*?\}\}/g, '')));
		expect(bare).toEqual([]);
	});

	it('says "1 deal" and "2 deals"; counts unassigned deals instead of formatting them as money', () => {
		expect(formatMessage(en['cockpit.dealCount'], { count: 1 }, 'en')).toBe('1 deal');
		expect(formatMessage(en['cockpit.dealCount'], { count: 1200 }, 'en')).toBe('1,200 deals');
		expect(formatMessage(zhCN['cockpit.dealCount'], { count: 1200 }, 'zh-CN')).toBe('1,200 个商机');
		expect(formatMessage(en['exec.unassigned'], { count: 1 }, 'en')).toBe('1 deal has an owner who is not on the team.');
		for (const table of [en, zhCN]) expect(table['exec.unassigned']).not.toContain('{amount}');
	});
});
