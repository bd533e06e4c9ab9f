import type { Role } from '../shared/auth/roles';

/**
 * The demo province: Hải Phòng city (statistics code 31; merged with Hải Dương on 1 July 2025), its People's
 * Committee, main departments (sở, after the 2025 reorganisation) and several communes (phường, xã, đặc khu). Electronic identifiers follow Decision 20/2020/QĐ-TTg; the level-1
 * code `H38` is the spec's example and is illustrative — an installation uses its own from the national register.
 */
export const DEMO_PROVINCE_CODE = '31';
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

const PROVINCE_SERVICE_CENTRE = 'Trung tâm Phục vụ hành chính công thành phố Hải Phòng';
const PROVINCE_SERVICE_CENTRE_EN = 'Hai Phong City Public Administration Service Centre';

export const DEMO_PROVINCE: DemoAgency = {
  code: `000.00.00.${DEMO_LEVEL1}`,
  name: 'Ủy ban nhân dân thành phố Hải Phòng',
  nameEn: "Hai Phong City People's Committee",
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
  dept('11', 'police', 'Công an thành phố Hải Phòng', 'Hai Phong City Police'),
];

const commune = (n: string, unit: string, name: string, nameEn: string): DemoAgency => ({
  code: `000.00.${n}.${DEMO_LEVEL1}`,
  name: `Ủy ban nhân dân ${name}`,
  nameEn: `People's Committee of ${nameEn}`,
  level: 'commune',
  kind: 'commune-pc',
  adminUnitCode: unit,
  oneStopUnit: `Trung tâm Phục vụ hành chính công ${name}`,
  oneStopUnitEn: `${nameEn} Public Administration Service Centre`,
});

export const DEMO_COMMUNES: DemoAgency[] = [
  commune('21', '11311', 'phường Hồng Bàng', 'Hong Bang Ward'),
  commune('22', '11329', 'phường Ngô Quyền', 'Ngo Quyen Ward'),
  commune('23', '11383', 'phường Lê Chân', 'Le Chan Ward'),
  commune('24', '11413', 'phường Hải An', 'Hai An Ward'),
  commune('25', '11914', 'đặc khu Cát Hải', 'Cat Hai Special Zone'),
  commune('26', '10606', 'xã Nam Sách', 'Nam Sach Commune'),
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
  { username: 'qtv.haiphong', displayName: 'Phạm Thu Hà', agencyCode: DEMO_PROVINCE.code, roles: ['agency_admin'], includeSubAgencies: true },
  ...officersFor('hongbang', DEMO_COMMUNES[0].code, ['Nguyễn Thị Lan', 'Trần Văn Minh', 'Lê Hoàng Nam', 'Vũ Thị Hương']),
  ...officersFor('tuphap', DEMO_DEPARTMENTS[0].code, ['Đỗ Thị Mai', 'Bùi Quang Huy', 'Hoàng Văn Dũng', 'Ngô Thị Thảo']),
  ...officersFor('xaydung', DEMO_DEPARTMENTS[1].code, ['Đặng Thị Yến', 'Phan Văn Long', 'Trịnh Minh Tuấn', 'Lý Thị Ngọc']),
];
