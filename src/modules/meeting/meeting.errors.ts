import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the meeting module, declared once. */
export const meetingErrors = {
  notFound: declareError('meeting.not_found', 404, t('Không tìm thấy cuộc họp', 'Meeting not found')),
  notOrganiser: declareError('meeting.not_organiser', 403, t('Chỉ chủ trì hoặc thư ký cuộc họp được thực hiện thao tác này', 'Only the chair or the secretary of the meeting may do this')),
  notParticipant: declareError('meeting.not_participant', 403, t('Bạn không phải thành phần tham dự cuộc họp', 'You are not a participant of this meeting')),
  notInAgency: declareError('meeting.not_in_agency', 403, t('Bạn không thuộc cơ quan tổ chức cuộc họp', 'You are not an officer of the agency holding the meeting')),
  wrongState: declareError('meeting.wrong_state', 409, t('Không thể thực hiện thao tác này ở trạng thái hiện tại của cuộc họp', 'This is not possible in the meeting’s current state')),
  badTimes: declareError('meeting.bad_times', 400, t('Thời gian kết thúc phải sau thời gian bắt đầu', 'The end must be after the start')),
  unknownOfficer: declareError('meeting.unknown_officer', 400, t('Không tìm thấy cán bộ được mời', 'An invited officer was not found')),
  duplicateParticipant: declareError('meeting.duplicate_participant', 400, t('Một người được mời hai lần', 'A person is invited twice')),
  notPdf: declareError('meeting.not_pdf', 400, t('Tài liệu phải là tệp PDF đọc được', 'The document must be a readable PDF file')),
  documentNotFound: declareError('meeting.document_not_found', 404, t('Không tìm thấy tài liệu của cuộc họp', 'Meeting document not found')),
  opinionClosed: declareError('meeting.opinion_closed', 409, t('Đã hết thời hạn góp ý kiến bằng văn bản cho tài liệu này', 'The deadline for written opinions on this document has passed')),
  noOpinionAsked: declareError('meeting.no_opinion_asked', 409, t('Tài liệu này không lấy ý kiến', 'No opinions are collected on this document')),
  alreadyGiven: declareError('meeting.already_given', 409, t('Bạn đã gửi ý kiến hoặc phiếu biểu quyết', 'You have already given your opinion or ballot')),
  voteNotFound: declareError('meeting.vote_not_found', 404, t('Không tìm thấy nội dung biểu quyết', 'Vote not found')),
  voteClosed: declareError('meeting.vote_closed', 409, t('Biểu quyết đã kết thúc', 'The vote is closed')),
  notVoting: declareError('meeting.not_voting', 403, t('Bạn không có quyền biểu quyết trong cuộc họp này', 'You have no vote in this meeting')),
  votesOpen: declareError('meeting.votes_open', 409, t('Còn nội dung biểu quyết chưa kết thúc', 'A vote is still open')),
};
