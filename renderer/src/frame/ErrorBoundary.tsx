import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Fallback({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="panel" role="alert">
        <h1>{t('errors.generic')}</h1>
        <p>{t('errors.codes.INTERNAL')}</p>
        <p className="form-actions">
          <button type="button" className="btn primary" onClick={onRetry}>{t('common.retry')}</button>
          <a className="btn" href="#/">{t('nav.campaigns')}</a>
        </p>
      </div>
    </div>
  );
}

/** A screen that fails to draw says so in words, with a way on; never a stack trace. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('PanelDesk screen error', error);
  }

  override render(): ReactNode {
    if (this.state.failed) return <Fallback onRetry={() => this.setState({ failed: false })} />;
    return this.props.children;
  }
}
