import type { ProcedureSummary } from '../api/types';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import { Highlighted } from './Highlighted';
import { processingTimeText } from './procedureText';

export function OnlineTag({ level }: { level: string }) {
  const { t } = useI18n();
  return level === 'full' ? <span className="tag tag--green">{t('procedure.onlineFull')}</span> : <span className="tag tag--grey">{t('procedure.onlinePartial')}</span>;
}

export function ProcedureCard({ p, headingLevel = 2 }: { p: ProcedureSummary; headingLevel?: 2 | 3 }) {
  const i18n = useI18n();
  const { t, pick, lang } = i18n;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="card">
      <H>
        <Link to={`/thu-tuc/${p.key}`}>{lang === 'vi' && p.highlight ? <Highlighted text={p.name.vi} ranges={p.highlight.ranges} /> : pick(p.name)}</Link>
      </H>
      <ul className="meta">
        <li>
          <OnlineTag level={p.onlineLevel} />
        </li>
        <li>
          {t('procedure.time')}: {processingTimeText(p.processingTime, i18n)}
        </li>
        {p.nationalCode ? <li>{t('procedure.code', { code: p.nationalCode })}</li> : null}
      </ul>
    </li>
  );
}
