/**
 * The built-in templates (version 1 of each), in Vietnamese and English. An administrator may publish newer
 * versions nationally or for one agency; the newest version in the narrowest scope wins. The e-mail text is also
 * the in-app text unless an in-app version is published. SMS and Zalo texts carry no personal data (see
 * PLACEHOLDERS) and point to the portal for the details.
 */
import type { Kind, Language } from './kinds';

export interface TemplateText {
  subject: string;
  body: string;
}
export interface ZaloTemplate {
  /** The ZNS template id approved by Zalo for the official account (set per installation). */
  templateId: string;
  /** The approved text, for the preview and the log; the placeholders used are sent as template_data. */
  body: string;
}
export interface DefaultTemplates {
  email: TemplateText;
  sms?: string;
  zalo?: ZaloTemplate;
}

type Table = Record<Kind, Record<Language, DefaultTemplates>>;

const FOLLOW_VI = 'Ông/Bà có thể theo dõi hồ sơ tại: ((link))';
const FOLLOW_EN = 'You can follow your application at: ((link))';

export const DEFAULT_TEMPLATES: Table = {
  dossier_received: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)) đã được tiếp nhận',
        body: `Kính gửi ((name)),

((agency)) đã tiếp nhận hồ sơ ((procedure)) của Ông/Bà.

Mã hồ sơ: ((code))
Ngày hẹn trả kết quả: ((appointment))
Nơi nhận kết quả: ((collect_at))

${FOLLOW_VI}`,
      },
      sms: 'Hồ sơ ((code)) đã được tiếp nhận. Ngày hẹn trả kết quả: ((appointment)). Tra cứu: ((lookup_link))',
      zalo: { templateId: '471001', body: 'Hồ sơ ((code)) đã được tiếp nhận. Ngày hẹn trả kết quả: ((appointment)). Tra cứu: ((lookup_link))' },
    },
    en: {
      email: {
        subject: 'Your application ((code)) has been received',
        body: `Dear ((name)),

((agency)) has received your application for ((procedure)).

Dossier code: ((code))
Result due: ((appointment))
Where to collect the result: ((collect_at))

${FOLLOW_EN}`,
      },
      sms: 'Application ((code)) received. Result due ((appointment)). Track it: ((lookup_link))',
      zalo: { templateId: '471101', body: 'Application ((code)) received. Result due ((appointment)). Track it: ((lookup_link))' },
    },
  },
  reception_refused: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)) không được tiếp nhận',
        body: `Kính gửi ((name)),

((agency)) không tiếp nhận hồ sơ ((procedure)) của Ông/Bà.

Lý do: ((reason))

Phiếu từ chối tiếp nhận hồ sơ (mẫu 03) có tại: ((link))`,
      },
      sms: 'Hồ sơ ((code)) không được tiếp nhận. Xem lý do tại: ((link))',
      zalo: { templateId: '471002', body: 'Hồ sơ ((code)) không được tiếp nhận. Xem lý do tại: ((link))' },
    },
    en: {
      email: {
        subject: 'Application ((code)) was not accepted',
        body: `Dear ((name)),

((agency)) did not accept your application for ((procedure)).

Reason: ((reason))

The refusal notice (form 03) is at: ((link))`,
      },
      sms: 'Application ((code)) was not accepted. See why: ((link))',
      zalo: { templateId: '471102', body: 'Application ((code)) was not accepted. See why: ((link))' },
    },
  },
  supplement_requested: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)) cần bổ sung giấy tờ',
        body: `Kính gửi ((name)),

((agency)) đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ ((procedure)).

Lý do: ((reason))

Giấy tờ cần bổ sung:
((missing_items))

((until??Hạn nộp bổ sung: ))((until))

Thời hạn giải quyết tạm dừng cho đến khi Ông/Bà nộp bổ sung. Nộp bổ sung trực tuyến tại: ((link))`,
      },
      sms: 'Hồ sơ ((code)) cần bổ sung giấy tờ. Xem chi tiết và nộp bổ sung: ((link))',
      zalo: { templateId: '471003', body: 'Hồ sơ ((code)) cần bổ sung giấy tờ. Xem chi tiết và nộp bổ sung: ((link))' },
    },
    en: {
      email: {
        subject: 'Application ((code)): more documents needed',
        body: `Dear ((name)),

((agency)) asks you to supplement your application for ((procedure)).

Reason: ((reason))

Documents needed:
((missing_items))

((until??Send them by: ))((until))

The processing time is paused until you send them. Supplement online at: ((link))`,
      },
      sms: 'Application ((code)) needs more documents. Details and upload: ((link))',
      zalo: { templateId: '471103', body: 'Application ((code)) needs more documents. Details and upload: ((link))' },
    },
  },
  payment_requested: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)): đề nghị thực hiện nghĩa vụ tài chính',
        body: `Kính gửi ((name)),

((agency)) đề nghị Ông/Bà thực hiện nghĩa vụ tài chính đối với hồ sơ ((procedure)).

Nội dung: ((reason))
((amount??Số tiền: ))((amount))

Hồ sơ tiếp tục được giải quyết sau khi Ông/Bà hoàn thành nghĩa vụ tài chính. Xem chi tiết tại: ((link))`,
      },
      sms: 'Hồ sơ ((code)) cần thực hiện nghĩa vụ tài chính((amount??: ))((amount)). Chi tiết: ((link))',
      zalo: { templateId: '471004', body: 'Hồ sơ ((code)) cần thực hiện nghĩa vụ tài chính((amount??: ))((amount)). Chi tiết: ((link))' },
    },
    en: {
      email: {
        subject: 'Application ((code)): payment requested',
        body: `Dear ((name)),

((agency)) asks you to pay the fees or taxes due for your application for ((procedure)).

For: ((reason))
((amount??Amount: ))((amount))

Processing resumes once the payment is made. Details at: ((link))`,
      },
      sms: 'Application ((code)): payment requested((amount??: ))((amount)). Details: ((link))',
      zalo: { templateId: '471104', body: 'Application ((code)): payment requested((amount??: ))((amount)). Details: ((link))' },
    },
  },
  payment_confirmed: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)): đã ghi nhận thanh toán',
        body: `Kính gửi ((name)),

((agency)) đã ghi nhận Ông/Bà hoàn thành nghĩa vụ tài chính đối với hồ sơ ((procedure)). Hồ sơ tiếp tục được giải quyết.

${FOLLOW_VI}`,
      },
      sms: 'Hồ sơ ((code)): đã ghi nhận thanh toán, hồ sơ tiếp tục được giải quyết.',
      zalo: { templateId: '471005', body: 'Hồ sơ ((code)): đã ghi nhận thanh toán, hồ sơ tiếp tục được giải quyết.' },
    },
    en: {
      email: {
        subject: 'Application ((code)): payment received',
        body: `Dear ((name)),

((agency)) has recorded your payment for your application for ((procedure)). Processing continues.

${FOLLOW_EN}`,
      },
      sms: 'Application ((code)): payment received, processing continues.',
      zalo: { templateId: '471105', body: 'Application ((code)): payment received, processing continues.' },
    },
  },
  result_ready: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)) đã có kết quả',
        body: `Kính gửi ((name)),

Hồ sơ ((procedure)) của Ông/Bà đã có kết quả.

((electronic??Kết quả điện tử đã được lưu vào Kho dữ liệu của Ông/Bà trên Cổng dịch vụ công.))
Nơi nhận kết quả: ((collect_at))

${FOLLOW_VI}`,
      },
      sms: 'Hồ sơ ((code)) đã có kết quả. Chi tiết: ((link))',
      zalo: { templateId: '471006', body: 'Hồ sơ ((code)) đã có kết quả. Chi tiết: ((link))' },
    },
    en: {
      email: {
        subject: 'Application ((code)): the result is ready',
        body: `Dear ((name)),

The result of your application for ((procedure)) is ready.

((electronic??The electronic result is in your data store on the portal.))
Where to collect the result: ((collect_at))

${FOLLOW_EN}`,
      },
      sms: 'Application ((code)): the result is ready. Details: ((link))',
      zalo: { templateId: '471106', body: 'Application ((code)): the result is ready. Details: ((link))' },
    },
  },
  result_returned: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)) đã trả kết quả',
        body: `Kính gửi ((name)),

((agency)) đã trả kết quả hồ sơ ((procedure)) cho Ông/Bà (hình thức: ((method))).

Cảm ơn Ông/Bà đã sử dụng dịch vụ công. ${FOLLOW_VI}`,
      },
      sms: 'Hồ sơ ((code)) đã trả kết quả. Cảm ơn Ông/Bà đã sử dụng dịch vụ công.',
      zalo: { templateId: '471007', body: 'Hồ sơ ((code)) đã trả kết quả. Cảm ơn Ông/Bà đã sử dụng dịch vụ công.' },
    },
    en: {
      email: {
        subject: 'Application ((code)): result returned',
        body: `Dear ((name)),

((agency)) has returned the result of your application for ((procedure)) (((method))).

Thank you for using the public service portal. ${FOLLOW_EN}`,
      },
      sms: 'Application ((code)): result returned. Thank you for using the public service portal.',
      zalo: { templateId: '471107', body: 'Application ((code)): result returned. Thank you for using the public service portal.' },
    },
  },
  request_rejected: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)): từ chối giải quyết',
        body: `Kính gửi ((name)),

((agency)) không giải quyết yêu cầu của Ông/Bà đối với hồ sơ ((procedure)).

Lý do: ((reason))

Văn bản trả lời có tại: ((link))`,
      },
      sms: 'Hồ sơ ((code)) bị từ chối giải quyết. Xem lý do tại: ((link))',
      zalo: { templateId: '471008', body: 'Hồ sơ ((code)) bị từ chối giải quyết. Xem lý do tại: ((link))' },
    },
    en: {
      email: {
        subject: 'Application ((code)) was refused',
        body: `Dear ((name)),

((agency)) has refused your application for ((procedure)).

Reason: ((reason))

The written answer is at: ((link))`,
      },
      sms: 'Application ((code)) was refused. See why: ((link))',
      zalo: { templateId: '471108', body: 'Application ((code)) was refused. See why: ((link))' },
    },
  },
  withdrawal_requested: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)): đã nhận yêu cầu rút hồ sơ',
        body: `Kính gửi ((name)),

((agency)) đã nhận yêu cầu rút hồ sơ ((procedure)) của Ông/Bà và sẽ ra thông báo dừng giải quyết.

${FOLLOW_VI}`,
      },
      sms: 'Hồ sơ ((code)): đã nhận yêu cầu rút hồ sơ.',
      zalo: { templateId: '471009', body: 'Hồ sơ ((code)): đã nhận yêu cầu rút hồ sơ.' },
    },
    en: {
      email: {
        subject: 'Application ((code)): withdrawal request received',
        body: `Dear ((name)),

((agency)) has received your request to withdraw your application for ((procedure)) and will issue a notice stopping its processing.

${FOLLOW_EN}`,
      },
      sms: 'Application ((code)): withdrawal request received.',
      zalo: { templateId: '471109', body: 'Application ((code)): withdrawal request received.' },
    },
  },
  dossier_withdrawn: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)) đã được rút',
        body: `Kính gửi ((name)),

Hồ sơ ((procedure)) đã được rút theo yêu cầu của Ông/Bà trước khi được tiếp nhận.

${FOLLOW_VI}`,
      },
      sms: 'Hồ sơ ((code)) đã được rút theo yêu cầu của Ông/Bà.',
      zalo: { templateId: '471010', body: 'Hồ sơ ((code)) đã được rút theo yêu cầu của Ông/Bà.' },
    },
    en: {
      email: {
        subject: 'Application ((code)) withdrawn',
        body: `Dear ((name)),

Your application for ((procedure)) was withdrawn at your request before it was received.

${FOLLOW_EN}`,
      },
      sms: 'Application ((code)) withdrawn at your request.',
      zalo: { templateId: '471110', body: 'Application ((code)) withdrawn at your request.' },
    },
  },
  dossier_stopped: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)): thông báo dừng giải quyết',
        body: `Kính gửi ((name)),

((agency)) thông báo dừng giải quyết hồ sơ ((procedure)) (mẫu 05).

Lý do: ((reason))

Thông báo có tại: ((link))`,
      },
      sms: 'Hồ sơ ((code)): thông báo dừng giải quyết. Chi tiết: ((link))',
      zalo: { templateId: '471011', body: 'Hồ sơ ((code)): thông báo dừng giải quyết. Chi tiết: ((link))' },
    },
    en: {
      email: {
        subject: 'Application ((code)): processing stopped',
        body: `Dear ((name)),

((agency)) has stopped processing your application for ((procedure)) (form 05).

Reason: ((reason))

The notice is at: ((link))`,
      },
      sms: 'Application ((code)): processing stopped. Details: ((link))',
      zalo: { templateId: '471111', body: 'Application ((code)): processing stopped. Details: ((link))' },
    },
  },
  dossier_extended: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)): thư xin lỗi và hẹn lại ngày trả kết quả',
        body: `Kính gửi ((name)),

((agency)) thành thật xin lỗi Ông/Bà vì hồ sơ ((procedure)) chưa được giải quyết đúng hẹn.

Lý do: ((reason))
Ngày hẹn trả cũ: ((old_due))
Ngày hẹn trả mới: ((new_due))

Thư xin lỗi và hẹn lại ngày trả kết quả (mẫu 04) có tại: ((link))`,
      },
      sms: 'Xin lỗi Ông/Bà: hồ sơ ((code)) được hẹn trả lại vào ((new_due)). Chi tiết: ((link))',
      zalo: { templateId: '471012', body: 'Xin lỗi Ông/Bà: hồ sơ ((code)) được hẹn trả lại vào ((new_due)). Chi tiết: ((link))' },
    },
    en: {
      email: {
        subject: 'Application ((code)): our apology and a new date',
        body: `Dear ((name)),

((agency)) sincerely apologises: your application for ((procedure)) could not be completed by the date promised.

Reason: ((reason))
Former date: ((old_due))
New date: ((new_due))

The letter of apology (form 04) is at: ((link))`,
      },
      sms: 'We apologise: application ((code)) will now be ready by ((new_due)). Details: ((link))',
      zalo: { templateId: '471112', body: 'We apologise: application ((code)) will now be ready by ((new_due)). Details: ((link))' },
    },
  },
  petition_answered: {
    vi: {
      email: {
        subject: 'Phản ánh, kiến nghị ((petition_code)) đã được trả lời',
        body: `Kính gửi ((name)),

((agency)) đã trả lời phản ánh, kiến nghị ((petition_code)) của Ông/Bà.

Xem nội dung trả lời tại: ((link))`,
      },
      sms: 'Phản ánh, kiến nghị ((petition_code)) đã được trả lời. Xem tại: ((link))',
      zalo: { templateId: '471013', body: 'Phản ánh, kiến nghị ((petition_code)) đã được trả lời. Xem tại: ((link))' },
    },
    en: {
      email: {
        subject: 'Your petition ((petition_code)) has been answered',
        body: `Dear ((name)),

((agency)) has answered your petition ((petition_code)).

Read the answer at: ((link))`,
      },
      sms: 'Your petition ((petition_code)) has been answered. Read it at: ((link))',
      zalo: { templateId: '471113', body: 'Your petition ((petition_code)) has been answered. Read it at: ((link))' },
    },
  },
  officer_assigned: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)) được phân công cho bạn',
        body: `Kính gửi ((name)),

Bạn được phân công xử lý hồ sơ ((code)) — ((procedure)) (((agency))).
Hạn giải quyết: ((due))

Mở hồ sơ: ((link))`,
      },
    },
    en: {
      email: {
        subject: 'Dossier ((code)) assigned to you',
        body: `Dear ((name)),

You have been assigned dossier ((code)) — ((procedure)) (((agency))).
Due: ((due))

Open the dossier: ((link))`,
      },
    },
  },
  officer_consultation: {
    vi: {
      email: {
        subject: 'Xin ý kiến về hồ sơ ((code))',
        body: `Kính gửi ((name)),

((requesting_agency)) xin ý kiến của ((agency)) về hồ sơ ((code)) — ((procedure)).

Nội dung: ((question))
Hạn trả lời: ((reply_by))

Mở hồ sơ: ((link))`,
      },
    },
    en: {
      email: {
        subject: 'Your opinion is asked on dossier ((code))',
        body: `Dear ((name)),

((requesting_agency)) asks ((agency)) for an opinion on dossier ((code)) — ((procedure)).

Question: ((question))
Answer by: ((reply_by))

Open the dossier: ((link))`,
      },
    },
  },
  officer_due_tomorrow: {
    vi: {
      email: {
        subject: '((count)) hồ sơ đến hạn ngày ((day))',
        body: `Kính gửi ((name)),

Các hồ sơ sau đến hạn giải quyết vào ngày làm việc tiếp theo (((day))):
((dossiers))

Mở danh sách hồ sơ: ((link))`,
      },
    },
    en: {
      email: {
        subject: '((count)) dossiers due on ((day))',
        body: `Dear ((name)),

These dossiers are due on the next working day (((day))):
((dossiers))

Open your inbox: ((link))`,
      },
    },
  },
  officer_overdue: {
    vi: {
      email: {
        subject: 'Hồ sơ ((code)) đã quá hạn giải quyết',
        body: `Kính gửi ((name)),

Hồ sơ ((code)) — ((procedure)) của ((agency)) đã quá hạn giải quyết (hạn: ((due))).
((assignee??Người xử lý: ))((assignee))

Mở hồ sơ: ((link))`,
      },
    },
    en: {
      email: {
        subject: 'Dossier ((code)) is overdue',
        body: `Dear ((name)),

Dossier ((code)) — ((procedure)) of ((agency)) is overdue (due ((due))).
((assignee??Assigned to: ))((assignee))

Open the dossier: ((link))`,
      },
    },
  },
  supervision_alert: {
    vi: {
      email: {
        subject: '((report)) — ((period)): ((problem))',
        body: `Kính gửi ((name)),

((agency)) thông báo về ((report)) của ((enterprise)), ((period)): ((problem)).

Xem và nộp báo cáo tại: ((link))`,
      },
      sms: 'Báo cáo định kỳ ((period)): ((problem)). Xem tại: ((link))',
      zalo: { templateId: '471020', body: '((agency)): báo cáo ((period)) — ((problem)). Xem tại: ((link))' },
    },
    en: {
      email: {
        subject: '((report)) — ((period)): ((problem))',
        body: `Dear ((name)),

((agency)) informs you about ((report)) of ((enterprise)), ((period)): ((problem)).

See and deliver the report at: ((link))`,
      },
      sms: 'Periodic report ((period)): ((problem)). See: ((link))',
      zalo: { templateId: '471120', body: '((agency)): report ((period)) — ((problem)). See: ((link))' },
    },
  },
  supervision_officer_alert: {
    vi: {
      email: {
        subject: 'Giám sát: ((enterprise)) — ((period)): ((problem))',
        body: `Kính gửi ((name)),

((report)) của ((enterprise)), ((period)): ((problem)).

Mở bảng theo dõi tuân thủ: ((link))`,
      },
    },
    en: {
      email: {
        subject: 'Supervision: ((enterprise)) — ((period)): ((problem))',
        body: `Dear ((name)),

((report)) of ((enterprise)), ((period)): ((problem)).

Open the compliance dashboard: ((link))`,
      },
    },
  },
  meeting_invited: {
    vi: {
      email: {
        subject: 'Giấy mời họp: ((meeting))',
        body: `Kính gửi ((name)),

((agency)) trân trọng kính mời Ông/Bà tham dự cuộc họp ((meeting)), bắt đầu lúc ((starts_at)) (họp trực tuyến, không gặp mặt).
((opinion_deadline??Tài liệu lấy ý kiến bằng văn bản, hạn góp ý: ))((opinion_deadline))

Tài liệu, góp ý và biểu quyết: ((link))
((video_link??Phòng họp trực tuyến: ))((video_link))`,
      },
    },
    en: {
      email: {
        subject: 'Meeting invitation: ((meeting))',
        body: `Dear ((name)),

((agency)) invites you to the meeting ((meeting)), starting at ((starts_at)) (online, without meeting in person).
((opinion_deadline??Written opinions are asked on its documents, due by: ))((opinion_deadline))

Documents, opinions and votes: ((link))
((video_link??Video room: ))((video_link))`,
      },
    },
  },
  meeting_reminder: {
    vi: {
      email: {
        subject: 'Nhắc lịch họp: ((meeting)) — ((starts_at))',
        body: `Kính gửi ((name)),

Cuộc họp ((meeting)) của ((agency)) bắt đầu lúc ((starts_at)).
((opinion_deadline??Hạn góp ý kiến bằng văn bản về tài liệu họp: ))((opinion_deadline))

Mở trang cuộc họp: ((link))
((video_link??Phòng họp trực tuyến: ))((video_link))`,
      },
    },
    en: {
      email: {
        subject: 'Meeting reminder: ((meeting)) — ((starts_at))',
        body: `Dear ((name)),

The meeting ((meeting)) of ((agency)) starts at ((starts_at)).
((opinion_deadline??Written opinions on its documents are due by: ))((opinion_deadline))

Open the meeting: ((link))
((video_link??Video room: ))((video_link))`,
      },
    },
  },
  meeting_guest_invited: {
    vi: {
      email: {
        subject: 'Giấy mời họp: ((meeting))',
        body: `Kính gửi ((name)),

((agency)) trân trọng kính mời Ông/Bà tham dự cuộc họp ((meeting)), bắt đầu lúc ((starts_at)) (họp trực tuyến). Ông/Bà đăng nhập bằng tài khoản định danh điện tử để đọc tài liệu và tham dự.
((opinion_deadline??Hạn góp ý kiến bằng văn bản: ))((opinion_deadline))

Trang cuộc họp: ((link))`,
      },
      sms: 'Giấy mời họp trực tuyến lúc ((starts_at)). Xem tại: ((link))',
      zalo: { templateId: '471030', body: '((agency)): Giấy mời họp trực tuyến lúc ((starts_at)). Xem tại: ((link))' },
    },
    en: {
      email: {
        subject: 'Meeting invitation: ((meeting))',
        body: `Dear ((name)),

((agency)) invites you to the meeting ((meeting)), starting at ((starts_at)) (online). Sign in with your electronic identity to read the documents and take part.
((opinion_deadline??Written opinions due by: ))((opinion_deadline))

The meeting's page: ((link))`,
      },
      sms: 'Invitation to an online meeting at ((starts_at)). See: ((link))',
      zalo: { templateId: '471130', body: '((agency)): Invitation to an online meeting at ((starts_at)). See: ((link))' },
    },
  },
  meeting_guest_reminder: {
    vi: {
      email: {
        subject: 'Nhắc lịch họp: ((meeting)) — ((starts_at))',
        body: `Kính gửi ((name)),

Cuộc họp ((meeting)) của ((agency)) bắt đầu lúc ((starts_at)).
((opinion_deadline??Hạn góp ý kiến bằng văn bản: ))((opinion_deadline))

Trang cuộc họp: ((link))`,
      },
      sms: 'Nhắc lịch họp trực tuyến lúc ((starts_at)). Xem tại: ((link))',
      zalo: { templateId: '471031', body: '((agency)): Nhắc lịch họp trực tuyến lúc ((starts_at)). Xem tại: ((link))' },
    },
    en: {
      email: {
        subject: 'Meeting reminder: ((meeting)) — ((starts_at))',
        body: `Dear ((name)),

The meeting ((meeting)) of ((agency)) starts at ((starts_at)).
((opinion_deadline??Written opinions due by: ))((opinion_deadline))

The meeting's page: ((link))`,
      },
      sms: 'Reminder: online meeting at ((starts_at)). See: ((link))',
      zalo: { templateId: '471131', body: '((agency)): Reminder: online meeting at ((starts_at)). See: ((link))' },
    },
  },
  inspection_scheduled: {
    vi: {
      email: {
        subject: 'Thông báo kiểm tra ((inspection_code)) — ((enterprise))',
        body: `Kính gửi ((name)),

((agency)) thông báo kế hoạch kiểm tra số ((inspection_code)) đối với ((enterprise)): ((inspection)).
Thời gian kiểm tra: ((period_text)).

Ông/Bà, với tư cách người đại diện theo pháp luật, xem kế hoạch, cung cấp tài liệu và ký biên bản tại: ((link))`,
      },
      sms: 'Thông báo kiểm tra ((inspection_code)), thời gian ((period_text)). Xem tại: ((link))',
      zalo: { templateId: '471032', body: '((agency)): Thông báo kiểm tra ((inspection_code)), thời gian ((period_text)). Xem tại: ((link))' },
    },
    en: {
      email: {
        subject: 'Inspection ((inspection_code)) — ((enterprise))',
        body: `Dear ((name)),

((agency)) informs you of the inspection ((inspection_code)) of ((enterprise)): ((inspection)).
Dates: ((period_text)).

As its legal representative, see the plan, provide documents and sign the minutes at: ((link))`,
      },
      sms: 'Inspection ((inspection_code)), dates ((period_text)). See: ((link))',
      zalo: { templateId: '471132', body: '((agency)): Inspection ((inspection_code)), dates ((period_text)). See: ((link))' },
    },
  },
  inspection_minutes_to_sign: {
    vi: {
      email: {
        subject: 'Biên bản kiểm tra ((inspection_code)) chờ Ông/Bà ký',
        body: `Kính gửi ((name)),

Đoàn kiểm tra của ((agency)) đã lập và ký biên bản kiểm tra số ((inspection_code)) đối với ((enterprise)).
Đề nghị Ông/Bà đọc và ký biên bản với tư cách đại diện đơn vị được kiểm tra tại: ((link))`,
      },
      sms: 'Biên bản kiểm tra ((inspection_code)) chờ ký. Xem tại: ((link))',
      zalo: { templateId: '471033', body: '((agency)): Biên bản kiểm tra ((inspection_code)) chờ ký. Xem tại: ((link))' },
    },
    en: {
      email: {
        subject: 'Inspection minutes ((inspection_code)) ready for your signature',
        body: `Dear ((name)),

The inspection team of ((agency)) has drawn up and signed the minutes of inspection ((inspection_code)) of ((enterprise)).
Please read and sign them for the inspected party at: ((link))`,
      },
      sms: 'Inspection minutes ((inspection_code)) ready to sign. See: ((link))',
      zalo: { templateId: '471133', body: '((agency)): Inspection minutes ((inspection_code)) ready to sign. See: ((link))' },
    },
  },
};
