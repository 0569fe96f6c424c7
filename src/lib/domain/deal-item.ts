import type { DealOutcome } from './deal-outcome';
import type { Deal } from './execution';

/** A counted deal and whether it is open, won or lost (by its stage). */
export interface DealItem {
	deal: Readonly<Deal>;
	outcome: DealOutcome;
}
