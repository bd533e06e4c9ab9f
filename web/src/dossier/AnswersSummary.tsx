/** The answers of a dossier's e-form as summary lists, one per section (read-only, or with "Change" links). */
import type { EFormDefinition } from '@shared/eform/eform.types';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import { answerText } from '../eform/EFormFields';
import { useUnitName } from '../eform/AdminUnitPicker';
import { compiled, visibleFields, visibleSections, type CompiledField } from '../eform/model';

function Answer({ f, value }: { f: CompiledField | undefined; value: unknown }) {
  const { t, pick } = useI18n();
  const unit = useUnitName(f?.widget === 'adminUnit' ? value : null);
  if (f?.widget === 'adminUnit' && unit) return <>{unit}</>;
  const text = answerText(f, value, pick, { yes: t('common.yes'), no: t('common.no') });
  return text ? <>{text}</> : <span className="secondary-text">{t('review.notGiven')}</span>;
}

export function AnswersSummary({
  def,
  data,
  changeLink,
  locked,
  headingLevel = 2,
}: {
  def: EFormDefinition;
  data: Record<string, unknown>;
  changeLink?: (fieldPath: string) => string;
  /** Top-level fields that cannot be changed (registry data, locked): no "Change" link. */
  locked?: ReadonlySet<string>;
  headingLevel?: 2 | 3;
}) {
  const { t, pick } = useI18n();
  const form = compiled(def);
  const visible = new Set(visibleFields(def, data));
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {visibleSections(def, data).map((s) => (
        <section key={s.id} aria-labelledby={`answers-${s.id}`}>
          <H id={`answers-${s.id}`}>{pick(s.title)}</H>
          <dl className="summary-list">
            {s.fields
              .filter((name) => visible.has(name))
              .flatMap((name) => {
                const f = form.root.byName.get(name);
                if (f?.kind === 'repeat') {
                  const items = Array.isArray(data[name]) ? (data[name] as Record<string, unknown>[]) : [];
                  const itemLabel = pick(f.ui.itemLabel ?? f.ui.label);
                  return items.flatMap((item, i) =>
                    f.item!.fields
                      .filter((inner) => visible.has(`${name}[${i}].${inner.name}`))
                      .map((inner) => ({ key: `${name}[${i}].${inner.name}`, label: `${itemLabel} ${i + 1}: ${pick(inner.ui.label)}`, f: inner, value: item[inner.name] })),
                  );
                }
                return [{ key: name, label: f ? pick(f.ui.label) : name, f, value: data[name] }];
              })
              .map((row) => (
                <div className="summary-list__row" key={row.key}>
                  <dt>{row.label}</dt>
                  <dd>
                    <Answer f={row.f} value={row.value} />
                  </dd>
                  {changeLink && locked?.has(row.key) ? (
                    <dd className="summary-list__actions secondary-text">{t('review.locked')}</dd>
                  ) : changeLink ? (
                    <dd className="summary-list__actions">
                      <Link to={changeLink(row.key)}>
                        {t('review.change')}
                        <span className="visually-hidden"> {row.label}</span>
                      </Link>
                    </dd>
                  ) : null}
                </div>
              ))}
          </dl>
        </section>
      ))}
    </>
  );
}
