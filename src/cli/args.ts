import { parseArgs } from 'node:util';
import { UsageError } from './errors';

export const IMPORT_KINDS = ['deals', 'activities', 'actuals', 'team', 'targets'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const EXPORT_TABLES = ['deals', 'activities', 'actuals', 'team', 'targets'] as const;
export type ExportTableName = (typeof EXPORT_TABLES)[number];

export interface Connection {
	/** ws(s)://host/sync, from the --server http(s) or ws(s) URL. */
	syncUrl: string;
	planId: string;
	token: string;
}

export type Command =
	| { command: 'import'; kind: ImportKind; file: string; map: string | null; dryRun: boolean; connection: Connection }
	| { command: 'export'; table: ExportTableName; format: 'csv' | 'xlsx'; out: string; connection: Connection }
	| { command: 'help' };

export const USAGE = `usage:
  npm run plan -- import <${IMPORT_KINDS.join('|')}> <file> --server <url> --plan <planId> --token <editToken> [--map <mapping.json>] [--dry-run]
  npm run plan -- export <${EXPORT_TABLES.join('|')}> --server <url> --plan <planId> --token <token> --format csv|xlsx --out <file>`;

/** The sync endpoint of a server given as the app's address (http://host:port) or a ws URL. */
export function syncUrlOf(server: string): string {
	let url: URL;
	try {
		url = new URL(server);
	} catch {
		throw new UsageError(`--server is not a URL: ${server}`);
	}
	const protocol = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' }[url.protocol];
	if (!protocol) throw new UsageError(`--server must be http(s) or ws(s): ${server}`);
	const path = url.pathname.replace(/\/+$/, '');
	return `${protocol}//${url.host}${path.endsWith('/sync') ? path : `${path}/sync`}`;
}

/** The app's http(s) origin (and path) for a sync URL: where the API routes (period archives) are. */
export function httpBaseOf(syncUrl: string): string {
	const url = new URL(syncUrl);
	const protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
	return `${protocol}//${url.host}${url.pathname.replace(/\/sync$/, '')}`;
}

const VALUE_OPTIONS = new Set(['--server', '--plan', '--token', '--map', '--format', '--out']);

/**
 * `--plan -Xy…` as `--plan=-Xy…`: plan ids and tokens are base64url and may start with a dash,
 * which parseArgs would otherwise take for an option.
 */
function joinValues(argv: readonly string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? '';
		const next = argv[i + 1];
		if (VALUE_OPTIONS.has(arg) && next !== undefined) {
			out.push(`${arg}=${next}`);
			i++;
		} else out.push(arg);
	}
	return out;
}

/** Parses the arguments after `npm run plan --`; a CliError (exit 2) says what is wrong. */
export function parseCommand(argv: readonly string[]): Command {
	let parsed;
	try {
		parsed = parseArgs({
			args: joinValues(argv),
			allowPositionals: true,
			strict: true,
			options: {
				server: { type: 'string' },
				plan: { type: 'string' },
				token: { type: 'string' },
				map: { type: 'string' },
				'dry-run': { type: 'boolean', default: false },
				format: { type: 'string' },
				out: { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false }
			}
		});
	} catch (err) {
		throw new UsageError((err as Error).message);
	}
	const { values, positionals } = parsed;
	if (values.help) return { command: 'help' };
	const [command, what, file, ...extra] = positionals;
	const connection = (): Connection => {
		for (const name of ['server', 'plan', 'token'] as const) if (!values[name]) throw new UsageError(`--${name} is required`);
		return { syncUrl: syncUrlOf(values.server!), planId: values.plan!, token: values.token! };
	};
	if (command === 'import') {
		if (!IMPORT_KINDS.includes(what as ImportKind)) throw new UsageError(`import what? one of ${IMPORT_KINDS.join(', ')}`);
		if (!file) throw new UsageError('import needs a file');
		if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);
		if (values.format || values.out) throw new UsageError('--format and --out belong to export');
		return { command, kind: what as ImportKind, file, map: values.map ?? null, dryRun: values['dry-run'] ?? false, connection: connection() };
	}
	if (command === 'export') {
		if (!EXPORT_TABLES.includes(what as ExportTableName)) throw new UsageError(`export what? one of ${EXPORT_TABLES.join(', ')}`);
		if (file !== undefined || extra.length) throw new UsageError(`unexpected argument: ${file ?? extra[0]}`);
		if (values.format !== 'csv' && values.format !== 'xlsx') throw new UsageError('--format must be csv or xlsx');
		if (!values.out) throw new UsageError('--out is required');
		if (values.map || values['dry-run']) throw new UsageError('--map and --dry-run belong to import');
		return { command, table: what as ExportTableName, format: values.format, out: values.out, connection: connection() };
	}
	throw new UsageError(command ? `unknown command: ${command}` : 'no command');
}
