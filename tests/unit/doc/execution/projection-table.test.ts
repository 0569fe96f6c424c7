import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_TABLE } from '$lib/doc/execution/projection/parts';
import { execRoots } from '$lib/doc/execution/schema';

describe('execution — the projection’s root table', () => {
	it('has every root but meta, archives and dealShards (read by the session) feed exactly one entry, so a new root cannot be forgotten', () => {
		const roots = Object.keys(execRoots(new Y.Doc())).filter((name) => name !== 'meta' && name !== 'archives' && name !== 'dealShards');
		expect(ROOT_TABLE.map((entry) => entry.root).sort()).toEqual(roots.sort());
	});
});
