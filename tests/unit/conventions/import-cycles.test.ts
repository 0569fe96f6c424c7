import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from './import-graph';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('module graph', () => {
	it('has no import cycles in src/ or functions/', () => {
		const graph = importGraph([`${root}src`, `${root}functions`], `${root}src/lib`);
		expect(graph.size).toBeGreaterThan(100);
		expect(findCycles(graph, root)).toEqual([]);
	});

	it('finds a cycle when there is one', () => {
		const graph = new Map([
			['/r/a.ts', ['/r/b.ts']],
			['/r/b.ts', ['/r/c.ts']],
			['/r/c.ts', ['/r/a.ts']],
			['/r/d.ts', ['/r/a.ts']]
		]);
		expect(findCycles(graph, '/r')).toEqual([['a.ts', 'b.ts', 'c.ts']]);
	});
});
