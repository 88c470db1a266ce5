/** A dry run's plan as the UI gets it: counts over everything, the lists capped so one preview of a huge card stays small. */
import type { PlanView } from '../../../shared/api';
import type { Plan } from './plan';

/** Rows of each list handed to a UI; the counts stay whole. */
export const MAX_PLAN_ROWS = 2_000;

export function planCounts(plan: Plan): PlanView['counts'] {
  return {
    new: plan.files.filter((f) => f.action === 'new').length,
    alreadyThere: plan.files.filter((f) => f.action === 'already-there').length,
    replaces: plan.files.filter((f) => f.action === 'replaces').length,
    paired: plan.files.filter((f) => f.rawPath || f.motionPath).length,
    ignored: plan.ignored.length,
    failed: plan.problems.length,
    albumsToCreate: plan.albumsToCreate.length,
    bytes: plan.bytes,
  };
}

export function toPlanView(plan: Plan, maxRows = MAX_PLAN_ROWS): PlanView {
  return {
    files: plan.files.slice(0, maxRows),
    ignored: plan.ignored.slice(0, maxRows),
    problems: plan.problems.slice(0, maxRows).map((p) => ({ path: p.path, message: p.error.message })),
    albumsToCreate: plan.albumsToCreate.slice(0, maxRows),
    counts: planCounts(plan),
  };
}
