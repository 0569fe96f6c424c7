import type * as Y from 'yjs';
import { MIGRATION_ORIGIN } from './migrations';
import { SCHEMA_VERSION, planRoots, schemaVersion } from './schema';

/**
 * A plan whose `meta.schemaVersion` is above this app's. A newer app only adds (new root types,
 * new fields; migrations only add), so this app keeps editing what it knows: it never reads or
 * writes the roots it does not know, and it never migrates (`migrate` refuses). What it must not
 * do is lower the marker on its own — except when the owner says it was set by mistake.
 */
export function newerSchemaVersion(doc: Y.Doc): number | null {
	const version = schemaVersion(doc);
	return version !== null && version > SCHEMA_VERSION ? version : null;
}

/**
 * Sets the marker back to this app's version, for a plan whose marker was raised by mistake
 * (a test build, a bad import). Written with the migration origin, so no one's undo reverts it.
 * A newer app that really uses the plan upgrades it again (its migrations only add, and are
 * idempotent). Returns false when the plan is not newer (nothing to reset).
 */
export function resetNewerSchemaVersion(doc: Y.Doc): boolean {
	if (newerSchemaVersion(doc) === null) return false;
	doc.transact(() => planRoots(doc).meta.set('schemaVersion', SCHEMA_VERSION), MIGRATION_ORIGIN);
	return true;
}
