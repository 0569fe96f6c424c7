import type * as Y from 'yjs';
import type { TemplateLanguage } from '../domain/plan/template-text';
import { scaffoldSections, planTemplate } from './scaffold';
import { SCHEMA_VERSION, planRoots, schemaVersion } from './schema';

/**
 * Forward migrations of the plan document: `MIGRATIONS[n]` turns a version n−1 document into
 * version n. Each is idempotent and only adds (root types are named, list scaffolding has
 * template-derived ids), so two peers migrating the same old plan offline converge. A
 * migration runs with its own transaction origin, which undo does not track: nobody can
 * "undo" a schema upgrade.
 */
export const MIGRATION_ORIGIN = { migration: true };

interface MigrationContext {
	/** Language of labels the migration writes (the person's UI language). */
	language: TemplateLanguage;
}

const MIGRATIONS: Record<number, (doc: Y.Doc, context: MigrationContext) => void> = {
	// v2 adds market, customers, lead sources, budget, incentives and playbook. Their root
	// types need no creation; a v1 plan gets its template's incentive rules and playbook outline.
	2: (doc, { language }) => scaffoldSections(doc, planTemplate(doc), language)
};

export type MigrationOutcome =
	| { kind: 'current' }
	| { kind: 'empty' }
	| { kind: 'migrated'; from: number; to: number }
	/** Written by a newer app: this one must not edit it (it would not know the new fields). */
	| { kind: 'newer'; version: number };

export function migrate(doc: Y.Doc, context: MigrationContext): MigrationOutcome {
	const from = schemaVersion(doc);
	if (from === null) return { kind: 'empty' };
	if (from > SCHEMA_VERSION) return { kind: 'newer', version: from };
	if (from === SCHEMA_VERSION) return { kind: 'current' };
	doc.transact(() => {
		for (let version = from + 1; version <= SCHEMA_VERSION; version++) MIGRATIONS[version]?.(doc, context);
		planRoots(doc).meta.set('schemaVersion', SCHEMA_VERSION);
	}, MIGRATION_ORIGIN);
	return { kind: 'migrated', from, to: SCHEMA_VERSION };
}
