import type { Fee, ProcessingTime, RequiredDocument } from '../api/types';
import type { I18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';

export function processingTimeText(pt: ProcessingTime | undefined, { t }: Pick<I18n, 't'>): string {
  if (!pt) return '';
  switch (pt.kind) {
    case 'same-day':
      return t('time.sameDay');
    case 'working-days':
      return t('time.workingDays', { n: pt.days });
    case 'working-hours':
      return t('time.workingHours', { n: pt.hours });
    case 'calendar-days':
      return t('time.calendarDays', { n: pt.days });
  }
}

const FORM_KEYS: Record<RequiredDocument['form'], MessageKey> = {
  original: 'doc.original',
  copy: 'doc.copy',
  'certified-copy': 'doc.certifiedCopy',
  'present-original': 'doc.presentOriginal',
};

export function documentFormText(form: RequiredDocument['form'], { t }: Pick<I18n, 't'>): string {
  return t(FORM_KEYS[form] ?? 'doc.original');
}

/** One line per fee: what it is for and how much, in đồng. */
export function feeAmountText(fee: Fee, { t, pick, money }: Pick<I18n, 't' | 'pick' | 'money'>): string {
  switch (fee.type) {
    case 'exempt':
      return t('fee.free');
    case 'fixed': {
      const base = t('fee.per', { amount: money(fee.amountVnd), per: pick(fee.per) });
      return fee.onlineAmountVnd !== undefined && fee.onlineAmountVnd !== fee.amountVnd ? `${base} · ${t('fee.online', { amount: money(fee.onlineAmountVnd) })}` : base;
    }
    case 'tiered':
      return fee.tiers
        .map((x) => `${pick(x.label)}: ${money(x.amountVnd)}${x.onlineAmountVnd !== undefined && x.onlineAmountVnd !== x.amountVnd ? ` (${t('fee.online', { amount: money(x.onlineAmountVnd) })})` : ''}`)
        .join('; ');
    case 'banded':
      return (
        fee.bands.map((b) => `${b.from}${b.to !== undefined ? `–${b.to}` : '+'} ${pick(fee.unit)}: ${money(b.amountVndPerUnit)}`).join('; ') +
        (fee.maxVnd !== undefined ? ` · ${t('fee.max', { amount: money(fee.maxVnd) })}` : '')
      );
  }
}

/** The smallest amount due online across the version's fees (0 when every fee is exempt or free online). */
export function feeSummary(fees: Fee[], i18n: Pick<I18n, 't' | 'pick' | 'money'>): string {
  if (!fees.length || fees.every((f) => f.type === 'exempt')) return i18n.t('fee.free');
  return fees.map((f) => `${i18n.pick(f.name)}: ${feeAmountText(f, i18n)}`).join(' · ');
}
