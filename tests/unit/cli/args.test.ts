import { describe, expect, it } from 'vitest';
import { parseCommand, syncUrlOf } from '../../../src/cli/args';
import { CliError, UsageError } from '../../../src/cli/errors';

const conn = ['--server', 'http://127.0.0.1:8787', '--plan', 'p1', '--token', 'v1.a.b'];

describe('npm run plan arguments', () => {
	it('reads an import with its options', () => {
		expect(parseCommand(['import', 'deals', 'f.csv', ...conn, '--map', 'm.json', '--dry-run'])).toEqual({
			command: 'import',
			kind: 'deals',
			file: 'f.csv',
			map: 'm.json',
			dryRun: true,
			connection: { syncUrl: 'ws://127.0.0.1:8787/sync', planId: 'p1', token: 'v1.a.b' }
		});
	});

	it('takes a plan id or token that starts with a dash as the option value', () => {
		const parsed = parseCommand(['export', 'deals', '--server', 'http://h', '--plan', '-Xy_1', '--token', '-t', '--format', 'csv', '--out', 'o.csv']);
		expect(parsed).toMatchObject({ connection: { planId: '-Xy_1', token: '-t' } });
	});

	it('reads an export', () => {
		expect(parseCommand(['export', 'deals', ...conn, '--format', 'xlsx', '--out', 'o.xlsx'])).toMatchObject({
			command: 'export',
			table: 'deals',
			format: 'xlsx',
			out: 'o.xlsx'
		});
	});

	it('refuses what the issue does not define, as usage errors (exit 2)', () => {
		const bad = [
			['import', 'deals', ...conn],
			['import', 'nonsense', 'f.csv', ...conn],
			['export', 'deals', ...conn, '--format', 'pdf', '--out', 'o'],
			['export', 'deals', ...conn, '--format', 'csv'],
			['export', 'deals', '--plan', 'p', '--token', 't', '--format', 'csv', '--out', 'o'],
			['import', 'deals', 'f.csv', ...conn, '--bogus'],
			['frobnicate']
		];
		for (const argv of bad) expect(() => parseCommand(argv), argv.join(' ')).toThrow(UsageError);
		expect(new UsageError('x')).toBeInstanceOf(CliError);
	});

	it('turns the app address into its sync endpoint', () => {
		expect(syncUrlOf('https://plans.example.com/')).toBe('wss://plans.example.com/sync');
		expect(syncUrlOf('ws://localhost:8787/sync')).toBe('ws://localhost:8787/sync');
		expect(() => syncUrlOf('ftp://x')).toThrow(UsageError);
	});
});
