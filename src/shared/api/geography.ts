/** Administrative units and agencies (đơn vị hành chính, cơ quan): the schemas of the geography API. */
import { Type, type Static } from 'typebox';
import { AGENCY_CODE_PATTERN } from '../geography/agency-code';
import { Nullable, Obj, OneOf, Uuid } from './schema';
import { AGENCY_KINDS } from '../catalog/taxonomy';
import type { LocalizedText } from '../eform/eform.types';

export const AGENCY_LEVELS = ['central', 'province', 'department', 'commune', 'unit'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/** What the levels are called, for pages (the codes are never shown). */
export const AGENCY_LEVEL_LABELS: Record<AgencyLevel, LocalizedText> = {
  central: { vi: 'Trung ương (bộ, ngành)', en: 'Central (ministry)' },
  province: { vi: 'Cấp tỉnh', en: 'Provincial' },
  department: { vi: 'Sở, ban, ngành cấp tỉnh', en: 'Provincial department' },
  commune: { vi: 'Cấp xã', en: 'Commune' },
  unit: { vi: 'Đơn vị trực thuộc', en: 'Subordinate unit' },
};

/** The kinds of agency with their names: the implementing kinds of the catalogue, the provincial committee, the other departments. */
export const AGENCY_KIND_LABELS: Record<string, LocalizedText> = {
  'province-pc': { vi: 'Ủy ban nhân dân tỉnh, thành phố', en: "Provincial People's Committee" },
  ...AGENCY_KINDS,
  'dept-industry-trade': { vi: 'Sở Công Thương', en: 'Department of Industry and Trade' },
  'dept-culture-sports-tourism': { vi: 'Sở Văn hóa, Thể thao và Du lịch', en: 'Department of Culture, Sports and Tourism' },
  'dept-science-technology': { vi: 'Sở Khoa học và Công nghệ', en: 'Department of Science and Technology' },
};

/** The name of a level or kind in a language; an unknown kind (added by an administrator) keeps its code. */
export const agencyLevelLabel = (level: string, lang: 'vi' | 'en'): string => (AGENCY_LEVEL_LABELS as Record<string, LocalizedText>)[level]?.[lang] ?? level;
export const agencyKindLabel = (kind: string, lang: 'vi' | 'en'): string => AGENCY_KIND_LABELS[kind]?.[lang] ?? kind;

export const AdminUnitSchema = Obj({
  code: Type.String(),
  level: Type.Union([Type.Literal('province'), Type.Literal('commune')]),
  provinceCode: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  fullName: Type.String(),
  fullNameEn: Nullable(Type.String()),
  unitType: Type.String(),
  unitTypeEn: Nullable(Type.String()),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
});

export const UnitVersionsSchema = Obj({ current: Nullable(AdminUnitSchema), versions: Type.Array(AdminUnitSchema) });

export const AgencyCodeSchema = Type.String({ pattern: AGENCY_CODE_PATTERN, description: 'Electronic identifier (Decision 20/2020/QĐ-TTg) A1A2A3.B1B2.C1C2.D1D2D3, e.g. 000.00.05.H38' });
export const AgencyLevelSchema = OneOf(AGENCY_LEVELS);

export const AgencySchema = Obj({
  id: Uuid,
  code: Type.String({ description: 'Electronic identifier (Decision 20/2020/QĐ-TTg)' }),
  name: Type.String(),
  nameEn: Type.String(),
  level: AgencyLevelSchema,
  kind: Type.String(),
  parentId: Nullable(Uuid),
  adminUnitCode: Type.String(),
  oneStopUnit: Type.String(),
  oneStopUnitEn: Nullable(Type.String()),
  address: Nullable(Type.String()),
  active: Type.Boolean(),
});

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const agencyFields = {
  code: AgencyCodeSchema,
  name: Text(300),
  nameEn: Text(300),
  level: AgencyLevelSchema,
  kind: Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}$' }),
  parentId: Nullable(Uuid),
  adminUnitCode: Type.String({ pattern: '^(\\d{2}|\\d{5})$' }),
  oneStopUnit: Text(300),
  oneStopUnitEn: Nullable(Text(300)),
  address: Nullable(Text(500)),
};
export const AgencyCreateSchema = Obj({
  ...agencyFields,
  parentId: Type.Optional(agencyFields.parentId),
  oneStopUnitEn: Type.Optional(agencyFields.oneStopUnitEn),
  address: Type.Optional(agencyFields.address),
});
/** PATCH semantics: the fields sent replace those of the agency; fields not sent stay as they are. */
export const AgencyPatchSchema = Obj(
  {
    code: Type.Optional(agencyFields.code),
    name: Type.Optional(agencyFields.name),
    nameEn: Type.Optional(agencyFields.nameEn),
    level: Type.Optional(agencyFields.level),
    kind: Type.Optional(agencyFields.kind),
    parentId: Type.Optional(agencyFields.parentId),
    adminUnitCode: Type.Optional(agencyFields.adminUnitCode),
    oneStopUnit: Type.Optional(agencyFields.oneStopUnit),
    oneStopUnitEn: Type.Optional(agencyFields.oneStopUnitEn),
    address: Type.Optional(agencyFields.address),
    active: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);

export type AdminUnit = Static<typeof AdminUnitSchema>;
export type Agency = Static<typeof AgencySchema>;
export type AgencyCreate = Static<typeof AgencyCreateSchema>;
export type AgencyPatch = Static<typeof AgencyPatchSchema>;
