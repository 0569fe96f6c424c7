import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { runImport } from '../../../src/cli/import-command';
import { readTeam } from '$lib/doc/team';

/** The plan recorded with the app before the one team list: North{Li Wei (r-li)}, South{Chen Jing (r-chen)}. */
const loadPlan = () => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(new URL('../doc/fixtures/team-plan-before.bin', import.meta.url))));
	return doc;
};
const file = { bytes: new TextEncoder().encode('name,region\nLi Wei,South\nChen Jing,South\n'), name: 'team.csv' };
const options = (write: boolean) => ({ asOf: '2026-03-01', currency: 'CNY', write, origin: 'cli-import' });

describe('`import team` on the command line: a person the file puts in another unit', () => {
	it('is named on stderr and counted in the summary, in a dry run and in a write; the write leaves them where they are', async () => {
		const plan = loadPlan();
		const exec = new Y.Doc();
		const dry = await runImport('team', file, null, exec, plan, options(false));
		// Li Wei's row only moves him, which an import does not do: it writes nothing, so it is unchanged.
		expect(dry.summary).toMatchObject({ new: 0, updated: 0, unchanged: 2, rejected: 0, notMoved: 1 });
		expect(dry.notMoved).toEqual(['Li Wei (r-li) is in North, the file says South: not moved — move them in Targets (their target share moves with them)']);

		const wrote = await runImport('team', file, null, exec, plan, options(true));
		expect(wrote.summary).toMatchObject({ updated: 0, unchanged: 2, notMoved: 1 });
		expect(wrote.notMoved).toEqual(dry.notMoved);
		expect(readTeam(plan).find((m) => m.id === 'r-li')?.region).toBe('North');
	});

	it('nobody moved: no such line, no such count', async () => {
		const run = await runImport(
			'team',
			{ ...file, bytes: new TextEncoder().encode('name,region\nLi Wei,North\n') },
			null,
			new Y.Doc(),
			loadPlan(),
			options(false)
		);
		expect(run.notMoved).toEqual([]);
		expect(run.summary).not.toHaveProperty('notMoved');
	});
});
