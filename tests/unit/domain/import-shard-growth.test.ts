import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARD_THRESHOLD, MAX_SHARDS, shardsToAdd } from '../../../src/lib/domain/deal-shards';
import { shardsForImport } from '../../../src/lib/domain/import-shard-growth';

describe('shardsForImport — deal shards to add before an import is written', () => {
	it('adds nothing while the average after the import stays within the threshold', () => {
		expect(shardsForImport([''], [0], 500, 500)).toEqual([]);
		expect(shardsForImport(['', '1'], [400, 400], 200, 500)).toEqual([]);
	});

	it('doubles as often as the import needs: 3,000 new deals over 500 a document → 8 documents', () => {
		expect(shardsForImport([''], [0], 3000, 500)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
		// Only the names not there yet: a plan with two documents grows to four.
		expect(shardsForImport(['', '1'], [600, 300], 900, 500)).toEqual(['2', '3']);
	});

	it('counts the deals the documents hold now with the new ones', () => {
		expect(shardsForImport([''], [450], 100, 500)).toEqual(['1']);
		expect(shardsForImport([''], [450], 50, 500)).toEqual([]);
	});

	it('a 250-rep company: 72,000 open deals at the shipped threshold fit, on average, in the documents it adds', () => {
		const added = shardsForImport([''], [0], 72_000);
		const documents = added.length + 1;
		expect(72_000 / documents).toBeLessThanOrEqual(DEFAULT_SHARD_THRESHOLD);
		// Doubling: the count is a power of two, and half of it would not have been enough.
		expect(Math.log2(documents) % 1).toBe(0);
		expect(72_000 / (documents / 2)).toBeGreaterThan(DEFAULT_SHARD_THRESHOLD);
	});

	it('names the same keys a page growing after the fact would (shardsToAdd), so both merge', () => {
		const live = [0, 0];
		expect(shardsForImport(['', '1'], live, 2 * 500 + 1, 500)).toEqual(shardsToAdd(['', '1'], [2 * 500 + 1, 0], 500));
	});

	it('stops at MAX_SHARDS', () => {
		const added = shardsForImport([''], [0], Number.MAX_SAFE_INTEGER, 1);
		expect(added.length).toBe(MAX_SHARDS - 1);
		expect(added.at(-1)).toBe(String(MAX_SHARDS - 1));
		const all = Array.from({ length: MAX_SHARDS - 1 }, (_, i) => String(i + 1));
		expect(shardsForImport(['', ...all], [], 1e9, 1)).toEqual([]);
	});
});
