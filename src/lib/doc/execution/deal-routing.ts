import type * as Y from 'yjs';
import { EXEC_SHARD, shardOrder } from '../../domain/deal-shards';
import type { DealRouting } from './execution-commands';
import { execRoots } from './schema';
import type { UndoGroup } from './undo-group';

/**
 * The deal routing (execution-commands.ts) of a plan whose deals are spread over the execution
 * document and the shard documents opened so far (docs/architecture.md, "Deal shards"). A new
 * deal is placed over the opened documents only: a shard listed but still loading takes no new
 * deal yet, and every reader finds a deal wherever it was put (`holderOf`, from the projection).
 */
export function shardRouting(
	exec: Y.Doc,
	shards: ReadonlyMap<string, Y.Doc>,
	holderOf: (id: string) => string | null,
	group: () => UndoGroup | null
): DealRouting {
	const docOf = (name: string) => (name === EXEC_SHARD ? exec : (shards.get(name) ?? null));
	const names = () => shardOrder(shards.keys());
	return {
		docOf,
		holderOf,
		holdersOf: (id) => names().filter((name) => execRoots(docOf(name)!).deals.has(id)),
		names,
		action: (run) => {
			const undo = group();
			return undo ? undo.action(run) : run();
		}
	};
}
