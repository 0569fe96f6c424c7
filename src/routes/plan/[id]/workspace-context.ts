import { createContext } from 'svelte';
import type { PlanWorkspace } from './workspace.svelte';

/**
 * The plan page's workspace, for the areas and sections under it: `+page.svelte` sets it during its
 * initialisation; `getPlanWorkspace()` throws in a component rendered outside the plan page.
 */
export const [getPlanWorkspace, setPlanWorkspace] = createContext<PlanWorkspace>();
