import type { EFormDefinition, LocalizedText } from '../../../shared/eform';

/**
 * Input shape of one version of an administrative procedure (thủ tục hành chính) in the catalogue.
 * The demo catalogue is written in this shape; the catalogue's DB model is aligned with it.
 */

export type Bilingual = LocalizedText;

/** Fields (lĩnh vực) used for browsing. */
export const PROCEDURE_FIELDS = {
  'civil-status': { vi: 'Hộ tịch', en: 'Civil status' },
  residence: { vi: 'Đăng ký, quản lý cư trú', en: 'Residence registration' },
  certification: { vi: 'Chứng thực', en: 'Certification' },
  construction: { vi: 'Hoạt động xây dựng', en: 'Construction' },
  'household-business': { vi: 'Đăng ký hộ kinh doanh', en: 'Household business registration' },
  enterprise: { vi: 'Thành lập và hoạt động của doanh nghiệp', en: 'Enterprise registration' },
  'judicial-record': { vi: 'Lý lịch tư pháp', en: 'Judicial records' },
  land: { vi: 'Đất đai', en: 'Land' },
  'social-protection': { vi: 'Bảo trợ xã hội', en: 'Social protection' },
  'people-with-merit': { vi: 'Người có công', en: 'People with meritorious services' },
  transport: { vi: 'Đường bộ', en: 'Road transport' },
  education: { vi: 'Giáo dục và Đào tạo', en: 'Education and training' },
  health: { vi: 'An toàn thực phẩm', en: 'Food safety' },
  labour: { vi: 'Việc làm và lao động', en: 'Employment and labour' },
} as const satisfies Record<string, Bilingual>;
export type ProcedureField = keyof typeof PROCEDURE_FIELDS;

/** Life events (sự kiện) for browsing by situation rather than by agency. */
export const LIFE_EVENTS = {
  birth: { vi: 'Khai sinh, có con nhỏ', en: 'Having a baby' },
  marriage: { vi: 'Kết hôn', en: 'Getting married' },
  death: { vi: 'Người thân qua đời', en: 'Death of a relative' },
  housing: { vi: 'Nhà ở, chuyển nơi ở', en: 'Housing and moving' },
  'land-property': { vi: 'Đất đai, tài sản', en: 'Land and property' },
  business: { vi: 'Kinh doanh', en: 'Running a business' },
  driving: { vi: 'Lái xe, phương tiện', en: 'Driving' },
  education: { vi: 'Học tập', en: 'Education' },
  work: { vi: 'Việc làm', en: 'Work and employment' },
  'social-support': { vi: 'Hỗ trợ xã hội', en: 'Social support' },
  'legal-papers': { vi: 'Giấy tờ, xác nhận', en: 'Papers and certificates' },
  'foreign-affairs': { vi: 'Yếu tố nước ngoài', en: 'Foreign nationals' },
} as const satisfies Record<string, Bilingual>;
export type LifeEvent = keyof typeof LIFE_EVENTS;

/**
 * Kind of implementing agency. The agency tree (geography module) maps a kind and the implementing level to the
 * concrete agency of a commune or a province: e.g. `police` + `commune` = commune police, `police` + `province`
 * = the provincial police department.
 */
export const AGENCY_KINDS = {
  'commune-pc': { vi: 'Ủy ban nhân dân xã, phường, đặc khu', en: "Commune People's Committee" },
  police: { vi: 'Công an (cấp xã hoặc cấp tỉnh)', en: 'Police (commune or provincial)' },
  'dept-justice': { vi: 'Sở Tư pháp', en: 'Department of Justice' },
  'dept-construction': { vi: 'Sở Xây dựng', en: 'Department of Construction' },
  'dept-agriculture-environment': { vi: 'Sở Nông nghiệp và Môi trường', en: 'Department of Agriculture and Environment' },
  'land-registration-office': {
    vi: 'Văn phòng đăng ký đất đai (thuộc Sở Nông nghiệp và Môi trường) và các chi nhánh',
    en: 'Land Registration Office (under the Department of Agriculture and Environment) and its branches',
  },
  'dept-home-affairs': { vi: 'Sở Nội vụ', en: 'Department of Home Affairs' },
  'dept-health': { vi: 'Sở Y tế', en: 'Department of Health' },
  'dept-education': { vi: 'Sở Giáo dục và Đào tạo', en: 'Department of Education and Training' },
  'dept-finance': { vi: 'Sở Tài chính', en: 'Department of Finance' },
} as const satisfies Record<string, Bilingual>;
export type AgencyKind = keyof typeof AGENCY_KINDS;

export type ImplementingLevel = 'ministry' | 'province' | 'commune';
export type ApplicantType = 'citizen' | 'business';
/** Decree 42/2022/NĐ-CP, Art. 11: full-process online (toàn trình) or partial (một phần). */
export type OnlineLevel = 'full' | 'partial';
/** Submission channels (KenhThucHien): in person, online, public postal service. */
export type Channel = 'in-person' | 'online' | 'postal';

/**
 * Statutory processing time. `same-day`: by the close of the working day of receipt (a dossier received after the
 * procedure's cutoff counts as received the next working day). `calendar-days` is for the few texts that count
 * plain days ("30 ngày"); a period ending on a rest day then ends on the next working day.
 */
export type ProcessingTime =
  | { kind: 'same-day' }
  | { kind: 'working-days'; days: number }
  | { kind: 'working-hours'; hours: number }
  | { kind: 'calendar-days'; days: number };

/** A longer statutory time that applies in some cases (e.g. when facts must be verified). */
export interface ExtendedProcessingTime {
  time: ProcessingTime;
  condition: Bilingual;
}

/** `le-phi` (lệ phí: a state charge) or `phi` (phí: a fee for a service, e.g. appraisal). */
export type FeeNature = 'le-phi' | 'phi';

interface FeeBase {
  nature: FeeNature;
  name: Bilingual;
  /** Legal texts that set the amount, e.g. `Thông tư 226/2016/TT-BTC`, a provincial resolution. */
  legalBasis: string[];
  /** Who does not pay (miễn). */
  exemptions?: Bilingual[];
  note?: Bilingual;
}

/** Charged per `per`: one case, one copy, one certificate … */
export interface FixedFee extends FeeBase {
  type: 'fixed';
  amountVnd: number;
  /** A different amount when filed online (e.g. 0 đồng under a provincial resolution). */
  onlineAmountVnd?: number;
  per: Bilingual;
}

/** One amount per category; the applicant's case picks the tier. */
export interface TieredFee extends FeeBase {
  type: 'tiered';
  per: Bilingual;
  tiers: { id: string; label: Bilingual; amountVnd: number; onlineAmountVnd?: number }[];
}

/** Amount per unit that changes with the count (e.g. per page: 2 000 đ for pages 1–2, 1 000 đ from page 3), capped. */
export interface BandedFee extends FeeBase {
  type: 'banded';
  unit: Bilingual;
  per: Bilingual;
  bands: { from: number; to?: number; amountVndPerUnit: number }[];
  maxVnd?: number;
}

/** Explicitly free of charge (miễn lệ phí / không thu). */
export interface ExemptFee extends FeeBase {
  type: 'exempt';
}

export type FeeItem = FixedFee | TieredFee | BandedFee | ExemptFee;

/** Component of the dossier (thành phần hồ sơ). */
export interface RequiredDocument {
  id: string;
  name: Bilingual;
  /** original, copy, certified copy, or an original shown for comparison and handed back (xuất trình) */
  form: 'original' | 'copy' | 'certified-copy' | 'present-original';
  copies: number;
  requirement: 'mandatory' | 'conditional';
  /** Required when `requirement` is `conditional`. */
  condition?: Bilingual;
  /** Official template (mẫu), e.g. `Mẫu Tờ khai đăng ký khai sinh (Thông tư 04/2024/TT-BTP)`. */
  template?: string;
  /** The applicant may pick it from their electronic data store (kho quản lý dữ liệu điện tử). */
  fromDataStore: boolean;
  /** The agency can take the information from a national database instead (once-only). */
  fromRegistry: boolean;
  /** When filing online, the e-form replaces this declaration. */
  replacedByEForm?: boolean;
}

export interface ProcedureResult {
  name: Bilingual;
  /** Stable code of the result type in the result store, e.g. `birth-certificate`. */
  documentType: string;
  /** An electronic result (signed PDF) is issued. */
  electronic: boolean;
  /** Validity in months; null = no expiry. */
  validityMonths: number | null;
  validityNote?: Bilingual;
}

export type WorkflowRole = 'receiving_officer' | 'specialist' | 'approver' | 'result_officer';

export interface WorkflowStep {
  id: string;
  kind: 'receive' | 'process' | 'consult' | 'approve' | 'return';
  name: Bilingual;
  role: WorkflowRole;
  /** Share of the statutory time for this step, percent; the steps sum to 100. */
  sharePercent: number;
}

export interface ProcedureVersionInput {
  /** Stable key in this catalogue, kebab-case, unique. */
  key: string;
  /** National procedure code (mã TTHC, e.g. `1.001193`); null when not known for certain (see `codeNote`). */
  nationalCode: string | null;
  codeNote?: string;
  name: Bilingual;
  field: ProcedureField;
  lifeEvents: LifeEvent[];
  implementingLevel: ImplementingLevel;
  agencyKind: AgencyKind;
  /** Who signs the decision (cơ quan/người có thẩm quyền quyết định). */
  decidingAuthority: Bilingual;
  applicantTypes: ApplicantType[];
  onlineLevel: OnlineLevel;
  /** VNeID account level needed to file online (Decree 69/2024/NĐ-CP): 1 basic, 2 full identity. */
  eIdLevel: 1 | 2;
  processingTime: ProcessingTime;
  extendedProcessingTime?: ExtendedProcessingTime;
  /** `HH:MM` local time; a dossier received later counts as received the next working day. null = no cutoff. */
  cutoffTime: string | null;
  /** At least one item; a free procedure has an `exempt` item stating the basis. */
  fees: FeeItem[];
  documents: RequiredDocument[];
  /** Conditions to be met (yêu cầu, điều kiện). */
  requirements: Bilingual[];
  result: ProcedureResult;
  /** Procedure steps as published (trình tự thực hiện). */
  steps: Bilingual[];
  submission: { channels: Channel[]; places: Bilingual[] };
  /** Legal texts the procedure rests on, by number. */
  legalBases: string[];
  /** Where the content of this version was taken from, and what is uncertain. */
  sourceNote: string;
  /** ISO date from which this version applies. */
  effectiveFrom: string;
  eform: EFormDefinition;
  workflow: WorkflowStep[];
  /** A valid filled-in form, used by tests and benchmarks. */
  sampleData: Record<string, unknown>;
}
