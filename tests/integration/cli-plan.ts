import { syncUrlOf } from '../../src/cli/args';
import { openRemoteDoc } from '../../src/cli/remote-doc';
import { setStages } from '../../src/lib/doc/execution/commands';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import type { ArchiveServer } from '../../src/lib/import/archive-client';
import { registerPlan } from '../harness/stock-client';

/**
 * A plan registered on the test server for the command line's tests: its tokens, the edit
 * connection, the archive routes (with the view token) and the `--server … --plan …` arguments.
 * `stages`: the execution document gets the default stages first, as the app writes them.
 */
export async function cliPlan(baseUrl: string, title: string, options: { stages?: boolean } = {}) {
	const registered = await registerPlan(baseUrl, title);
	const connection = { syncUrl: syncUrlOf(baseUrl), planId: registered.planId, token: registered.tokens.edit };
	if (options.stages) {
		const remote = await openRemoteDoc(connection, 'execution');
		setStages(remote.doc, DEFAULT_STAGES);
		await remote.flush();
		remote.close();
	}
	const archives: ArchiveServer = { baseUrl, planId: registered.planId, token: registered.tokens.view };
	return { ...registered, connection, archives, server: ['--server', baseUrl, '--plan', registered.planId] };
}
