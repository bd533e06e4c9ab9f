import type { BusinessDirectory, BusinessRecord } from './business-directory';

/** Synthetic demo enterprises, with legal representatives among the demo citizens (eid/demo-citizens.ts). */
export const DEMO_BUSINESSES: readonly BusinessRecord[] = [
  { enterpriseCode: '5700100256', name: 'Công ty Cổ phần Dịch vụ Cảng Hạ Long Xanh', legalRepresentativePersonalId: '022085001234', status: 'active' },
  { enterpriseCode: '5701234567', name: 'Công ty TNHH Du lịch Vịnh Ngọc', legalRepresentativePersonalId: '022190004567', status: 'active' },
  { enterpriseCode: '5702345678', name: 'Hợp tác xã Nông nghiệp Tiên Yên', legalRepresentativePersonalId: '022069005432', status: 'active' },
  { enterpriseCode: '0109876543', name: 'Công ty TNHH Phần mềm Sao Việt', legalRepresentativePersonalId: '001078012345', status: 'active' },
  { enterpriseCode: '5703456789', name: 'Công ty TNHH Thủy sản Vân Đồn', legalRepresentativePersonalId: '022201001357', status: 'active' },
  { enterpriseCode: '5709990001', name: 'Công ty TNHH Thương mại Bãi Cháy', legalRepresentativePersonalId: '022072004444', status: 'dissolved' },
];

export class DemoBusinessDirectory implements BusinessDirectory {
  async findByCode(enterpriseCode: string): Promise<BusinessRecord | null> {
    return DEMO_BUSINESSES.find((b) => b.enterpriseCode === enterpriseCode) ?? null;
  }

  async findByLegalRepresentative(personalId: string): Promise<BusinessRecord[]> {
    return DEMO_BUSINESSES.filter((b) => b.legalRepresentativePersonalId === personalId);
  }
}
