import { PLAYBOOK_SPEC } from '../domain/plan/section-specs';
import type { PlaybookEntry } from '../domain/plan/types';
import { recordList } from './record-list';
import { planRoots } from './schema';

/** Onboarding material for new reps; each entry's body is collaborative text. */
export const playbook = recordList<PlaybookEntry>({
	root: (doc) => planRoots(doc).playbook,
	spec: PLAYBOOK_SPEC,
	prefix: 'pb',
	blank: () => ({ kind: 'talkTrack', title: '', body: '' }),
	textFields: ['body']
});
