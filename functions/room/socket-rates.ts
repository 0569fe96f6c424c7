import { AWARENESS_BURST_BYTES, AWARENESS_BYTES_PER_SECOND, RATE_LIMIT_BYTES_PER_SECOND } from '../../src/lib/protocol/limits';
import { intVar, type Env } from '../env';
import { TokenBucket } from './token-bucket';

/**
 * A socket's rate limits (past any of them: close 4429). Counting messages alone let a
 * socket relay hundreds of megabytes a second in large frames, so bytes count too:
 * - messages: RATE_LIMIT_BURST at once, RATE_LIMIT_PER_SECOND after;
 * - bytes of every frame: a whole document at once (an offline copy's first sync), then
 *   RATE_LIMIT_BYTES_PER_SECOND;
 * - bytes of presence frames, which are relayed to every peer: a small burst and rate.
 */
export interface SocketRates {
	messages: TokenBucket;
	bytes: TokenBucket;
	awareness: TokenBucket;
}

export function socketRates(env: Env, maxDocBytes: number): SocketRates {
	const bytesPerSecond = intVar(env.RATE_LIMIT_BYTES_PER_SECOND, RATE_LIMIT_BYTES_PER_SECOND);
	return {
		messages: new TokenBucket(intVar(env.RATE_LIMIT_BURST, 3000), intVar(env.RATE_LIMIT_PER_SECOND, 1000)),
		bytes: new TokenBucket(maxDocBytes + bytesPerSecond, bytesPerSecond),
		awareness: new TokenBucket(AWARENESS_BURST_BYTES, AWARENESS_BYTES_PER_SECOND)
	};
}
