import { Type, type Static } from 'typebox';
import { BilingualText, LegalTexts, Money, Obj, oneOf, Text } from './primitives';

/** Fees and charges (phí, lệ phí) of a procedure. */

export const FEE_NATURES = ['le-phi', 'phi'] as const;

const feeBase = {
  nature: oneOf(FEE_NATURES, { description: '`le-phi` (lệ phí: a state charge) or `phi` (phí: a fee for a service, e.g. appraisal)' }),
  name: BilingualText(300),
  legalBasis: LegalTexts('Legal texts that set the amount, e.g. `Thông tư 226/2016/TT-BTC`, a provincial resolution'),
  exemptions: Type.Optional(Type.Array(BilingualText(), { maxItems: 20, description: 'Who does not pay (miễn)' })),
  exemptionProofs: Type.Optional(
    Type.Array(Obj({ who: BilingualText(300), proof: BilingualText(500), documentId: Type.Optional(Text(64, { description: 'The required document (by id) that proves the exemption' })) }), {
      maxItems: 20,
      description: 'An exemption and the proof the applicant gives for it (e.g. a poor-household certificate)',
    }),
  ),
  note: Type.Optional(BilingualText()),
  unitsField: Type.Optional(
    Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$', maxLength: 64, description: 'Fixed and banded fees: the e-form field (an integer) that counts the units charged, e.g. the number of copies requested' }),
  ),
};

/** Charged per `per`: one case, one copy, one certificate … */
export const FixedFeeSchema = Obj(
  {
    ...feeBase,
    type: Type.Literal('fixed'),
    amountVnd: Money(),
    onlineAmountVnd: Type.Optional(Money({ description: 'A different amount when filed online (e.g. 0 đồng under a provincial resolution)' })),
    per: BilingualText(200),
  },
  { description: 'Charged per `per`: one case, one copy, one certificate …' },
);

export const FeeTierSchema = Obj({ id: Text(64), label: BilingualText(300), amountVnd: Money(), onlineAmountVnd: Type.Optional(Money()) });

/** One amount per category; the applicant's case picks the tier. */
export const TieredFeeSchema = Obj(
  { ...feeBase, type: Type.Literal('tiered'), per: BilingualText(200), tiers: Type.Array(FeeTierSchema, { maxItems: 50 }) },
  { description: "One amount per category; the applicant's case picks the tier" },
);

export const FeeBandSchema = Obj({ from: Type.Integer({ minimum: 0 }), to: Type.Optional(Type.Integer({ minimum: 0 })), amountVndPerUnit: Money() });

/** Amount per unit that changes with the count (e.g. per page: 2 000 đ for pages 1–2, 1 000 đ from page 3), capped. */
export const BandedFeeSchema = Obj(
  { ...feeBase, type: Type.Literal('banded'), unit: BilingualText(100), per: BilingualText(200), bands: Type.Array(FeeBandSchema, { maxItems: 20 }), maxVnd: Type.Optional(Money()) },
  { description: 'Amount per unit that changes with the count (e.g. per page), optionally capped' },
);

/** Explicitly free of charge (miễn lệ phí / không thu), with its basis. */
export const ExemptFeeSchema = Obj({ ...feeBase, type: Type.Literal('exempt') }, { description: 'Explicitly free of charge (miễn lệ phí / không thu), with its basis' });

export const FeeItemSchema = Type.Union([FixedFeeSchema, TieredFeeSchema, BandedFeeSchema, ExemptFeeSchema]);

export type FeeNature = (typeof FEE_NATURES)[number];
export type FixedFee = Static<typeof FixedFeeSchema>;
export type TieredFee = Static<typeof TieredFeeSchema>;
export type BandedFee = Static<typeof BandedFeeSchema>;
export type ExemptFee = Static<typeof ExemptFeeSchema>;
export type FeeItem = Static<typeof FeeItemSchema>;
