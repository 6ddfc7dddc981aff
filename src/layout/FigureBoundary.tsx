import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Trans, withTranslation, type WithTranslation } from 'react-i18next';
import { message, type MessageKey, type MessageValue } from '../i18n/message';
import { translateMessage } from '../i18n/messageText';
import { defaultParams } from '../state/fields';
import { useAppStore } from '../state/store';

interface FigureBoundaryProps extends WithTranslation<'app'> {
  /** the figure's name, for the message: a figure of the page, or a name shown as it is */
  name: string;
  children: ReactNode;
}

interface FigureBoundaryState {
  error: Error | null;
}

// The page's figures by the names their boundaries use; another name is shown as it is.
const FIGURE_NAMES: Record<string, MessageKey> = {
  heatmap: 'app:figure.names.heatmap',
  curves: 'app:figure.names.curves',
  arrows: 'app:figure.names.arrows',
  table: 'app:figure.names.table',
  'probe table': 'app:figure.names.table',
};

function figureName(name: string): MessageValue {
  const key = FIGURE_NAMES[name];
  return key ? message(key) : name;
}

/** One failing figure shows a small error box with "reset view"; the others keep working. */
class Boundary extends Component<FigureBoundaryProps, FigureBoundaryState> {
  override state: FigureBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): FigureBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    useAppStore
      .getState()
      .addNotices([message('app:figure.failed', { figure: figureName(this.props.name), error: error.message })]);
    void info;
  }

  private readonly reset = () => {
    useAppStore.getState().setParams(defaultParams());
    this.setState({ error: null });
  };

  override render() {
    if (!this.state.error) return this.props.children;
    const { t } = this.props;
    const figure = figureName(this.props.name);
    return (
      <div className="figure-error" role="alert" data-testid="figure-error">
        <p>
          <Trans
            t={t}
            i18nKey="figure.failedBox"
            values={{ figure: translateMessage(figure), error: this.state.error.message }}
            components={{ c1: <span className="mono" /> }}
          />
        </p>
        <button type="button" className="link" onClick={this.reset}>
          {t('figure.reset')}
        </button>{' '}
        <span className="muted">{t('figure.resetNote')}</span>
      </div>
    );
  }
}

export const FigureBoundary = withTranslation('app')(Boundary);
