import { F, t, type FieldSpec, type SectionSpec } from './builders';
import type { Bilingual, ExemptFee, WorkflowStep } from './types';

/**
 * Pieces shared by the demo procedures: the province, legal texts cited often, places of submission, the applicant
 * section of the forms, sample applicants and workflow templates.
 */

/** The demo catalogue is that of Hải Phòng City (statistics code 31) and its communes, after 1 July 2025. */
export const DEMO_PROVINCE = { code: '31', name: t('Thành phố Hải Phòng', 'Hai Phong City') } as const;

/** Legal texts cited by several procedures (numbers as published). */
export const LAW = {
  civilStatus: 'Luật Hộ tịch số 60/2014/QH13',
  civilStatusDecree: 'Nghị định 123/2015/NĐ-CP (sửa đổi bởi Nghị định 07/2025/NĐ-CP)',
  civilStatusCircular: 'Thông tư 04/2020/TT-BTP',
  civilStatusDb: 'Nghị định 87/2020/NĐ-CP',
  mojDecentralisation: 'Nghị định 120/2025/NĐ-CP',
  interconnected: 'Nghị định 63/2024/NĐ-CP',
  marriageFamily: 'Luật Hôn nhân và gia đình số 52/2014/QH13',
  provinceFeeFramework: 'Thông tư 85/2019/TT-BTC (sửa đổi bởi Thông tư 106/2021/TT-BTC)',
  hpCivilStatusFees: 'Nghị quyết 12/2018/NQ-HĐND thành phố Hải Phòng (Phụ lục 04, sửa đổi bởi Nghị quyết 16/2023/NQ-HĐND)',
  hpOnlineZeroFees: 'Nghị quyết 23/2026/NQ-HĐND thành phố Hải Phòng',
  civilStatusCopyFee: 'Thông tư 281/2016/TT-BTC',
  residence: 'Luật Cư trú số 68/2020/QH14',
  residenceDecree: 'Nghị định 154/2024/NĐ-CP',
  residenceCircular: 'Thông tư 55/2021/TT-BCA (sửa đổi bởi Thông tư 66/2023/TT-BCA)',
  residenceFees: 'Thông tư 75/2022/TT-BTC',
  certification: 'Nghị định 23/2015/NĐ-CP',
  certificationCircular: 'Thông tư 01/2020/TT-BTP',
  certificationFees: 'Thông tư 226/2016/TT-BTC',
  hpEcopySupport: 'Nghị quyết 43/2025/NQ-HĐND thành phố Hải Phòng',
  construction: 'Luật Xây dựng số 50/2014/QH13 (sửa đổi bởi Luật số 62/2020/QH14)',
  constructionDecree: 'Nghị định 175/2024/NĐ-CP',
  hpConstructionFees: 'Nghị quyết 45/2018/NQ-HĐND thành phố Hải Phòng (Phụ lục 10)',
  enterpriseLaw: 'Luật Doanh nghiệp số 59/2020/QH14 (sửa đổi bởi Luật số 76/2025/QH15)',
  businessRegistration: 'Nghị định 168/2025/NĐ-CP',
  businessForms: 'Thông tư 68/2025/TT-BTC',
  hpBusinessFees: 'Nghị quyết 12/2026/NQ-HĐND thành phố Hải Phòng',
  land: 'Luật Đất đai số 31/2024/QH15',
  landDecree: 'Nghị định 101/2024/NĐ-CP',
  landDecentralisation: 'Nghị định 151/2025/NĐ-CP',
  hpLandFees: 'Nghị quyết 34/2025/NQ-HĐND thành phố Hải Phòng',
  socialAssistance: 'Nghị định 20/2021/NĐ-CP (sửa đổi bởi Nghị định 76/2024/NĐ-CP)',
  disability: 'Luật Người khuyết tật số 51/2010/QH12',
  disabilityDecree: 'Nghị định 28/2012/NĐ-CP',
  disabilityCircular: 'Thông tư 01/2019/TT-BLĐTBXH',
  merit: 'Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14',
  meritDecree: 'Nghị định 131/2021/NĐ-CP',
  judicialRecord: 'Luật Lý lịch tư pháp số 28/2009/QH12',
  judicialRecordDecree: 'Nghị định 111/2010/NĐ-CP',
  judicialRecordFees: 'Thông tư 244/2016/TT-BTC',
  roadTraffic: 'Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15',
  drivingLicenceCircular: 'Thông tư 35/2024/TT-BCA',
  drivingLicenceFees: 'Thông tư 37/2023/TT-BTC',
  labourCode: 'Bộ luật Lao động số 45/2019/QH14',
  foreignWorkers: 'Nghị định 219/2025/NĐ-CP',
  hpWorkPermitFees: 'Nghị quyết 12/2018/NQ-HĐND thành phố Hải Phòng (Phụ lục 03, sửa đổi bởi Nghị quyết 16/2023/NQ-HĐND)',
  employment: 'Luật Việc làm số 74/2025/QH15',
  foodSafety: 'Luật An toàn thực phẩm số 55/2010/QH12',
  foodSafetyDecree: 'Nghị định 15/2018/NĐ-CP',
  foodSafetyFees: 'Thông tư 67/2021/TT-BTC',
  onlineServices: 'Nghị định 42/2022/NĐ-CP',
  electronicProcedures: 'Nghị định 45/2020/NĐ-CP',
  oneStopShop: 'Nghị định 118/2025/NĐ-CP',
} as const;

export const PLACE = {
  commune: t(
    'Trung tâm Phục vụ hành chính công xã, phường, đặc khu',
    'Public Administrative Service Centre of the commune, ward or special zone',
  ),
  communeAny: t(
    'Trung tâm Phục vụ hành chính công của bất kỳ xã, phường, đặc khu nào trong thành phố (không phụ thuộc địa giới hành chính)',
    'Public Administrative Service Centre of any commune or ward of the city (regardless of administrative boundaries)',
  ),
  city: t('Trung tâm Phục vụ hành chính công thành phố Hải Phòng', 'Hai Phong City Public Administrative Service Centre'),
  portal: t('Cổng Dịch vụ công quốc gia', 'National Public Service Portal'),
  vneid: t('Ứng dụng định danh quốc gia VNeID', 'VNeID national identification app'),
  communePolice: t('Công an xã, phường, đặc khu nơi cư trú', 'Police of the commune or ward of residence'),
  landOffice: t(
    'Chi nhánh Văn phòng đăng ký đất đai hoặc Trung tâm Phục vụ hành chính công cấp xã',
    'Branch of the Land Registration Office, or the commune Public Administrative Service Centre',
  ),
  employmentCentre: t('Trung tâm Dịch vụ việc làm thành phố Hải Phòng', 'Hai Phong Employment Service Centre'),
} as const;

export const STEP = {
  submit: t(
    'Người yêu cầu nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia, trực tiếp tại bộ phận một cửa, hoặc qua dịch vụ bưu chính công ích.',
    'The applicant files online on the National Public Service Portal, in person at the one-stop desk, or by public postal service.',
  ),
  receive: t(
    'Công chức tiếp nhận kiểm tra hồ sơ; hồ sơ đầy đủ thì cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả, chưa đầy đủ thì hướng dẫn bổ sung một lần.',
    'The receiving officer checks the dossier and issues a receipt with the return date; an incomplete dossier is returned once with guidance.',
  ),
  pay: t('Người yêu cầu nộp phí, lệ phí (nếu có), có thể thanh toán trực tuyến.', 'The applicant pays any fee, which can be paid online.'),
  returnResult: t(
    'Trả kết quả trực tiếp, qua bưu chính hoặc bản điện tử vào kho quản lý dữ liệu điện tử của người yêu cầu.',
    "The result is returned in person, by post, or electronically to the applicant's data store.",
  ),
} as const;

export const DECLARATION: FieldSpec = F.mustTick(
  t(
    'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời cam đoan của mình',
    'I declare that the information above is true and I am legally responsible for this declaration',
  ),
);

export const declarationSection = (): SectionSpec => ({
  id: 'declaration',
  title: t('Cam đoan', 'Declaration'),
  fields: { declaration: DECLARATION },
});

/** The person filing (người yêu cầu / người nộp hồ sơ), prefilled from the population database. */
export function applicantSection(title: Bilingual = t('Thông tin người yêu cầu', 'Applicant')): SectionSpec {
  return {
    id: 'applicant',
    title,
    fields: {
      applicantFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100, binding: 'population.fullName' }),
      applicantPersonalId: F.personalId(t('Số định danh cá nhân', 'Personal identification number'), { binding: 'population.personalId' }),
      applicantDateOfBirth: F.date(t('Ngày, tháng, năm sinh', 'Date of birth'), { binding: 'population.dateOfBirth' }),
      applicantAddress: F.text(t('Nơi cư trú', 'Place of residence'), { max: 300, binding: 'population.permanentAddress', editable: true }),
      applicantPhone: F.phone(t('Số điện thoại liên hệ', 'Contact phone number'), { binding: 'population.phone', editable: true }),
      applicantEmail: F.email(t('Thư điện tử', 'Email'), { optional: true, binding: 'population.email', editable: true }),
    },
  };
}

/** The organisation filing, prefilled from the business register. */
export function businessApplicantSection(): SectionSpec {
  return {
    id: 'business',
    title: t('Thông tin doanh nghiệp', 'Business'),
    fields: {
      enterpriseCode: F.enterpriseCode(t('Mã số doanh nghiệp', 'Enterprise code'), { binding: 'business.enterpriseCode' }),
      businessName: F.text(t('Tên doanh nghiệp', 'Enterprise name'), { max: 255, binding: 'business.name' }),
      headOfficeAddress: F.text(t('Địa chỉ trụ sở chính', 'Head office address'), { max: 300, binding: 'business.headOfficeAddress' }),
      legalRepName: F.text(t('Người đại diện theo pháp luật', 'Legal representative'), { max: 100, binding: 'business.legalRepresentative.fullName' }),
      legalRepPersonalId: F.personalId(t('Số định danh của người đại diện', "Representative's personal ID"), {
        binding: 'business.legalRepresentative.personalId',
      }),
      businessPhone: F.phone(t('Số điện thoại', 'Phone number'), { binding: 'business.phone', editable: true }),
      businessEmail: F.email(t('Thư điện tử', 'Email'), { binding: 'business.email', editable: true }),
    },
  };
}

/** How the applicant wants the result: in person, by post (address needed) or electronically only. */
export function deliverySection(): SectionSpec {
  return {
    id: 'delivery',
    title: t('Nhận kết quả', 'Receiving the result'),
    fields: {
      deliveryMethod: F.radio(t('Hình thức nhận kết quả', 'How to receive the result'), [
        ['in-person', 'Nhận trực tiếp tại nơi nộp hồ sơ', 'Collect in person'],
        ['postal', 'Nhận qua dịch vụ bưu chính công ích', 'By public postal service'],
        ['electronic', 'Chỉ nhận bản điện tử', 'Electronic copy only'],
      ]),
      deliveryAddress: F.text(t('Địa chỉ nhận qua bưu chính', 'Postal address'), {
        max: 300,
        visibleIf: { field: 'deliveryMethod', equals: 'postal' },
      }),
    },
  };
}

/** Sample applicants (fictitious people; personal IDs use province code 031 Hải Phòng). */
export const SAMPLE_APPLICANT = {
  applicantFullName: 'Nguyễn Văn Hùng',
  applicantPersonalId: '031088004512',
  applicantDateOfBirth: '1988-03-15',
  applicantAddress: 'Số 12 đường Lạch Tray, phường Lê Chân, thành phố Hải Phòng',
  applicantPhone: '0912345678',
  applicantEmail: 'hung.nguyen@example.vn',
} as const;

export const SAMPLE_APPLICANT_WOMAN = {
  applicantFullName: 'Trần Thị Mai',
  applicantPersonalId: '031192002468',
  applicantDateOfBirth: '1992-07-21',
  applicantAddress: 'Thôn Đông, xã Vĩnh Bảo, thành phố Hải Phòng',
  applicantPhone: '0987654321',
} as const;

export const SAMPLE_BUSINESS = {
  enterpriseCode: '0201234567',
  businessName: 'Công ty TNHH Cơ khí Cảng Hải Phòng',
  headOfficeAddress: 'Số 5 đường Đình Vũ, phường Đông Hải, thành phố Hải Phòng',
  legalRepName: 'Phạm Quốc Bảo',
  legalRepPersonalId: '031079001357',
  businessPhone: '02253842658',
  businessEmail: 'lienhe@cokhicang.example.vn',
} as const;

export const SAMPLE_DELIVERY = { deliveryMethod: 'in-person' } as const;

export function exempt(name: Bilingual, legalBasis: string[], note?: Bilingual): ExemptFee {
  const f: ExemptFee = { type: 'exempt', nature: 'le-phi', name, legalBasis };
  if (note) f.note = note;
  return f;
}

const step = (id: string, kind: WorkflowStep['kind'], name: Bilingual, role: WorkflowStep['role'], sharePercent: number): WorkflowStep => ({
  id,
  kind,
  name,
  role,
  sharePercent,
});

const RECEIVE = t('Tiếp nhận hồ sơ', 'Receive the dossier');
const PROCESS = t('Thẩm định, xử lý hồ sơ', 'Examine the dossier');
const APPROVE = t('Phê duyệt, ký kết quả', 'Approve and sign');
const RETURN = t('Trả kết quả', 'Return the result');

/** Same-day procedures (civil status, certification): the officer who receives also drafts. */
export function workflowSameDay(approver = t('Lãnh đạo UBND xã ký', 'Commune PC leader signs')): WorkflowStep[] {
  return [
    step('receive', 'receive', RECEIVE, 'receiving_officer', 10),
    step('process', 'process', PROCESS, 'specialist', 50),
    step('approve', 'approve', approver, 'approver', 30),
    step('return', 'return', RETURN, 'result_officer', 10),
  ];
}

export function workflowStandard(): WorkflowStep[] {
  return [
    step('receive', 'receive', RECEIVE, 'receiving_officer', 5),
    step('process', 'process', PROCESS, 'specialist', 65),
    step('approve', 'approve', APPROVE, 'approver', 20),
    step('return', 'return', RETURN, 'result_officer', 10),
  ];
}

/** With a consultation (verification, site visit, opinion of another agency) between examination and approval. */
export function workflowWithConsult(consult: Bilingual): WorkflowStep[] {
  return [
    step('receive', 'receive', RECEIVE, 'receiving_officer', 5),
    step('process', 'process', PROCESS, 'specialist', 40),
    step('consult', 'consult', consult, 'specialist', 30),
    step('approve', 'approve', APPROVE, 'approver', 15),
    step('return', 'return', RETURN, 'result_officer', 10),
  ];
}
