/**
 * The assignment picker (phân công): the specialists who may be given a dossier, with how much each already has.
 * Answered by `GET /api/dossiers/{id}/assignees` to those who may assign it (the desk while it is received, the
 * agency's leaders and administrators); the picker sends the chosen `id` as `assigneeId` to `…/assign`.
 */
import { Type, type Static } from 'typebox';
import { Obj, Uuid } from './schema';

export const AssigneeSchema = Obj({
  id: Uuid,
  displayName: Type.String({ description: 'Họ và tên' }),
  openDossiers: Type.Integer({ minimum: 0, description: 'Open workload: dossiers assigned to them that are filed and not finished (any agency)' }),
  current: Type.Boolean({ description: 'The dossier is assigned to them now' }),
});
export type Assignee = Static<typeof AssigneeSchema>;

export const AssigneeListSchema = Obj({
  items: Type.Array(AssigneeSchema, { description: 'Active specialists of the handling agency, by name (Vietnamese collation)' }),
});
export type AssigneeList = Static<typeof AssigneeListSchema>;
