import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n';

function Fallback({ error }: { error: Error }) {
  const { t } = useI18n();
  const chunk = /dynamically imported module|Importing a module script failed|Loading chunk/i.test(error.message);
  return (
    <div className="notice notice--error" role="alert">
      <h1>{chunk ? t('errors.updatedTitle') : t('errors.crashTitle')}</h1>
      <p>{chunk ? t('errors.updatedText') : t('errors.crashText')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('errors.reload')}
      </button>
    </div>
  );
}

/** Shows a message instead of a blank page when a page fails (a chunk of an older build, a bug). */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  /** Moving to another page clears the error. */
  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  override render() {
    return this.state.error ? <Fallback error={this.state.error} /> : this.props.children;
  }
}
