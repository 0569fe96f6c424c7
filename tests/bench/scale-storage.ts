// What each Durable Object of a plan stores on disk under wrangler's state folder (`--persist-to`):
// workerd keeps one SQLite file per object in v3/do/<worker>-<Class>/. Read with the sqlite3
// command line after the server stopped. Which object a file is comes from what the rooms record
// themselves: the plan room's plan_meta 'planId', the archiver's 'archiver.planId' (execution room
// and deal shards) and 'archiver.dealShard' (a shard's name); the archive store has archive tables.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredObject {
	/** 'plan', 'execution', 'deals-<n>', 'archives', or 'other'. */
	role: string;
	planId: string | null;
	file: string;
	/** The SQLite file with its -wal and -shm. */
	bytes: number;
	rows: number;
	/** The largest row of any table (sum of its columns' lengths, keys included), and where. */
	largestRow: number;
	largestIn: string;
	/** The largest single value (a blob: an update or archive chunk), which the rooms cap at 1 MiB. */
	largestValue: number;
}

function sqlite(file: string, sql: string): string[][] {
	const out = spawnSync('sqlite3', ['-readonly', '-separator', '\t', file, sql], { encoding: 'utf8' });
	if (out.status !== 0) throw new Error(`sqlite3 ${file}: ${out.stderr}`);
	return out.stdout
		.split('\n')
		.filter((line) => line.length > 0)
		.map((line) => line.split('\t'));
}

const fileBytes = (file: string) => [file, `${file}-wal`, `${file}-shm`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);

function inspect(file: string): StoredObject {
	const tables = sqlite(file, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'").map(
		([name]) => name!
	);
	let rows = 0;
	let largestRow = 0;
	let largestIn = '';
	let largestValue = 0;
	for (const t of tables) {
		const columns = sqlite(file, `SELECT name FROM pragma_table_info('${t}')`).map(([name]) => name!);
		const size = columns.map((c) => `coalesce(length(CAST("${c}" AS BLOB)), 0)`).join(' + ') || '0';
		const values = columns.map((c) => `coalesce(max(length(CAST("${c}" AS BLOB))), 0)`).join(', ');
		const [count, max, ...perColumn] = (sqlite(file, `SELECT count(*), coalesce(max(${size}), 0), ${values} FROM "${t}"`)[0] ?? ['0', '0']).map(Number) as [
			number,
			number,
			...number[]
		];
		largestValue = Math.max(largestValue, ...perColumn);
		rows += count;
		if (max > largestRow) {
			largestRow = max;
			largestIn = t;
		}
	}
	const meta = new Map<string, string>();
	if (tables.includes('plan_meta')) for (const [key, value] of sqlite(file, 'SELECT key, value FROM plan_meta')) meta.set(key!, value ?? '');
	const role = tables.includes('archive_versions')
		? 'archives'
		: meta.has('archiver.dealShard')
			? `deals-${meta.get('archiver.dealShard')}`
			: meta.has('archiver.planId')
				? 'execution'
				: meta.has('planId')
					? 'plan'
					: 'other';
	return { role, planId: meta.get('archiver.planId') ?? meta.get('planId') ?? null, file, bytes: fileBytes(file), rows, largestRow, largestIn, largestValue };
}

/** Every Durable Object's SQLite file under a state folder. */
export function storedObjects(state: string): StoredObject[] {
	const root = join(state, 'v3', 'do');
	if (!existsSync(root)) return [];
	const found: StoredObject[] = [];
	for (const dir of readdirSync(root)) {
		for (const name of readdirSync(join(root, dir))) {
			if (name.endsWith('.sqlite')) found.push(inspect(join(root, dir, name)));
		}
	}
	return found;
}
