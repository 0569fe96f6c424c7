import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-graph';

const root = fileURLToPath(new URL('../../..', import.meta.url));
// A literal attribute a person reads or hears (screen readers read aria-label and title).
const READ_ATTRIBUTE = /\s(aria-label|aria-description|title|placeholder|alt)="([^"{]*[A-Za-z][^"{]*)"/g;

export function hardCodedEnglish(source: string): string[] {
	return [...source.matchAll(READ_ATTRIBUTE)].map((m) => `${m[1]}="${m[2]}"`);
}

describe('components', () => {
	it('take every text a person reads in an attribute from the messages (no English in zh-CN screens)', () => {
		const found = sourceFiles(`${root}src`)
			.filter((file) => file.endsWith('.svelte'))
			.flatMap((file) => hardCodedEnglish(readFileSync(file, 'utf8')).map((hit) => `${file.slice(root.length)}: ${hit}`));
		expect(found).toEqual([]);
	});

	it('notice a literal English label', () => {
		expect(hardCodedEnglish('<nav class="tabs" aria-label="Sections">')).toEqual(['aria-label="Sections"']);
		expect(hardCodedEnglish('<input placeholder={t(\'x\')} title="{t(\'y\')}" alt="">')).toEqual([]);
	});
});
