import type { LocalizedText } from '../eform/eform.types';

/**
 * Registry attributes an e-form field may bind to (`registryBinding`); the registry module prefills by these names.
 * - `population.*`: the signed-in applicant's own record in the national population database.
 * - `population.spouse.*`: the applicant's spouse as recorded there.
 * - `parent.mother.*`, `parent.father.*`: the parents of a child being registered: the prefill service takes them
 *   from the applicant's record and the spouse's, by sex (birth registration).
 * - `civilStatus.marriage.*`: the applicant's marriage record in the electronic civil-status database.
 * - `business.*`: the organisation the applicant acts for, from the national business register.
 * - `householdBusiness.*`: the applicant's household business, from the same register.
 * - `driving.*`: the applicant's driving licence, from the driving-licence database.
 * - `insurance.*`: the applicant's social-insurance record.
 */
export const REGISTRY_BINDINGS = {
  'population.fullName': { vi: 'Họ, chữ đệm và tên', en: 'Full name' },
  'population.personalId': { vi: 'Số định danh cá nhân', en: 'Personal identification number' },
  'population.dateOfBirth': { vi: 'Ngày, tháng, năm sinh', en: 'Date of birth' },
  'population.sex': { vi: 'Giới tính', en: 'Sex' },
  'population.ethnicity': { vi: 'Dân tộc', en: 'Ethnicity' },
  'population.nationality': { vi: 'Quốc tịch', en: 'Nationality' },
  'population.hometown': { vi: 'Quê quán', en: 'Place of origin' },
  'population.permanentAddress': { vi: 'Nơi thường trú', en: 'Permanent residence' },
  'population.currentAddress': { vi: 'Nơi ở hiện tại', en: 'Current address' },
  'population.residenceCommuneCode': { vi: 'Mã xã nơi cư trú', en: 'Commune code of residence' },
  'population.phone': { vi: 'Số điện thoại', en: 'Phone number' },
  'population.email': { vi: 'Thư điện tử', en: 'Email' },
  'population.spouse.fullName': { vi: 'Họ tên vợ/chồng', en: "Spouse's full name" },
  'population.spouse.personalId': { vi: 'Số định danh của vợ/chồng', en: "Spouse's personal ID" },
  'parent.mother.fullName': { vi: 'Họ tên người mẹ', en: "Mother's full name" },
  'parent.mother.personalId': { vi: 'Số định danh của người mẹ', en: "Mother's personal ID" },
  'parent.mother.dateOfBirth': { vi: 'Ngày sinh của người mẹ', en: "Mother's date of birth" },
  'parent.mother.ethnicity': { vi: 'Dân tộc của người mẹ', en: "Mother's ethnicity" },
  'parent.mother.residence': { vi: 'Nơi cư trú của người mẹ', en: "Mother's residence" },
  'parent.father.fullName': { vi: 'Họ tên người cha', en: "Father's full name" },
  'parent.father.personalId': { vi: 'Số định danh của người cha', en: "Father's personal ID" },
  'parent.father.dateOfBirth': { vi: 'Ngày sinh của người cha', en: "Father's date of birth" },
  'parent.father.ethnicity': { vi: 'Dân tộc của người cha', en: "Father's ethnicity" },
  'parent.father.residence': { vi: 'Nơi cư trú của người cha', en: "Father's residence" },
  'civilStatus.marriage.certificateNumber': { vi: 'Số Giấy chứng nhận kết hôn', en: 'Marriage certificate number' },
  'civilStatus.marriage.registrationDate': { vi: 'Ngày đăng ký kết hôn', en: 'Date the marriage was registered' },
  'civilStatus.marriage.registeredAt': { vi: 'Nơi đăng ký kết hôn', en: 'Where the marriage was registered' },
  'business.enterpriseCode': { vi: 'Mã số doanh nghiệp', en: 'Enterprise code' },
  'business.name': { vi: 'Tên doanh nghiệp', en: 'Enterprise name' },
  'business.headOfficeAddress': { vi: 'Địa chỉ trụ sở chính', en: 'Head office address' },
  'business.legalRepresentative.fullName': { vi: 'Họ tên người đại diện theo pháp luật', en: 'Legal representative' },
  'business.legalRepresentative.personalId': { vi: 'Số định danh của người đại diện theo pháp luật', en: "Legal representative's personal ID" },
  'business.phone': { vi: 'Số điện thoại doanh nghiệp', en: 'Business phone' },
  'business.email': { vi: 'Thư điện tử doanh nghiệp', en: 'Business email' },
  'householdBusiness.registrationNumber': { vi: 'Mã số hộ kinh doanh', en: 'Household business number' },
  'householdBusiness.name': { vi: 'Tên hộ kinh doanh', en: 'Household business name' },
  'householdBusiness.address': { vi: 'Địa điểm kinh doanh', en: 'Household business address' },
  'driving.licenceNumber': { vi: 'Số giấy phép lái xe', en: 'Driving licence number' },
  'driving.licenceClass': { vi: 'Hạng giấy phép lái xe', en: 'Driving licence class' },
  'driving.licenceExpiryDate': { vi: 'Ngày hết hạn giấy phép lái xe', en: 'Driving licence expiry date' },
  'insurance.socialInsuranceNumber': { vi: 'Mã số bảo hiểm xã hội', en: 'Social insurance number' },
} as const satisfies Record<string, LocalizedText>;

export type RegistryBindingName = keyof typeof REGISTRY_BINDINGS;
