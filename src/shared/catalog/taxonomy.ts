/**
 * The catalogue's vocabularies: fields (lĩnh vực), life events, kinds of implementing agency, levels, applicant types,
 * online levels and channels. Plain constants (no schema library), so the web app can import them at no cost; the
 * schemas in `procedure.ts` are built from them.
 */
import type { LocalizedText } from '../eform/eform.types';

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
} as const satisfies Record<string, LocalizedText>;
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
} as const satisfies Record<string, LocalizedText>;
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
} as const satisfies Record<string, LocalizedText>;
export type AgencyKind = keyof typeof AGENCY_KINDS;

export const IMPLEMENTING_LEVELS = ['ministry', 'province', 'commune'] as const;
export type ImplementingLevel = (typeof IMPLEMENTING_LEVELS)[number];

export const APPLICANT_TYPES = ['citizen', 'business'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** Decree 42/2022/NĐ-CP, Art. 11: full-process online (toàn trình) or partial (một phần). */
export const ONLINE_LEVELS = ['full', 'partial'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

/** Submission channels (KenhThucHien): in person, online, public postal service. */
export const CHANNELS = ['in-person', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Life cycle of a version: drafts are edited, a published version is immutable, a retired one stays readable. */
export const VERSION_STATUSES = ['draft', 'published', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** The keys of a vocabulary, typed. */
export const keysOf = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as (keyof T & string)[];
