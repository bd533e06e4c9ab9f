import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the voice module (ratings, petitions, the assistant), declared once. */
export const voiceErrors = {
  notRateable: declareError('voice.not_rateable', 409, t('Hồ sơ này chưa thể đánh giá', 'This dossier cannot be rated now')),
  alreadyRated: declareError('voice.already_rated', 409, t('Hồ sơ này đã được đánh giá', 'This dossier has already been rated')),
  notRated: declareError('voice.not_rated', 404, t('Hồ sơ này chưa được đánh giá', 'This dossier has not been rated')),
  ratingLocked: declareError('voice.rating_locked', 409, t('Đã hết thời hạn sửa đánh giá', 'The rating can no longer be changed')),
  petitionNotFound: declareError('voice.petition_not_found', 404, t('Không tìm thấy phản ánh, kiến nghị', 'Petition not found')),
  contactRequired: declareError('voice.contact_required', 400, t('Cần họ tên và thư điện tử hoặc số điện thoại để nhận trả lời', 'A name and an e-mail address or phone number are required to receive the answer')),
  agencyRequired: declareError('voice.agency_required', 400, t('Cần chọn cơ quan tiếp nhận phản ánh', 'Choose the agency the petition is for')),
  dossierUnknown: declareError('voice.dossier_unknown', 400, t('Không tìm thấy hồ sơ có mã này', 'No dossier with this code')),
  actionNotAllowed: declareError('voice.action_not_allowed', 409, t('Không thể thực hiện thao tác này với phản ánh ở trạng thái hiện tại', 'This action is not possible on the petition now')),
  notHandler: declareError('voice.not_handler', 403, t('Bạn không thuộc cơ quan xử lý phản ánh này', 'You are not an officer of the agency handling this petition')),
  textRequired: declareError('voice.text_required', 400, t('Cần nhập nội dung (lý do, yêu cầu hoặc trả lời)', 'Enter the text (reason, request or answer)')),
  sameAgency: declareError('voice.same_agency', 400, t('Cần chọn cơ quan khác để chuyển phản ánh', 'Choose another agency to re-route the petition to')),
  attachmentType: declareError('voice.attachment_type', 415, t('Tệp đính kèm phải là PDF, JPEG hoặc PNG', 'An attachment must be a PDF, JPEG or PNG file')),
  attachmentTooLarge: declareError('voice.attachment_too_large', 413, t('Mỗi tệp đính kèm tối đa 5 MB', 'Each attachment may be at most 5 MB')),
  attachmentInfected: declareError('voice.attachment_infected', 422, t('Tệp đính kèm có mã độc và đã bị từ chối', 'An attachment contains malware and was refused')),
  attachmentNotFound: declareError('voice.attachment_not_found', 404, t('Không tìm thấy tệp đính kèm', 'Attachment not found')),
  faqNotFound: declareError('voice.faq_not_found', 404, t('Không tìm thấy câu hỏi trong mục hỏi đáp', 'FAQ entry not found')),
  faqProcedureUnknown: declareError('voice.faq_procedure_unknown', 400, t('Không có thủ tục với mã này trong danh mục', 'No procedure with this key in the catalogue')),
};
