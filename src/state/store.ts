import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import type { BackendStatus } from '../engine/backend';
import type { QuantizerResult } from '../model/quantizer';
import { DEFAULT_PARAMS, type Params } from './params';

export interface AppState {
  params: Params;
  backend: BackendStatus | null;
  /** the latest computed result and the params it belongs to */
  result: QuantizerResult | null;
  resultParams: Params | null;
  /** wall time of the last update (compute + readback), ms */
  lastUpdateMs: number | null;
  /** things the person should know: adjusted inputs, fallbacks */
  notices: string[];
  /** a failure that stops the page from computing */
  error: string | null;

  setParam: <K extends keyof Params>(name: K, value: Params[K]) => void;
  addNotices: (notices: readonly string[]) => void;
  dismissNotice: (index: number) => void;
}

export const useAppStore = create<AppState>()(
  subscribeWithSelector((set) => ({
    params: { ...DEFAULT_PARAMS, probes: [...DEFAULT_PARAMS.probes] },
    backend: null,
    result: null,
    resultParams: null,
    lastUpdateMs: null,
    notices: [],
    error: null,
    setParam: (name, value) => set((state) => ({ params: { ...state.params, [name]: value } })),
    addNotices: (notices) => set((state) => ({ notices: [...state.notices, ...notices] })),
    dismissNotice: (index) => set((state) => ({ notices: state.notices.filter((_, i) => i !== index) })),
  })),
);

export const selectParams = (state: AppState) => state.params;
