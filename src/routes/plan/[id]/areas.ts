/**
 * Everything the Execution, Cockpit and Reviews areas need, as one lazily loaded chunk: the plan
 * editor's first load does not download the execution projection, the cockpit or the reviews.
 */
export { default as ExecutionArea } from './execution/ExecutionArea.svelte';
export { default as CockpitArea } from './cockpit/CockpitArea.svelte';
export { default as Presentation } from './cockpit/Presentation.svelte';
export { default as ReviewsArea } from './review/ReviewsArea.svelte';
export { ExecutionSession } from '$lib/sync/execution-session.svelte';
