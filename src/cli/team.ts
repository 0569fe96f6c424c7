/**
 * The unit name the command line gives people whose team and region are not in the plan (the
 * app uses its own language's word; the command line writes machine-ish English, like its exports).
 */
export const UNASSIGNED = 'Unassigned';
