import { Type, type Static } from 'typebox';
import { BilingualText, Obj, oneOf, Text } from './primitives';

/** The internal workflow of a procedure: who handles a dossier, in which order, with what share of the time. */

export const WORKFLOW_STEP_KINDS = ['receive', 'process', 'consult', 'approve', 'return'] as const;
export const WORKFLOW_ROLES = ['receiving_officer', 'specialist', 'approver', 'result_officer'] as const;

export const WorkflowStepSchema = Obj({
  id: Text(64),
  kind: oneOf(WORKFLOW_STEP_KINDS),
  name: BilingualText(200),
  role: oneOf(WORKFLOW_ROLES),
  sharePercent: Type.Number({ minimum: 0, maximum: 100, description: 'Share of the statutory time for this step, percent; the steps sum to 100' }),
});

export type WorkflowStepKind = (typeof WORKFLOW_STEP_KINDS)[number];
export type WorkflowRole = (typeof WORKFLOW_ROLES)[number];
export type WorkflowStep = Static<typeof WorkflowStepSchema>;
