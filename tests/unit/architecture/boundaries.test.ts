import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The UI boundary: components change a plan through the command objects of src/lib/doc
 * (`session.sections`, `exec.commands`) and never reach into the document. If one imported
 * Yjs, a sync transport or the schema, every schema change would again ripple into the markup.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const UI_FOLDERS = ['src/routes', 'src/lib/components'];

/** Module specifiers of every import / export-from / dynamic import in `source`. */
function importedModules(source: string): string[] {
	const found: string[] = [];
	const patterns = [
		/\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
		/\bimport\s*['"]([^'"]+)['"]/g,
		/\bexport\s+[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
		/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g
	];
	for (const pattern of patterns) for (const match of source.matchAll(pattern)) if (match[1]) found.push(match[1]);
	return found;
}

/** Why `source` breaks the boundary, one line per problem (empty when it does not). */
function boundaryViolations(source: string): string[] {
	const problems: string[] = [];
	for (const module of importedModules(source)) {
		if (/^(yjs|y-protocols|y-indexeddb)(\/|$)/.test(module)) problems.push(`imports ${module}`);
		// `$lib/doc/schema`, `$lib/doc/execution/schema` or the same reached by a relative path.
		else if (/(^|\/)doc\/(.+\/)?schema(\.ts|\.js)?$/.test(module)) problems.push(`imports the document schema (${module})`);
	}
	if (/\bplanRoots\b/.test(source)) problems.push('uses planRoots');
	// The sessions still own their Y.Doc; a component takes the session's commands instead.
	if (/\b(session|exec)\.doc\b/.test(source)) problems.push("holds a session's Y.Doc");
	return problems;
}

function uiFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && /\.(svelte|ts)$/.test(entry.name))
		.map((entry) => join(entry.parentPath, entry.name));
}

describe('no component reaches into the document', () => {
	it('no .svelte or .ts file under src/routes or src/lib/components imports Yjs, its providers or the schema', () => {
		const files = UI_FOLDERS.flatMap((folder) => uiFiles(join(ROOT, folder)));
		expect(files.length).toBeGreaterThan(30); // the scan found the components
		const violations = files.flatMap((file) => boundaryViolations(readFileSync(file, 'utf8')).map((problem) => `${relative(ROOT, file)}: ${problem}`));
		expect(violations).toEqual([]);
	});

	it.each([
		["import * as Y from 'yjs';", 'imports yjs'],
		["\timport type * as Y from 'yjs';", 'imports yjs'],
		["import { Awareness } from 'y-protocols/awareness';", 'imports y-protocols/awareness'],
		["import { IndexeddbPersistence } from 'y-indexeddb';", 'imports y-indexeddb'],
		["import { planRoots } from '$lib/doc/schema';", 'imports the document schema ($lib/doc/schema)'],
		["import { execRoots } from '$lib/doc/execution/schema';", 'imports the document schema ($lib/doc/execution/schema)'],
		["import { SWOT_QUADRANTS } from '../../lib/doc/schema';", 'imports the document schema (../../lib/doc/schema)'],
		["const m = await import('yjs');", 'imports yjs'],
		["export { swotText } from '$lib/doc/schema';", 'imports the document schema ($lib/doc/schema)'],
		['text={planRoots(session.doc).summary}', 'uses planRoots'],
		['<GoalsSection doc={session.doc} />', "holds a session's Y.Doc"],
		['setDealField(exec.doc, id, field, value)', "holds a session's Y.Doc"]
	])('flags %s', (source, problem) => {
		expect(boundaryViolations(source)).toContain(problem);
	});

	it.each([
		"import type { PlanCommands } from '$lib/doc/plan-commands';",
		"import type { SharedTextHandle } from '$lib/doc/shared-text';",
		"import { periodView } from '$lib/doc/execution/period-view';",
		"import { validateSchedule } from '$lib/domain/plan/schema-rules';",
		"const label = 'yjs';"
	])('allows %s', (source) => {
		expect(boundaryViolations(source)).toEqual([]);
	});
});
