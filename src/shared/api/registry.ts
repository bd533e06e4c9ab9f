/** Base registries (population, business): the purposes a read states. */

/** Why an agency reads a registry; every read states one (Law 91/2025: processing only for a stated purpose). */
export const REGISTRY_PURPOSES = ['dossier_processing', 'prefill', 'verification', 'inspection'] as const;
export type RegistryPurpose = (typeof REGISTRY_PURPOSES)[number];

type Label = { vi: string; en: string };

/**
 * The platform's own systems as the access log names them (`client`). The stored names stay as they are; pages show
 * them by their label. A system account (another agency's software) is named by its own display name.
 */
export const ACCESS_CLIENTS = {
  portal: 'MotCua citizen portal',
  prefill: 'MotCua citizen portal (prefill)',
  backOffice: 'MotCua back office',
  api: 'MotCua API',
  identity: 'MotCua identity',
  dataRequests: 'MotCua data-subject requests',
  officerWorkspace: 'MotCua officer workspace',
} as const;

const CLIENT_LABELS: Record<string, Label> = {
  [ACCESS_CLIENTS.portal]: { vi: 'Cổng dịch vụ công MotCua', en: 'MotCua public service portal' },
  [ACCESS_CLIENTS.prefill]: { vi: 'Cổng dịch vụ công MotCua (điền sẵn hồ sơ)', en: 'MotCua public service portal (form prefill)' },
  [ACCESS_CLIENTS.backOffice]: { vi: 'Hệ thống giải quyết hồ sơ của cán bộ', en: 'Officers’ back office' },
  [ACCESS_CLIENTS.api]: { vi: 'Giao diện kết nối (API) của MotCua', en: 'MotCua API' },
  [ACCESS_CLIENTS.identity]: { vi: 'Hệ thống xác thực danh tính của MotCua', en: 'MotCua identity check' },
  [ACCESS_CLIENTS.dataRequests]: { vi: 'Bộ phận giải quyết yêu cầu về dữ liệu cá nhân', en: 'Personal-data requests desk' },
  [ACCESS_CLIENTS.officerWorkspace]: { vi: 'Hệ thống giải quyết hồ sơ của cán bộ', en: 'Officers’ back office' },
};

/** The registries a read comes from (`source` of the access log). */
const SOURCE_LABELS: Record<string, Label> = {
  population: { vi: 'Cơ sở dữ liệu quốc gia về dân cư', en: 'National population database' },
  business: { vi: 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp', en: 'National business registration database' },
  'dossier-attachment': { vi: 'Giấy tờ đính kèm hồ sơ', en: 'Dossier attachments' },
};

/**
 * The registry attributes a read can name (`fields` of the access log): the population registry's person fields,
 * the match fields, the business register's fields and the prefill's business bindings.
 */
export const REGISTRY_FIELD_LABELS: Record<string, Label> = {
  personalId: { vi: 'Số định danh cá nhân', en: 'Personal identification number' },
  fullName: { vi: 'Họ, chữ đệm và tên', en: 'Full name' },
  birthDate: { vi: 'Ngày sinh', en: 'Date of birth' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  nationality: { vi: 'Quốc tịch', en: 'Nationality' },
  ethnicity: { vi: 'Dân tộc', en: 'Ethnicity' },
  placeOfOrigin: { vi: 'Quê quán', en: 'Place of origin' },
  permanentResidence: { vi: 'Nơi thường trú', en: 'Permanent residence' },
  currentResidence: { vi: 'Nơi ở hiện tại', en: 'Current residence' },
  householdId: { vi: 'Số hộ', en: 'Household number' },
  idCardIssuedOn: { vi: 'Ngày cấp thẻ căn cước', en: 'ID card issue date' },
  parents: { vi: 'Cha, mẹ', en: 'Parents' },
  marriage: { vi: 'Quan hệ hôn nhân', en: 'Marriage' },
  fatherId: { vi: 'Số định danh của cha', en: 'Father’s identification number' },
  motherId: { vi: 'Số định danh của mẹ', en: 'Mother’s identification number' },
  spouseId: { vi: 'Số định danh của vợ hoặc chồng', en: 'Spouse’s identification number' },
  legalRepresentativeOf: { vi: 'Là người đại diện theo pháp luật của doanh nghiệp', en: 'Legal representative of an enterprise' },
  enterpriseCode: { vi: 'Mã số doanh nghiệp', en: 'Enterprise code' },
  name: { vi: 'Tên doanh nghiệp', en: 'Enterprise name' },
  nameVi: { vi: 'Tên doanh nghiệp', en: 'Enterprise name' },
  nameEn: { vi: 'Tên doanh nghiệp bằng tiếng nước ngoài', en: 'Enterprise name in a foreign language' },
  type: { vi: 'Loại hình doanh nghiệp', en: 'Type of enterprise' },
  status: { vi: 'Tình trạng hoạt động', en: 'Status' },
  registeredAddress: { vi: 'Địa chỉ trụ sở chính', en: 'Head office address' },
  headOfficeAddress: { vi: 'Địa chỉ trụ sở chính', en: 'Head office address' },
  legalRepresentativeId: { vi: 'Người đại diện theo pháp luật', en: 'Legal representative' },
  'legalRepresentative.personalId': { vi: 'Số định danh của người đại diện theo pháp luật', en: 'Legal representative’s identification number' },
  'legalRepresentative.fullName': { vi: 'Họ, chữ đệm và tên của người đại diện theo pháp luật', en: 'Legal representative’s full name' },
  charterCapital: { vi: 'Vốn điều lệ', en: 'Charter capital' },
  businessLines: { vi: 'Ngành, nghề kinh doanh', en: 'Business lines' },
  registeredOn: { vi: 'Ngày đăng ký', en: 'Registration date' },
  attachment: { vi: 'Tệp giấy tờ đính kèm', en: 'Attached file' },
};

/** A system's name in a language (a system account's own name is kept). */
export const accessClientLabel = (client: string, lang: 'vi' | 'en'): string => CLIENT_LABELS[client]?.[lang] ?? client;
/** A registry's name in a language. */
export const registrySourceLabel = (source: string, lang: 'vi' | 'en'): string => SOURCE_LABELS[source]?.[lang] ?? source;
/** A registry attribute's name in a language. */
export const registryFieldLabel = (field: string, lang: 'vi' | 'en'): string => REGISTRY_FIELD_LABELS[field]?.[lang] ?? field;
