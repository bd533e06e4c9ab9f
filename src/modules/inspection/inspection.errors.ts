import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the inspection module, declared once. */
export const inspectionErrors = {
  notFound: declareError('inspection.not_found', 404, t('Không tìm thấy cuộc kiểm tra', 'Inspection not found')),
  notInAgency: declareError('inspection.not_in_agency', 403, t('Bạn không thuộc cơ quan kiểm tra', 'You are not an officer of the inspecting agency')),
  notTeam: declareError('inspection.not_team', 403, t('Chỉ thành viên đoàn kiểm tra được thực hiện thao tác này', 'Only the inspection team may do this')),
  notLead: declareError('inspection.not_lead', 403, t('Chỉ trưởng đoàn kiểm tra được thực hiện thao tác này', 'Only the team lead may do this')),
  notLeader: declareError('inspection.not_leader', 403, t('Kế hoạch kiểm tra phải do lãnh đạo khác người lập phê duyệt', 'The plan must be approved by a leader other than its author')),
  notEntity: declareError('inspection.not_entity', 403, t('Bạn không phải người đại diện theo pháp luật của đơn vị được kiểm tra', 'You are not the legal representative of the inspected entity')),
  unknownEntity: declareError('inspection.unknown_entity', 400, t('Không tìm thấy doanh nghiệp đang hoạt động với mã số này', 'No active enterprise with this code')),
  unknownOfficer: declareError('inspection.unknown_officer', 400, t('Không tìm thấy cán bộ của đoàn kiểm tra', 'A team member was not found')),
  noLead: declareError('inspection.no_lead', 400, t('Đoàn kiểm tra cần đúng một trưởng đoàn', 'The team needs exactly one lead')),
  badDates: declareError('inspection.bad_dates', 400, t('Ngày kết thúc phải sau hoặc bằng ngày bắt đầu', 'The end date must not be before the start date')),
  wrongState: declareError('inspection.wrong_state', 409, t('Không thể thực hiện thao tác này ở trạng thái hiện tại của cuộc kiểm tra', 'This is not possible in the inspection’s current state')),
  requestNotFound: declareError('inspection.request_not_found', 404, t('Không tìm thấy yêu cầu cung cấp tài liệu', 'Document request not found')),
  requestClosed: declareError('inspection.request_closed', 409, t('Đã hết hạn cung cấp tài liệu cho yêu cầu này', 'The deadline of this document request has passed')),
  notPdf: declareError('inspection.not_pdf', 400, t('Tài liệu phải là tệp PDF đọc được', 'The document must be a readable PDF file')),
  findingNotFound: declareError('inspection.finding_not_found', 404, t('Không tìm thấy nội dung kết luận kiểm tra', 'Finding not found')),
  remediesOpen: declareError('inspection.remedies_open', 409, t('Còn biện pháp khắc phục chưa hoàn thành', 'Some remedies are not done yet')),
  noRemedy: declareError('inspection.no_remedy', 409, t('Nội dung này không yêu cầu khắc phục', 'No remedy is required for this finding')),
};
