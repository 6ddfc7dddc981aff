import { Component, type ErrorInfo, type ReactNode } from 'react';
import { defaultParams } from '../state/fields';
import { useAppStore } from '../state/store';

interface FigureBoundaryProps {
  /** the figure's name, for the message */
  name: string;
  children: ReactNode;
}

interface FigureBoundaryState {
  error: Error | null;
}

/** One failing figure shows a small error box with "reset view"; the others keep working. */
export class FigureBoundary extends Component<FigureBoundaryProps, FigureBoundaryState> {
  override state: FigureBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): FigureBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    useAppStore.getState().addNotices([`The ${this.props.name} figure failed: ${error.message}`]);
    void info;
  }

  private readonly reset = () => {
    useAppStore.getState().setParams(defaultParams());
    this.setState({ error: null });
  };

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="figure-error" role="alert" data-testid="figure-error">
        <p>
          The {this.props.name} figure failed: <span className="mono">{this.state.error.message}</span>
        </p>
        <button type="button" className="link" onClick={this.reset}>
          reset view
        </button>{' '}
        <span className="muted">(back to the defaults; the other figures are unaffected)</span>
      </div>
    );
  }
}
