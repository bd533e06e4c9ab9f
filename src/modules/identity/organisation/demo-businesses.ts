import type { BusinessDirectory, BusinessRecord } from './business-directory';

/**
 * Synthetic demo enterprises of the demo province (Hải Phòng, enterprise codes 02…; 08… from former Hải Dương), with
 * legal representatives among the demo citizens (eid/demo-citizens.ts). One is dissolved.
 */
export const DEMO_BUSINESSES: readonly BusinessRecord[] = [
  { enterpriseCode: '0201234567', name: 'Công ty Cổ phần Dịch vụ Cảng Hải Phòng Xanh', legalRepresentativePersonalId: '031085001234', status: 'active' },
  { enterpriseCode: '0202345678', name: 'Công ty TNHH Du lịch Cát Bà', legalRepresentativePersonalId: '031190004567', status: 'active' },
  { enterpriseCode: '0803456789', name: 'Hợp tác xã Nông nghiệp Nam Sách', legalRepresentativePersonalId: '031069005432', status: 'active' },
  { enterpriseCode: '0109876543', name: 'Công ty TNHH Phần mềm Sao Việt', legalRepresentativePersonalId: '001078012345', status: 'active' },
  { enterpriseCode: '0204567890', name: 'Công ty TNHH Thủy sản Cát Hải', legalRepresentativePersonalId: '031201001357', status: 'active' },
  { enterpriseCode: '0209990001', name: 'Công ty TNHH Thương mại Lê Chân', legalRepresentativePersonalId: '031072004444', status: 'dissolved' },
];

export class DemoBusinessDirectory implements BusinessDirectory {
  async findByCode(enterpriseCode: string): Promise<BusinessRecord | null> {
    return DEMO_BUSINESSES.find((b) => b.enterpriseCode === enterpriseCode) ?? null;
  }

  async findByLegalRepresentative(personalId: string): Promise<BusinessRecord[]> {
    return DEMO_BUSINESSES.filter((b) => b.legalRepresentativePersonalId === personalId);
  }
}
