/**
 * `npm run plan -- import|export …`: the command line for automation (issue 11). It talks to the
 * server like any client (the app's SyncProvider over Node's WebSocket, token as subprotocol),
 * waits for the initial sync, works on the documents, waits until the server confirms what it
 * wrote is stored, and exits. Last stdout line: a JSON summary. Exit codes in errors.ts.
 */
import { archivedActivitiesForImport } from '../lib/import/archive-client';
import { fxRules, readFxRates } from '../lib/doc/fx-rates';
import { readOverview } from '../lib/doc/overview';
import { planNow } from '../lib/domain/plan-clock';
import { readClaims } from '../lib/protocol/token';
import { activityWindowStart, actualsWindowStart, liveWindowStart } from '../lib/domain/archive/live-window';
import { fetchRoomLimits } from '../lib/import/server-limits';
import { httpBaseOf, parseCommand, USAGE, type Command } from './args';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_REJECTED, UsageError } from './errors';
import { buildTable, writeExport } from './export-command';
import { archivedActuals, readInputFile, readMappingFile, runImport, runTargetsImport, type RejectedRow } from './import-command';
import { openRemoteDoc, type RemoteDoc } from './remote-doc';
import { mapBounded } from './bounded';
import * as Y from 'yjs';
import { mergedDealDocs, readDealShards } from '../lib/doc/execution/deal-shards';
import { DEFAULT_SHARD_THRESHOLD, EXEC_SHARD } from '../lib/domain/deal-shards';
import { dealShardDoc } from '../lib/protocol/routes';

/**
 * Live deals per document an import may grow a plan's deal shards to: the app's constant, or
 * PLAN_DEAL_SHARD_THRESHOLD (tests grow shards with a few thousand deals; the browser's
 * localStorage key `sales-plan:deal-shard-threshold` is its twin).
 */
function shardThreshold(): number {
	const set = Number(process.env.PLAN_DEAL_SHARD_THRESHOLD);
	return Number.isSafeInteger(set) && set > 0 ? set : DEFAULT_SHARD_THRESHOLD;
}

const stats = statsReporter();
/** Extra wait for the server's confirmation per written row: 100k rows → 5 more minutes. */
const FLUSH_MS_PER_ROW = 3;
/** Deal shards opened at once: a few sockets syncing in parallel, not one per shard of a plan listing thousands. */
const SHARD_OPEN_CONCURRENCY = 8;

/** Progress only on a terminal: a script reading stderr gets the rejected rows alone. */
const progress = (message: string) => {
	if (process.stderr.isTTY) process.stderr.write(`… ${message}\n`);
};

/** One stderr line per rejected row: its spreadsheet row number, then each problem. */
const report = (rejected: readonly RejectedRow[]) => {
	for (const r of rejected) process.stderr.write(`row ${r.row}: ${r.problems.join('; ')}\n`);
};

async function run(command: Exclude<Command, { command: 'help' }>): Promise<number> {
	const { connection } = command;
	const claims = readClaims(connection.token);
	if (!claims) throw new CliError('--token is not a plan token');
	if (claims.pid !== connection.planId) throw new CliError(`the token belongs to plan ${claims.pid}, not ${connection.planId}`);
	const writes = command.command === 'import' && !command.dryRun;
	// A view token's edits would be refused by the server: say so before reading anything.
	if (writes && claims.role !== 'edit') throw new CliError('this is a view token: importing needs an edit token (or use --dry-run)');

	const input = command.command === 'import' ? await readInputFile(command.file) : null;
	const mapping = command.command === 'import' ? await readMappingFile(command.map) : null;
	const opened: RemoteDoc[] = [];
	try {
		progress(`connecting to ${connection.syncUrl}`);
		const plan = await openRemoteDoc(connection, 'plan');
		opened.push(plan);
		if (command.command === 'import' && command.kind === 'targets') {
			// Targets live in the plan doc: the execution doc is not needed.
			progress('synced');
			const { summary, rejected, warnings } = await runTargetsImport(input!, mapping, plan.doc, { write: writes, origin: 'cli-import' });
			report(rejected);
			for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
			if (writes) {
				progress('waiting for the server to confirm');
				await plan.flush();
			}
			process.stdout.write(JSON.stringify(summary) + '\n');
			return summary.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
		}
		const target = await openRemoteDoc(connection, 'execution');
		opened.push(target);
		// Every deal shard the execution document lists (docs/architecture.md, "Deal shards"):
		// readers take a deal's rows from the document holding it, so all of them are read and written.
		const shards = new Map<string, Y.Doc>();
		// At most SHARD_OPEN_CONCURRENCY sockets connecting and syncing at once (a plan may list thousands).
		const openShards = async (names: readonly string[]) => {
			const docs = await mapBounded(names, SHARD_OPEN_CONCURRENCY, async (name) => {
				const shard = await openRemoteDoc(connection, dealShardDoc(name));
				opened.push(shard);
				return shard.doc;
			});
			names.forEach((name, i) => shards.set(name, docs[i]!));
		};
		await openShards(readDealShards(target.doc).order.filter((name) => name !== EXEC_SHARD));
		progress(shards.size > 0 ? `synced (${shards.size + 1} deal documents)` : 'synced');
		if (command.command === 'export') {
			// Activity history lives in the archives (the room keeps two months): the export lists it too.
			const activityArchives =
				command.table === 'activities'
					? await archivedActivitiesForImport({ baseUrl: httpBaseOf(connection.syncUrl), planId: connection.planId, token: connection.token }).catch(
							(err: Error) => {
								throw new CliError(`cannot read the plan's activity history archives: ${err.message}`);
							}
						)
					: [];
			// Actuals before this fiscal year live in the archives too.
			const actualArchives =
				command.table === 'actuals'
					? await archivedActuals({ baseUrl: httpBaseOf(connection.syncUrl), planId: connection.planId, token: connection.token })
					: [];
			// One execution document with every shard's deals in it, as a backup stores the plan.
			const execDoc = shards.size === 0 ? target.doc : new Y.Doc();
			if (execDoc !== target.doc) Y.applyUpdate(execDoc, mergedDealDocs(target.doc, shards.values()));
			const rows = await writeExport(buildTable(command.table, plan.doc, execDoc, activityArchives, actualArchives), command.format, command.out);
			progress(`${rows} rows written to ${command.out}`);
			process.stdout.write(JSON.stringify({ rows, out: command.out }) + '\n');
			return EXIT_OK;
		}
		const overview = readOverview(plan.doc).values;
		const now = planNow(overview.timeZone || 'UTC');
		const { summary, rejected, notMoved } = await runImport(command.kind as Exclude<typeof command.kind, 'targets'>, input!, mapping, target.doc, plan.doc, {
			asOf: now.today,
			archive: {
				server: { baseUrl: httpBaseOf(connection.syncUrl), planId: connection.planId, token: connection.token },
				windowStart: liveWindowStart(now.month, overview.fiscalStartMonth),
				activityWindowStart: activityWindowStart(now.month),
				actualsWindowStart: actualsWindowStart(now.month, overview.fiscalStartMonth)
			},
			limits: await fetchRoomLimits(httpBaseOf(connection.syncUrl), fetch, connection.token),
			currency: overview.currency,
			fx: fxRules(readFxRates(plan.doc), overview.currency),
			write: writes,
			origin: 'cli-import',
			shards: { docs: shards, open: openShards, threshold: shardThreshold() },
			onProgress: (done, total) => {
				stats.sample();
				progress(`${done} of ${total} rows read`);
			}
		});
		stats.sample();
		report(rejected);
		for (const line of notMoved) process.stderr.write(`not moved: ${line}\n`);
		if (writes) {
			progress('waiting for the server to confirm');
			// A few ms per written row on top of the usual minute (see RemoteDoc.flush); every deal
			// document (the execution document and its shards) at once.
			const extraMs = (summary.new + summary.updated) * FLUSH_MS_PER_ROW;
			await Promise.all(opened.filter((doc) => doc !== plan).map((doc) => doc.flush(extraMs)));
			// New owners and team rows went to the plan's team (the one team list).
			await plan.flush();
		}
		process.stdout.write(JSON.stringify(summary) + '\n');
		return summary.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
	} finally {
		for (const doc of opened) doc.close();
	}
}

async function main(): Promise<number> {
	try {
		const command = parseCommand(process.argv.slice(2));
		if (command.command === 'help') {
			process.stdout.write(USAGE + '\n');
			return EXIT_OK;
		}
		return await run(command);
	} catch (err) {
		if (err instanceof CliError) {
			process.stderr.write(`error: ${err.message}\n`);
			if (err instanceof UsageError) process.stderr.write(USAGE + '\n');
			return EXIT_FAILURE;
		}
		process.stderr.write(`error: ${(err as Error)?.stack ?? String(err)}\n`);
		return EXIT_FAILURE;
	}
}

/**
 * PLAN_CLI_STATS=1 (npm run bench:import): samples the heap (on a timer, and at every progress
 * step of the import, since parsing and planning run without yielding) and prints
 * `stats: {"peakHeapUsed":…,"maxRss":…}` (bytes) as the last stderr line for the benchmark to
 * read; maxRss is the kernel's peak resident set of the whole process.
 */
function statsReporter(): { sample: () => void; report: () => void } {
	if (!process.env.PLAN_CLI_STATS) return { sample: () => {}, report: () => {} };
	let peakHeapUsed = 0;
	const sample = () => {
		peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
	};
	const timer = setInterval(sample, 20);
	return {
		sample,
		report: () => {
			clearInterval(timer);
			sample();
			process.stderr.write(`stats: ${JSON.stringify({ peakHeapUsed, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
		}
	};
}

// Exit explicitly: timers of a closed provider must not keep the process alive.
main().then((code) => {
	stats.report();
	process.exit(code);
});
