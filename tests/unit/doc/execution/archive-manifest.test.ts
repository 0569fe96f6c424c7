import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { archiveManifestKey, readArchiveManifest, recordArchive } from '../../../../src/lib/doc/execution/archive-manifest';
import { execRoots } from '../../../../src/lib/doc/execution/schema';

const hash = (c: string) => c.repeat(64);

describe('archive manifest in the execution document', () => {
	it('records versions, never lowers one, and lists months oldest first', () => {
		const doc = new Y.Doc();
		recordArchive(doc, { kind: 'deals', month: '2024-03', version: 2, sha256: hash('a'), rows: 10 }, 'me');
		recordArchive(doc, { kind: 'deals', month: '2023-12', version: 1, sha256: hash('b'), rows: 4 }, 'me');
		recordArchive(doc, { kind: 'deals', month: '2024-03', version: 1, sha256: hash('c'), rows: 9 }, 'me');
		expect(readArchiveManifest(doc)).toEqual([
			{ kind: 'deals', month: '2023-12', version: 1, sha256: hash('b'), rows: 4 },
			{ kind: 'deals', month: '2024-03', version: 2, sha256: hash('a'), rows: 10 }
		]);
		recordArchive(doc, { kind: 'deals', month: '2024-03', version: 3, sha256: hash('d'), rows: 11 }, 'me');
		expect(readArchiveManifest(doc)[1]).toMatchObject({ version: 3, sha256: hash('d') });
	});

	it('skips what a peer stored badly instead of throwing', () => {
		const doc = new Y.Doc();
		const { archives } = execRoots(doc);
		archives.set('deals/2024-13', { version: 1, sha256: hash('a'), rows: 1 });
		archives.set('calls/2024-01', { version: 1, sha256: hash('a'), rows: 1 });
		archives.set(archiveManifestKey('deals', '2024-01'), { version: 0, sha256: hash('a'), rows: 1 });
		archives.set(archiveManifestKey('deals', '2024-02'), { version: 1, sha256: 'nope', rows: 1 });
		archives.set(archiveManifestKey('deals', '2024-04'), 'text');
		archives.set(archiveManifestKey('deals', '2024-05'), { version: 1, sha256: hash('e'), rows: 7 });
		expect(readArchiveManifest(doc)).toEqual([{ kind: 'deals', month: '2024-05', version: 1, sha256: hash('e'), rows: 7 }]);
	});

	it('carries the origin so undo managers and listeners can tell who wrote it', () => {
		const doc = new Y.Doc();
		execRoots(doc); // creating the root types is a transaction of its own
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
		recordArchive(doc, { kind: 'deals', month: '2024-01', version: 1, sha256: hash('f'), rows: 1 }, 'archiver');
		expect(origins).toEqual(['archiver']);
	});
});
