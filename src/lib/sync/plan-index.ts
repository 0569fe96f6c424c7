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
	/** First content, written by the device that created the plan when it first opens it. `demo`: the seeded demo plan. */
	seed?: { title: string; fiscalYear?: number; template?: string; language?: 'en' | 'zh-CN'; demo?: boolean; owner?: string; fiscalStartMonth?: number };
	/**
	 * What the home page shows of the plan, copied from the plan doc whenever this device has it
	 * open (PlanSession): absent for a plan not opened since these fields existed.
	 */
	owner?: string;
	template?: string;
	fiscalYear?: number;
	/** 'approved' once a baseline is frozen (doc/baseline.ts), else 'draft'. */
	status?: 'draft' | 'approved';
	/** Who was in the plan the last time this device had it open, and when (not live). */
	seenEditing?: { names: string[]; at: string };
	/** Hidden from the main list on this device only (archiving is a personal tidy-up, not the team's decision). */
	archived?: boolean;
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

/**
 * Merges `patch` into an existing entry (no-op when the plan is unknown). Read and write happen in
 * one transaction, so two patches at once (the summary and who was seen, another tab's) both land.
 */
export async function updatePlan(id: string, patch: Partial<PlanIndexEntry>): Promise<PlanIndexEntry | undefined> {
	const plans = await store('readwrite');
	const current = await requestToPromise(plans.get(id) as IDBRequest<PlanIndexEntry | undefined>);
	if (!current) return undefined;
	const next = { ...current, ...patch, id };
	await requestToPromise(plans.put(next));
	return next;
}

/** Archives or unarchives a plan on this device; the plan itself and every other device are untouched. */
export async function setArchived(id: string, archived: boolean): Promise<void> {
	await updatePlan(id, { archived });
}

export async function removePlan(id: string): Promise<void> {
	await requestToPromise((await store('readwrite')).delete(id));
}
