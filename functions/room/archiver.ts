import type * as Y from 'yjs';
import { gunzip } from '../../src/lib/domain/archive/compress';
import { decodeDealArchive, type DealColumns } from '../../src/lib/domain/archive/deal-archive';
import { mergeDeals } from '../../src/lib/domain/archive/merge-deals';
import { activityWindowNow, actualsWindowNow, liveWindowNow } from '../../src/lib/domain/archive/window-now';
import { systemClock, type Clock } from '../../src/lib/domain/plan-clock';
import { recordArchive } from '../../src/lib/doc/execution/archive-manifest';
import { ARCHIVER_ORIGIN, dealsToArchive, deleteArchivedDeals } from '../../src/lib/doc/execution/archive-pass';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { MAX_ARCHIVE_RAW_BYTES, type ArchiveVersionInfo } from '../../src/lib/protocol/archives';
import { syncFrame } from '../../src/lib/protocol/frames';
import { SyncStep } from '../../src/lib/protocol/messages';
import { SYNC_BASE, dealShardOf, syncRoom } from '../../src/lib/protocol/routes';
import { archiveStoreOf, storeMerged } from '../archive/store-merged';
import { DEFAULT_MAX_ACTIVITIES, archiveActivities, type ActivityPassReport } from './activity-archiver';
import { archiveActuals, type ActualPassReport } from './actual-archiver';
import { intVar, type Env } from '../env';
import { ArchivedIndex } from './archived-index';
import type { DocStore } from './doc-store';
import { Outgoing } from './outgoing';
import { docRoom, planRoom } from './rooms';
import { PLAN_HEADER } from './socket-attachment';

/** How often the alarm runs a pass when nothing is waiting for its grace period. */
const DAY_MS = 24 * 60 * 60 * 1000;
/** Default time between archiving a month and deleting its live copies: every online peer fetches it meanwhile. */
const DEFAULT_GRACE_MS = 10 * 60 * 1000;
/** Default bound of one pass: deals archived (and so, later, deleted) at most. */
const DEFAULT_MAX_DEALS = 5000;

const META_PLAN = 'archiver.planId';
/** Set in a deal shard's room (docs/architecture.md, "Deal shards"): the shard's name. */
const META_SHARD = 'archiver.dealShard';
const META_PENDING = 'archiver.pending';
const META_NEXT = 'archiver.nextAt';

export interface ArchivePassOptions {
	clock?: Clock;
	graceMs?: number;
	maxDeals?: number;
	maxActivities?: number;
}

export interface ArchivePassReport {
	/** Why nothing was done (not an execution room). */
	skipped?: string;
	windowStart?: string;
	/** Months uploaded in phase 1, with the version the store holds after it. */
	archived: Array<{ month: string; version: number; deals: number; created: boolean }>;
	/** Months whose live copies phase 2 deleted, and how many deals left the live room. */
	deleted: Array<{ month: string; deals: number }>;
	/** Deals deleted from the live doc by someone else during the grace, so removed from their month's archive. */
	removed: Array<{ month: string; deals: number }>;
	/** Months phase 1 could not write this time (logged; the next pass tries again). */
	failed: string[];
	/** Activities (activity-archiver.ts): uploaded with their absorbed entries, which are deleted at once. */
	activities?: ActivityPassReport & { windowStart: string };
	/** Actuals (actual-archiver.ts): live cells before this fiscal year set in their archive, deleted after the grace. */
	actuals?: ActualPassReport & { windowStart: string };
}

/**
 * The execution room's archiver (issue 13; docs/architecture.md, "Moving history out of the live
 * room"). A pass has two phases, each idempotent:
 *
 * 2. First, for every month archived at least a grace period ago, delete the live deals whose
 *    content equals their copy in that month's latest archive version, in one server transaction
 *    (persisted, then sent to every peer like any edit). The grace lets online peers fetch the
 *    version first, so no figure dips; an edited deal differs and stays live.
 * 1. Then upload the closed deals still live that closed before the live window (by month,
 *    bounded per pass), merged by deal id into each month's latest version (the archives API's
 *    merge), and name the version in the doc's `archives` root so peers start fetching it.
 *
 * Crash cases: after an upload and before the doc names it, the next pass uploads the same deals
 * again — the store answers "same" and the doc is told then; after a deletion and before the
 * pending month is cleared, the next phase 2 finds nothing left to delete. Nothing is lost and
 * nothing counts twice (readers take a live deal over its archived copy).
 *
 * Only a room some socket reached as a plan's execution document archives: the plan room never
 * does. Passes run from the Durable Object alarm, at most once a day unless a month waits for its
 * grace; a pass is synchronous wherever it touches the doc, so it never meets a half-applied
 * socket update.
 */
export class RoomArchiver {
	private running: Promise<ArchivePassReport> | null = null;
	private archivedIndex: ArchivedIndex | null = null;

	constructor(
		private readonly ctx: DurableObjectState,
		private readonly env: Env,
		private readonly doc: Y.Doc,
		private readonly store: () => DocStore,
		/** Writes client updates applied but not yet written (write-behind), so server changes follow them in the log. */
		private readonly flushWrites: () => void
	) {
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === ARCHIVER_ORIGIN) this.commit(update);
		});
	}

	/**
	 * A socket arrived: if it opened a plan's execution document or one of its deal shards, this
	 * room archives its own deals, and the alarm is set.
	 */
	async admit(request: Request): Promise<void> {
		const planId = request.headers.get(PLAN_HEADER);
		if (!planId) return;
		// The exact path of one of the plan's deal documents (a plan id never contains '/').
		const path = new URL(request.url).pathname;
		const prefix = `${SYNC_BASE}/${syncRoom(planId)}/`;
		if (!path.startsWith(prefix)) return;
		const doc = path.slice(prefix.length);
		const shard = dealShardOf(doc);
		if (doc !== 'execution' && shard === null) return;
		if (this.store().getMeta(META_PLAN) === null) this.store().setMeta(META_PLAN, planId);
		if (shard !== null && this.store().getMeta(META_SHARD) === null) this.store().setMeta(META_SHARD, shard);
		// The first pass a day after the room first archives (tests shorten it to reach a pass on a live server).
		await this.ensureAlarm(Number(this.store().getMeta(META_NEXT) ?? Date.now() + intVar(this.env.TEST_ARCHIVE_FIRST_PASS_MS, DAY_MS)));
	}

	/** The room's alarm: a pass when one is due, then the next alarm (kept with any other use of it). */
	async alarm(now = Date.now()): Promise<void> {
		if (this.store().getMeta(META_PLAN) === null) return;
		const due = Number(this.store().getMeta(META_NEXT) ?? 0);
		if (now >= due) {
			try {
				await this.pass({ clock: { now: () => now } });
			} catch (err) {
				console.error('archiver: pass failed; retried at the next alarm', err);
			}
			this.store().setMeta(META_NEXT, String(this.nextPassAt(now)));
		}
		await this.ensureAlarm(Number(this.store().getMeta(META_NEXT)));
	}

	/** One pass (phase 2, then phase 1). Concurrent calls share the running pass. */
	pass(options: ArchivePassOptions = {}): Promise<ArchivePassReport> {
		this.running ??= this.run(options).finally(() => (this.running = null));
		return this.running;
	}

	private async run(options: ArchivePassOptions): Promise<ArchivePassReport> {
		const report: ArchivePassReport = { archived: [], deleted: [], removed: [], failed: [] };
		const planId = this.store().getMeta(META_PLAN);
		if (planId === null) return { ...report, skipped: 'not an execution room' };
		const now = (options.clock ?? systemClock).now();
		const graceMs = options.graceMs ?? intVar(this.env.ARCHIVE_GRACE_MS, DEFAULT_GRACE_MS);
		const maxDeals = options.maxDeals ?? intVar(this.env.ARCHIVE_MAX_DEALS, DEFAULT_MAX_DEALS);
		const calendar = await planRoom(this.env, planId).calendar();
		// A deal shard has no stages of its own: it reads its deals with the execution document's.
		const shard = this.store().getMeta(META_SHARD);
		const stages = shard === null ? undefined : await docRoom(this.env, planId, 'execution').stages();
		report.windowStart = liveWindowNow({ now: () => now }, calendar.timeZone, calendar.fiscalStartMonth);
		const archives = archiveStoreOf(this.env, planId);

		const pending = this.pending();
		for (const [month, archivedAt] of Object.entries(pending)) {
			if (now - archivedAt < graceMs) continue;
			try {
				const latest = await archives.get('deals', month);
				if (latest) {
					const columns = decodeDealArchive(await gunzip(latest.data, MAX_ARCHIVE_RAW_BYTES));
					// Compared and deleted in one synchronous turn: no socket update lands in between. A deal
					// whose older copy in another month is not yet removed stays live until it is.
					const index = this.index();
					const ids = deleteArchivedDeals(this.doc, columns, ARCHIVER_ORIGIN, {
						mayDelete: (id) => (index.monthOf(id) ?? month) === month,
						// Noted first: a deletion the index does not know of would later look like someone else's.
						beforeDelete: (ids) => index.markDeleted(ids),
						...(stages ? { stages } : {})
					});
					if (ids.length > 0) report.deleted.push({ month, deals: ids.length });
					// Deleted from the live doc by someone else during the grace: the archived copy goes too.
					const { deals } = execRoots(this.doc);
					const gone = index.stillLive(month, archivedIds(columns)).filter((id) => !deals.has(id));
					if (gone.length > 0) {
						const removed = await storeMerged(archives, 'deals', month, (current) => mergeDeals(current, [], new Set(gone)));
						this.noteVersion(removed.body, removed.status === 201, now);
						index.markDeleted(gone);
						report.removed.push({ month, deals: gone.length });
					}
				}
				delete pending[month];
				this.savePending(pending);
			} catch (err) {
				// The month stays pending: the next pass tries again.
				console.error(`archiver: deleting ${month}'s archived deals failed; retried next pass`, err);
				report.failed.push(month);
			}
		}

		for (const [month, deals] of dealsToArchive(this.doc, report.windowStart, maxDeals, stages)) {
			try {
				const stored = await storeMerged(archives, 'deals', month, (current) => mergeDeals(current, deals));
				this.noteVersion(stored.body, stored.status === 201, now);
				report.archived.push({ month, version: stored.body.version, deals: deals.length, created: stored.status === 201 });
				const ids = deals.map((d) => d.id);
				// A deal this room archived before under another month (reopened, then closed in another
				// month): that copy leaves its month first, so only this one counts.
				for (const [other, moved] of this.index().elsewhere(month, ids)) {
					if (!(await archives.get('deals', other))) continue;
					const removed = await storeMerged(archives, 'deals', other, (current) => mergeDeals(current, [], new Set(moved)));
					this.noteVersion(removed.body, removed.status === 201, now);
				}
				this.index().record(month, ids);
			} catch (err) {
				// One month that cannot be written (too large, the store unreachable) does not stop the others.
				console.error(`archiver: archiving ${month} failed; retried next pass`, err);
				report.failed.push(month);
			}
		}

		// Activities live in the execution document only.
		if (shard !== null) {
			if (report.deleted.length > 0) {
				this.flushWrites();
				this.store().compact(this.doc);
			}
			return report;
		}
		// Activities: no grace — a reader never counts a live entry an archive it holds absorbed.
		const activityWindow = activityWindowNow({ now: () => now }, calendar.timeZone);
		const maxActivities = options.maxActivities ?? intVar(this.env.ARCHIVE_MAX_ACTIVITIES, DEFAULT_MAX_ACTIVITIES);
		const activities = await archiveActivities(this.doc, archives, activityWindow, maxActivities, ARCHIVER_ORIGIN, (info) =>
			recordArchive(this.doc, info, ARCHIVER_ORIGIN)
		);
		report.activities = { windowStart: activityWindow, ...activities };
		// Actuals: cells before this fiscal year, deleted once their version is a grace old (a live cell wins meanwhile).
		const actualsWindow = actualsWindowNow({ now: () => now }, calendar.timeZone, calendar.fiscalStartMonth);
		const actuals = await archiveActuals(this.doc, archives, actualsWindow, graceMs, ARCHIVER_ORIGIN, (info) => recordArchive(this.doc, info, ARCHIVER_ORIGIN));
		report.actuals = { windowStart: actualsWindow, ...actuals };

		if (report.deleted.length > 0 || activities.deleted.length > 0 || actuals.deleted.length > 0) {
			// The deletions are in the log; a snapshot without them is what makes the stored doc shrink.
			this.flushWrites();
			this.store().compact(this.doc);
		}
		return report;
	}

	/** The doc names the version (peers fetch it); a new version restarts its month's grace, the same one keeps it. */
	private noteVersion(info: ArchiveVersionInfo, created: boolean, now: number): void {
		recordArchive(this.doc, info, ARCHIVER_ORIGIN);
		const pending = this.pending();
		if (created || pending[info.month] === undefined) pending[info.month] = now;
		this.savePending(pending);
	}

	private index(): ArchivedIndex {
		this.archivedIndex ??= new ArchivedIndex(this.ctx.storage.sql);
		return this.archivedIndex;
	}

	/** Months uploaded and waiting for their grace period → when (epoch ms). */
	private pending(): Record<string, number> {
		try {
			const parsed: unknown = JSON.parse(this.store().getMeta(META_PENDING) ?? '{}');
			if (typeof parsed !== 'object' || parsed === null) return {};
			return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number'));
		} catch {
			return {};
		}
	}

	private savePending(pending: Record<string, number>): void {
		this.store().setMeta(META_PENDING, JSON.stringify(pending));
	}

	/** A day from now, or sooner when a month's grace ends before that. */
	private nextPassAt(now: number): number {
		const graceMs = intVar(this.env.ARCHIVE_GRACE_MS, DEFAULT_GRACE_MS);
		const waiting = Object.values(this.pending()).map((at) => at + graceMs);
		return Math.max(now + 1000, Math.min(now + DAY_MS, ...waiting));
	}

	/** The alarm fires no later than `at` (an earlier one, e.g. a token's expiry, is kept). */
	private async ensureAlarm(at: number): Promise<void> {
		if (this.store().getMeta(META_NEXT) === null) this.store().setMeta(META_NEXT, String(at));
		const current = await this.ctx.storage.getAlarm();
		if (current === null || at < current) await this.ctx.storage.setAlarm(at);
	}

	/** A change the archiver made: written after what clients sent before it, then sent to every peer. */
	private commit(update: Uint8Array): void {
		try {
			this.flushWrites();
			this.store().append([update], this.doc);
		} catch (err) {
			console.error('archiver: storage write failed; restarting from storage', err);
			this.ctx.abort('storage write failed');
			return;
		}
		const message = new Outgoing(syncFrame(SyncStep.UPDATE, update));
		for (const peer of this.ctx.getWebSockets()) message.sendTo(peer);
	}
}

/** The deal ids a decoded month holds, in order. */
function archivedIds(columns: DealColumns): string[] {
	return Array.from(columns.text.id, (index) => columns.strings[index]!);
}
