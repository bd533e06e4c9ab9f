/**
 * The officers' assistant (trợ lý ảo cho cán bộ): which procedure and legal basis applies, what a form field means,
 * what the workflow allows now on a dossier — answered from the published procedure version (the one the dossier was
 * filed under, when a dossier is named), its e-form and the dossier's state machine, each answer with its sources.
 * The reasoning is pure (src/shared/assistant/officer.ts); this file fetches what it reasons on.
 */
import type { Principal } from '../../platform/auth/policy';
import { explainField, explainLegal, explainWorkflow, formFields, matchField, officerIntent } from '../../shared/assistant';
import { ACTION_SLUGS, ACTION_SPECS, isActionType, type ActionType } from '../../shared/dossier/actions';
import { STATE_LABELS, type State } from '../../shared/dossier/states';
import type { OfficerAnswer } from '../../shared/api/voice';
import type { AssistantService } from './assistant.service';
import type { OfficerProcedure, VoicePorts } from './voice.ports';

/** Where the one-stop workflow's rules come from (the decree on the one-stop mechanism). */
const WORKFLOW_SOURCE = { vi: 'Nghị định 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông', en: 'Decree 118/2025/NĐ-CP on the one-stop mechanism' };

export class OfficerAssistant {
  constructor(
    private readonly ports: Pick<VoicePorts, 'officerDossier' | 'procedureVersion'>,
    private readonly citizens: AssistantService,
  ) {}

  async ask(principal: Principal, question: string, dossierId?: string): Promise<OfficerAnswer> {
    const dossier = dossierId ? await this.ports.officerDossier(principal, dossierId) : null;
    let procedure: OfficerProcedure | null = null;
    if (dossier) procedure = await this.ports.procedureVersion({ versionId: dossier.versionId });
    else {
      const found = await this.citizens.retrieve(question);
      const key = found.procedure?.key ?? found.alternatives[0]?.key;
      if (key) procedure = await this.ports.procedureVersion({ key });
    }
    const intent = officerIntent(question, !!dossier);
    const answer: OfficerAnswer = {
      kind: 'no_answer',
      text: { vi: 'Chưa tìm thấy thủ tục liên quan. Ông/Bà hãy nêu tên thủ tục hoặc mở câu hỏi từ một hồ sơ.', en: 'No matching procedure. Name the procedure, or ask from a dossier.' },
      procedure: procedure ? { key: procedure.key, name: procedure.name, link: `/thu-tuc/${procedure.key}` } : null,
      dossier: dossier ? { id: dossier.id, code: dossier.code, state: dossier.state, stateLabel: STATE_LABELS[dossier.state as State], link: `/can-bo/ho-so/${dossier.id}` } : null,
      legalBases: procedure ? procedure.legalBases : [],
      field: null,
      actions: [],
      citations: [],
    };
    if (intent === 'workflow' && dossier) {
      const actions = dossier.availableActions.filter(isActionType) as ActionType[];
      answer.kind = 'workflow';
      answer.text = explainWorkflow(dossier.code ?? dossier.id, dossier.state as State, actions);
      answer.actions = actions.map((a) => ({ type: a, label: ACTION_SPECS[a].label, link: `/can-bo/ho-so/${dossier.id}/thao-tac/${ACTION_SLUGS[a]}` }));
      answer.citations.push({ title: { vi: `Hồ sơ ${dossier.code ?? ''}`.trim(), en: `Dossier ${dossier.code ?? ''}`.trim() }, href: `/can-bo/ho-so/${dossier.id}` }, { title: WORKFLOW_SOURCE, href: `/can-bo/ho-so/${dossier.id}#actions-title` });
      return answer;
    }
    if (!procedure) return answer;
    const procedureCitation = { title: procedure.name, href: `/thu-tuc/${procedure.key}` };
    if (intent === 'field') {
      const field = matchField(question, formFields(procedure.eform));
      if (field) {
        answer.kind = 'field';
        answer.text = explainField(field, procedure.name);
        answer.field = { name: field.name, label: field.label, required: field.required, type: field.type, binding: field.binding };
        answer.citations.push({ title: { vi: `Biểu mẫu điện tử: ${procedure.name.vi}`, en: `E-form: ${procedure.name.en}` }, href: `/thu-tuc/${procedure.key}/nop` });
        return answer;
      }
    }
    if (intent === 'legal') {
      answer.kind = 'legal';
      answer.text = explainLegal(procedure.name, procedure.legalBases, procedure.feeBases);
      answer.citations.push({ title: { vi: `Căn cứ pháp lý: ${procedure.name.vi}`, en: `Legal basis: ${procedure.name.en}` }, href: `/thu-tuc/${procedure.key}#can-cu` });
      return answer;
    }
    answer.kind = 'procedure';
    answer.text = {
      vi: `Thủ tục áp dụng: ${procedure.name.vi}. ${explainLegal(procedure.name, procedure.legalBases, []).vi}`,
      en: `The procedure that applies: ${procedure.name.en}. ${explainLegal(procedure.name, procedure.legalBases, []).en}`,
    };
    answer.citations.push(procedureCitation, { title: { vi: `Căn cứ pháp lý: ${procedure.name.vi}`, en: `Legal basis: ${procedure.name.en}` }, href: `/thu-tuc/${procedure.key}#can-cu` });
    return answer;
  }
}
