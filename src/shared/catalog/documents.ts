import { Type, type Static } from 'typebox';
import { BilingualText, Obj, oneOf, Text } from './primitives';

/** The components of a dossier (thành phần hồ sơ) a procedure requires. */

export const DOCUMENT_FORMS = ['original', 'copy', 'certified-copy', 'present-original'] as const;
export const DOCUMENT_REQUIREMENTS = ['mandatory', 'conditional'] as const;

const ConditionValue = Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]);
const ConditionField = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$', maxLength: 64, description: 'A top-level field of the e-form' });

/**
 * When a conditional document is asked, in the e-form's own condition language (`visibleIf`): the document is
 * required when the answer matches and does not apply otherwise (an answer hidden by the form never matches).
 */
export const AnswerConditionSchema = Type.Union(
  [
    Obj({ field: ConditionField, equals: ConditionValue }),
    Obj({ field: ConditionField, in: Type.Array(ConditionValue, { minItems: 1, maxItems: 50 }) }),
    Obj({ field: ConditionField, notEmpty: Type.Literal(true) }),
  ],
  { description: 'Same operators as the e-form visibility rule: `equals`, `in` or `notEmpty`' },
);

export const RequiredDocumentSchema = Obj({
  id: Text(64),
  name: BilingualText(500),
  form: oneOf(DOCUMENT_FORMS, { description: 'Original, copy, certified copy, or an original shown for comparison and handed back (xuất trình)' }),
  copies: Type.Integer({ minimum: 0, maximum: 100 }),
  requirement: oneOf(DOCUMENT_REQUIREMENTS),
  condition: Type.Optional(BilingualText(2000, { description: 'Required when `requirement` is `conditional`' })),
  requiredIf: Type.Optional(AnswerConditionSchema),
  template: Type.Optional(Text(500, { description: 'Official template (mẫu), e.g. `Mẫu Tờ khai đăng ký khai sinh (Thông tư 04/2024/TT-BTP)`' })),
  fromDataStore: Type.Boolean({ description: 'The applicant may pick it from their electronic data store (kho quản lý dữ liệu điện tử)' }),
  fromRegistry: Type.Boolean({ description: 'The agency can take the information from a national database instead (once-only)' }),
  replacedByEForm: Type.Optional(Type.Boolean({ description: 'When filing online, the e-form replaces this declaration' })),
});

export type DocumentForm = (typeof DOCUMENT_FORMS)[number];
export type RequiredDocument = Static<typeof RequiredDocumentSchema>;
export type AnswerCondition = Static<typeof AnswerConditionSchema>;
