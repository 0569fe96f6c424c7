import type { Role } from '../protocol/token';
import { openDatabase, requestToPromise } from './idb';

/** One plan this browser knows: the start page lists these. */
export interface PlanIndexEntry {
	id: string;
	title: string;
	/** ISO time of the last local or remote change seen here. */
	updatedAt: string;
	createdAt: string;
	role: Role;
	/** Access token; absent for a plan created offline and not yet registered. */
	token?: string;
	/** Random key sent with registration so a retried registration gets its tokens back. */
	registrationKey?: string;
	/** Token for read-only share links (owners only). */
	viewToken?: string;
	/** First content of a plan created here, written into the doc on first open. */
	/** First content, written by the device that created the plan when it first opens it. `demo`: the seeded demo plan. */
	seed?: { title: string; fiscalYear?: number; template?: string; language?: 'en' | 'zh-CN'; demo?: boolean };
}

const DB_NAME = 'sales-plan-index';
const STORE = 'plans';

let dbPromise: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
	dbPromise ??= openDatabase(DB_NAME, 1, (database) => {
		database.createObjectStore(STORE, { keyPath: 'id' });
	}).catch((err) => {
		dbPromise = null; // let a later call try again
		throw err;
	});
	return dbPromise;
}

async function store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
	return (await db()).transaction(STORE, mode).objectStore(STORE);
}

export async function listPlans(): Promise<PlanIndexEntry[]> {
	const all = await requestToPromise((await store('readonly')).getAll() as IDBRequest<PlanIndexEntry[]>);
	return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function getPlan(id: string): Promise<PlanIndexEntry | undefined> {
	return requestToPromise((await store('readonly')).get(id) as IDBRequest<PlanIndexEntry | undefined>);
}

export async function putPlan(entry: PlanIndexEntry): Promise<void> {
	await requestToPromise((await store('readwrite')).put(entry));
}

/** Merges `patch` into an existing entry (no-op when the plan is unknown). */
export async function updatePlan(id: string, patch: Partial<PlanIndexEntry>): Promise<PlanIndexEntry | undefined> {
	const current = await getPlan(id);
	if (!current) return undefined;
	const next = { ...current, ...patch, id };
	await putPlan(next);
	return next;
}

export async function removePlan(id: string): Promise<void> {
	await requestToPromise((await store('readwrite')).delete(id));
}
