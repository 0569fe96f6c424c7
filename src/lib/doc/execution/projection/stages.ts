/** The pipeline stages (one JSON value under `config.stages`) and their index. */
import { indexStages, type StageIndex } from '../../../domain/deal-outcome';
import type { PipelineStage } from '../../../domain/execution';
import { readStages, type QualityIssue } from '../../../domain/exec-read';
import type { ProjectionContext } from './context';

export class StagesProjection {
	list: PipelineStage[] = [];
	issues: QualityIssue[] = [];
	index: StageIndex = indexStages([]);

	constructor(private readonly ctx: ProjectionContext) {}

	read(): void {
		const read = readStages(this.ctx.roots.config.get('stages'));
		this.list = read.stages;
		this.issues = read.issues;
		this.index = indexStages(this.list);
	}
}
