/**
 * The module graph of the repository's own code, read from the source text: every relative or
 * `$lib` import and re-export (type-only ones too — a type cycle still ties two modules together,
 * and the owner asked for both directions to be untangled). Packages are ignored.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SOURCE = /\.(ts|js|mjs|svelte)$/;
// `import … from 'x'`, `export … from 'x'`, `import 'x'`. Not `import('x')`: a lazily loaded chunk
// (the plan page's areas) runs after every module that loads it is initialised, so it cannot form
// an initialisation-order cycle; it is the way such a dependency is meant to be broken.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s+)['"]([^'"]+)['"]/g;

export function sourceFiles(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
		else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
	}
	return out;
}

/** The file a specifier names, or null for a package or a file outside the graph. */
function resolveSpecifier(from: string, specifier: string, lib: string): string | null {
	let base: string;
	if (specifier.startsWith('$lib/') || specifier === '$lib') base = join(lib, specifier.slice(5));
	else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
	else return null;
	const candidates = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')];
	// `import './x.js'` written for a TypeScript file.
	if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts'));
	return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

export function importGraph(roots: string[], lib: string): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const root of roots)
		for (const file of sourceFiles(root)) {
			const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1');
			const targets = new Set<string>();
			for (const [, specifier] of text.matchAll(SPECIFIER)) {
				const target = resolveSpecifier(file, specifier!, lib);
				if (target && SOURCE.test(target)) targets.add(target);
			}
			graph.set(file, [...targets]);
		}
	return graph;
}

/** Every cycle found by a depth-first search, each as the list of files around it (relative to `base`). */
export function findCycles(graph: Map<string, string[]>, base: string): string[][] {
	const cycles: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string): void => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)).map((f) => relative(base, f)));
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of graph.keys()) if (!state.has(file)) visit(file);
	return cycles;
}
