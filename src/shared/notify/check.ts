/** Checks an administrator's template before it is published (the same rules the preview shows). */
import { KINDS, PLACEHOLDERS, channelsOf, type Channel, type Kind } from './kinds';
import { malformedPlaceholders, placeholderNames, render } from './template';
import { checkSms, SMS_MAX_SEGMENTS, type SmsInfo } from './sms';

export interface TemplateProblem {
  field: 'subject' | 'body' | 'zaloTemplateId' | 'channel';
  code: 'unknown_placeholder' | 'personal_data' | 'malformed_placeholder' | 'required' | 'too_long' | 'empty' | 'channel_not_offered';
  message: { vi: string; en: string };
}

export interface TemplateDraft {
  subject?: string | null;
  body: string;
  zaloTemplateId?: string | null;
}

export interface SmsOptions {
  unicode: boolean;
  maxSegments?: number;
}

/** Problems of a template for a kind and channel (empty: publishable); for SMS, the size of the sample message. */
export function checkTemplate(kind: Kind, channel: Channel, t: TemplateDraft, sms: SmsOptions = { unicode: false }): { problems: TemplateProblem[]; sms?: SmsInfo } {
  const spec = KINDS[kind];
  const problems: TemplateProblem[] = [];
  if (!channelsOf(kind).includes(channel)) problems.push({ field: 'channel', code: 'channel_not_offered', message: { vi: 'Loại thông báo này không gửi qua kênh này.', en: 'This notification is not sent by this channel.' } });
  const texts: Array<['subject' | 'body', string]> = [['body', t.body]];
  if (channel === 'email' || channel === 'inapp') {
    if (!t.subject?.trim()) problems.push({ field: 'subject', code: 'required', message: { vi: 'Nhập tiêu đề.', en: 'Enter a subject.' } });
    else texts.push(['subject', t.subject]);
  }
  if (channel === 'zalo' && !t.zaloTemplateId?.trim()) problems.push({ field: 'zaloTemplateId', code: 'required', message: { vi: 'Nhập mã mẫu ZNS đã được Zalo duyệt.', en: 'Enter the ZNS template id approved by Zalo.' } });
  if (!t.body.trim()) problems.push({ field: 'body', code: 'required', message: { vi: 'Nhập nội dung.', en: 'Enter the message.' } });
  const allowed = new Set<string>(spec.placeholders);
  for (const [field, text] of texts) {
    for (const bad of malformedPlaceholders(text)) problems.push({ field, code: 'malformed_placeholder', message: { vi: `Trường thay thế không hợp lệ: ${bad}`, en: `Malformed placeholder: ${bad}` } });
    for (const name of placeholderNames(text)) {
      if (!allowed.has(name)) problems.push({ field, code: 'unknown_placeholder', message: { vi: `Không có trường thay thế ((${name})) cho loại thông báo này.`, en: `No placeholder ((${name})) for this notification.` } });
      // Text messages and Zalo are read on lock screens and shared phones: only what identifies the dossier.
      else if ((channel === 'sms' || channel === 'zalo') && PLACEHOLDERS[name]?.personal) {
        problems.push({ field, code: 'personal_data', message: { vi: `((${name})) là dữ liệu cá nhân, không được đưa vào tin nhắn ${channel === 'sms' ? 'SMS' : 'Zalo'}.`, en: `((${name})) is personal data and may not go into ${channel === 'sms' ? 'a text message' : 'a Zalo message'}.` } });
      }
    }
  }
  if (channel === 'sms' && t.body.trim()) {
    const c = checkSms(render(t.body, spec.sample, 'sms').text, { unicode: sms.unicode, maxSegments: sms.maxSegments ?? SMS_MAX_SEGMENTS });
    for (const p of c.problems) problems.push({ field: 'body', code: p.code, message: p.message });
    return { problems, sms: c.info };
  }
  return { problems };
}
