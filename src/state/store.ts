import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import type { BackendStatus } from '../engine/backend';
import type { BackendName } from '../engine/backendPlan';
import type { QuantizerResult } from '../model/quantizer';
import { defaultParams, type Params } from './params';

/** What the figures draw: plain arrays, computed for `params`. */
export interface ViewResult {
  params: Params;
  /** [L] the centers as float32 */
  centers: Float32Array;
  /** [samples] the grid of inputs across params.range */
  gridInputs: Float32Array;
  /** the quantizer on the grid (heatmap, curves) */
  grid: QuantizerResult;
  /** the quantizer at the probes, with loss gradients toward params.target (table, arrows) */
  probes: QuantizerResult;
  /** why the grid differs from what params asked for (capped, or finer than float32), if it does */
  gridNote: string | null;
  /** the backend epoch it was computed on (see AppState.backendEpoch) */
  epoch: number;
}

/** The curves of the curve plot that a legend entry can hide. */
export const CURVES = ['identity', 'hard', 'soft', 'bar', 'seedRound'] as const;
export type CurveName = (typeof CURVES)[number];

export interface AppState {
  params: Params;
  backend: BackendStatus | null;
  /** counts backend changes (context loss, recovery): a view from an older epoch is recomputed */
  backendEpoch: number;
  /** a backend forced by the URL (kept in links), or null for the automatic choice */
  requestedBackend: BackendName | null;
  /** the latest computed view; figures draw only this */
  view: ViewResult | null;
  /** wall time of the last update (compute + readback), ms */
  lastUpdateMs: number | null;
  /** things the person should know: adjusted inputs, fallbacks */
  notices: string[];
  /** a failure that stops the page from computing */
  error: string | null;
  /** the probe under the pointer (table row or figure handle), linked across figures */
  hoveredProbe: number | null;
  hiddenCurves: Partial<Record<CurveName, true>>;

  setParam: <K extends keyof Params>(name: K, value: Params[K]) => void;
  /** replaces the whole view at once (presets) */
  setParams: (params: Params) => void;
  addNotices: (notices: readonly string[]) => void;
  dismissNotice: (index: number) => void;
  setHoveredProbe: (index: number | null) => void;
  toggleCurve: (name: CurveName) => void;
}

export const useAppStore = create<AppState>()(
  subscribeWithSelector((set) => ({
    params: defaultParams(),
    backend: null,
    requestedBackend: null,
    backendEpoch: 0,
    view: null,
    lastUpdateMs: null,
    notices: [],
    error: null,
    hoveredProbe: null,
    hiddenCurves: {},
    setParam: (name, value) => set((state) => ({ params: { ...state.params, [name]: value } })),
    setParams: (params) => set({ params }),
    addNotices: (notices) => set((state) => ({ notices: [...state.notices, ...notices] })),
    dismissNotice: (index) => set((state) => ({ notices: state.notices.filter((_, i) => i !== index) })),
    setHoveredProbe: (index) => set({ hoveredProbe: index }),
    toggleCurve: (name) =>
      set((state) => {
        const hiddenCurves = { ...state.hiddenCurves };
        if (hiddenCurves[name]) delete hiddenCurves[name];
        else hiddenCurves[name] = true;
        return { hiddenCurves };
      }),
  })),
);

export const selectParams = (state: AppState) => state.params;
