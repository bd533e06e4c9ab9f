import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

/** The problem's title and detail in the current language. */
export function problemText(err: unknown, lang: 'vi' | 'en'): { title: string; detail?: string } {
  if (err instanceof ApiError) {
    const p = err.problem;
    const title = p.titles?.[lang] ?? p.title;
    const detail = p.details?.[lang] ?? p.detail;
    return { title, detail: detail && detail !== title ? detail : undefined };
  }
  return { title: lang === 'vi' ? 'Đã có lỗi xảy ra' : 'Something went wrong', detail: String((err as Error)?.message ?? err) };
}

/** An API failure shown as a notice: title, detail, and any field messages, in the current language. */
export function ProblemNotice({ error }: { error: unknown }) {
  const { lang, t } = useI18n();
  if (!error) return null;
  const { title, detail } = problemText(error, lang);
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <div className="notice notice--error" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      {detail ? <p>{detail}</p> : null}
      {fields.length ? (
        <ul>
          {fields.map((f, i) => (
            <li key={i}>{f.message?.[lang] ?? f.field}</li>
          ))}
        </ul>
      ) : null}
      {error instanceof ApiError && error.problem.requestId ? (
        <p className="secondary-text">
          {t('errors.requestId')}: <code>{error.problem.requestId}</code>
        </p>
      ) : null}
    </div>
  );
}
