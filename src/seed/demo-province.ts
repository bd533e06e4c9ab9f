import type { Role } from '../modules/identity/identity.schema';

/**
 * The demo province: Quảng Ninh (statistics code 22), its People's Committee, main departments (sở, after the
 * 2025 reorganisation) and several communes. Electronic identifiers follow Decision 20/2020/QĐ-TTg; the level-1
 * code `H38` is the spec's example and is illustrative — an installation uses its own from the national register.
 */
export const DEMO_PROVINCE_CODE = '22';
export const DEMO_LEVEL1 = 'H38';

export interface DemoAgency {
  code: string;
  name: string;
  nameEn: string;
  level: 'province' | 'department' | 'commune';
  kind: string;
  adminUnitCode: string;
  oneStopUnit: string;
  oneStopUnitEn: string;
}

const PROVINCE_SERVICE_CENTRE = 'Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh';
const PROVINCE_SERVICE_CENTRE_EN = 'Quang Ninh Provincial Public Administration Service Centre';

export const DEMO_PROVINCE: DemoAgency = {
  code: `000.00.00.${DEMO_LEVEL1}`,
  name: 'Ủy ban nhân dân tỉnh Quảng Ninh',
  nameEn: "Quang Ninh Provincial People's Committee",
  level: 'province',
  kind: 'province-pc',
  adminUnitCode: DEMO_PROVINCE_CODE,
  oneStopUnit: PROVINCE_SERVICE_CENTRE,
  oneStopUnitEn: PROVINCE_SERVICE_CENTRE_EN,
};

const dept = (n: string, kind: string, name: string, nameEn: string): DemoAgency => ({
  code: `000.00.${n}.${DEMO_LEVEL1}`,
  name,
  nameEn,
  level: 'department',
  kind,
  adminUnitCode: DEMO_PROVINCE_CODE,
  oneStopUnit: PROVINCE_SERVICE_CENTRE,
  oneStopUnitEn: PROVINCE_SERVICE_CENTRE_EN,
});

export const DEMO_DEPARTMENTS: DemoAgency[] = [
  dept('01', 'dept-justice', 'Sở Tư pháp', 'Department of Justice'),
  dept('02', 'dept-construction', 'Sở Xây dựng', 'Department of Construction'),
  dept('03', 'dept-agriculture-environment', 'Sở Nông nghiệp và Môi trường', 'Department of Agriculture and Environment'),
  dept('04', 'dept-home-affairs', 'Sở Nội vụ', 'Department of Home Affairs'),
  dept('05', 'dept-finance', 'Sở Tài chính', 'Department of Finance'),
  dept('06', 'dept-health', 'Sở Y tế', 'Department of Health'),
  dept('07', 'dept-education', 'Sở Giáo dục và Đào tạo', 'Department of Education and Training'),
  dept('08', 'dept-industry-trade', 'Sở Công Thương', 'Department of Industry and Trade'),
  dept('09', 'dept-culture-sports-tourism', 'Sở Văn hóa, Thể thao và Du lịch', 'Department of Culture, Sports and Tourism'),
  dept('10', 'dept-science-technology', 'Sở Khoa học và Công nghệ', 'Department of Science and Technology'),
  dept('11', 'police', 'Công an tỉnh Quảng Ninh', 'Quang Ninh Provincial Police'),
];

const commune = (n: string, unit: string, name: string, nameEn: string): DemoAgency => ({
  code: `000.00.${n}.${DEMO_LEVEL1}`,
  name: `Ủy ban nhân dân ${name}`,
  nameEn: `People's Committee of ${nameEn}`,
  level: 'commune',
  kind: 'commune-pc',
  adminUnitCode: unit,
  oneStopUnit: `Trung tâm Phục vụ hành chính công ${name.toLowerCase().replace(/^(phường|xã)/, (m) => m)}`,
  oneStopUnitEn: `${nameEn} Public Administration Service Centre`,
});

export const DEMO_COMMUNES: DemoAgency[] = [
  commune('21', '06688', 'phường Hạ Long', 'Ha Long Ward'),
  commune('22', '06673', 'phường Bãi Cháy', 'Bai Chay Ward'),
  commune('23', '06685', 'phường Hồng Gai', 'Hong Gai Ward'),
  commune('24', '06706', 'phường Tuần Châu', 'Tuan Chau Ward'),
  commune('25', '06838', 'xã Bình Liêu', 'Binh Lieu Commune'),
  commune('26', '06862', 'xã Tiên Yên', 'Tien Yen Commune'),
];

/** Demo password of every demo officer (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'MotCua@2026';

export interface DemoOfficer {
  username: string;
  displayName: string;
  agencyCode: string;
  roles: Role[];
  includeSubAgencies?: boolean;
}

const officersFor = (slug: string, agencyCode: string, people: [string, string, string, string]): DemoOfficer[] => [
  { username: `tiepnhan.${slug}`, displayName: people[0], agencyCode, roles: ['receiving_officer'] },
  { username: `chuyenvien.${slug}`, displayName: people[1], agencyCode, roles: ['specialist'] },
  { username: `lanhdao.${slug}`, displayName: people[2], agencyCode, roles: ['approver'] },
  { username: `trakq.${slug}`, displayName: people[3], agencyCode, roles: ['result_officer'] },
];

export const DEMO_OFFICERS: DemoOfficer[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', agencyCode: DEMO_PROVINCE.code, roles: ['platform_admin'], includeSubAgencies: true },
  { username: 'qtv.quangninh', displayName: 'Phạm Thu Hà', agencyCode: DEMO_PROVINCE.code, roles: ['agency_admin'], includeSubAgencies: true },
  ...officersFor('halong', DEMO_COMMUNES[0].code, ['Nguyễn Thị Lan', 'Trần Văn Minh', 'Lê Hoàng Nam', 'Vũ Thị Hương']),
  ...officersFor('tuphap', DEMO_DEPARTMENTS[0].code, ['Đỗ Thị Mai', 'Bùi Quang Huy', 'Hoàng Văn Dũng', 'Ngô Thị Thảo']),
  ...officersFor('xaydung', DEMO_DEPARTMENTS[1].code, ['Đặng Thị Yến', 'Phan Văn Long', 'Trịnh Minh Tuấn', 'Lý Thị Ngọc']),
];
