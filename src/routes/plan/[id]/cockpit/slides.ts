/** The cockpit's views, in the order a review meeting walks through them (one per slide). */
export const SLIDES = ['tiles', 'trend', 'funnel', 'reps', 'regions', 'leaderboard', 'activities', 'stageTime', 'accuracy'] as const;
export type SlideId = (typeof SLIDES)[number];
