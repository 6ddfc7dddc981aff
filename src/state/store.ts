import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import type { BackendStatus } from '../engine/backend';
import type { BackendName } from '../engine/backendPlan';
import type { Engine, QuantizerResult } from '../model/quantizer';
import type { RelaxationResult } from '../model/relaxations';
import type { TrainingState } from '../model/training';
import { defaultLesson, defaultParams, fieldOf, sameValue, type FieldName, type ViewFields } from './fields';
import type { EmbedSettings } from './embed';
import { EMPTY_LAB, type LabState } from './labState';
import { EMPTY_CODEC, type CodecRun } from './codecState';
import { EMPTY_LEARNED, type LearnedRun } from './learnedState';
import type { Session } from './learnedSession';
import type { Lesson } from './lesson';
import type { Params } from './params';
import type { Message, MessageValue } from '../i18n/message';

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
  gridNote: Message | null;
  /** the backend epoch it was computed on (see AppState.backendEpoch) */
  epoch: number;
}

/** The four relaxations compared on one grid (teach section), computed for `view` and `alpha`. */
export interface RelaxationView {
  /** [N] the grid of inputs */
  inputs: Float32Array;
  result: RelaxationResult;
  alpha: number;
  /** the noise sample's seed */
  seed: number;
  /** the view it was computed for */
  view: ViewResult;
}

/** The training demo: its run (plain arrays and history) and whether it plays. */
export interface TrainingRun {
  /** null until the demo is first shown or after its setup failed */
  state: TrainingState | null;
  playing: boolean;
  /** training steps per animation frame */
  speed: number;
  /** why the setup could not start or a step failed, translated when shown */
  error: MessageValue | null;
  /** the setup key (trainingLoop.ts) the run was started with: a run whose key differs is stale */
  setup: string | null;
}

/** The parts of the page whose jobs run only while they are on screen (src/viz/useOnScreen.ts). */
export type WatchedFigure = 'relaxations' | 'training' | 'lab';

/** The curves of the curve plot that a legend entry can hide. */
export const CURVES = ['identity', 'hard', 'soft', 'bar', 'seedRound'] as const;
export type CurveName = (typeof CURVES)[number];

/** A quantity the explanation and the figures can point at; hovering either highlights both. */
export const MARKS = [
  'centers',
  'distances',
  'hard',
  'assignments',
  'soft',
  'bar',
  'gradient',
  'seedRound',
  'arrows',
] as const;
export type Mark = (typeof MARKS)[number];

/** The learned codec's session (tfjs variables, disposed on every reset) and its press off the thread. */
export interface LearnedSessionState {
  /** the model, optimizer and batches of the run on screen, or null before the first */
  session: Session | null;
  /** a press's file is being made in the coding worker */
  pressBusy: boolean;
  /** another press was asked for meanwhile: it runs when the worker is done */
  pressAgain: boolean;
}

export interface AppState {
  params: Params;
  /** the teaching part of the view (walkthrough step, pitfall toggle, training setup) */
  lesson: Lesson;
  /** the quantity under the pointer, in the text or in a figure */
  highlight: Mark | null;
  backend: BackendStatus | null;
  /** counts backend changes (context loss, recovery): a view from an older epoch is recomputed */
  backendEpoch: number;
  /** a backend forced by the URL (kept in links), or null for the automatic choice */
  requestedBackend: BackendName | null;
  /** the latest computed view; figures draw only this */
  view: ViewResult | null;
  /** the relaxations compared on the current view, or null before the first */
  relaxations: RelaxationView | null;
  training: TrainingRun;
  /** wall time of the last update (compute + readback), ms */
  lastUpdateMs: number | null;
  /** things the person should know: adjusted inputs, fallbacks */
  notices: Message[];
  /** a failure that stops the page from computing: a message, or an exception's own text */
  error: MessageValue | null;
  /** the probe under the pointer (table row or figure handle), linked across figures */
  hoveredProbe: number | null;
  hiddenCurves: Partial<Record<CurveName, true>>;
  /** which watched figures are on screen (or within 300 px of it); written by their components */
  onScreen: Partial<Record<WatchedFigure, boolean>>;

  /** sets one param through its field's rule (fields.ts); an adjusted value gets a notice */
  setParam: <K extends keyof Params>(name: K, value: Params[K]) => void;
  /** replaces the whole view at once (presets) */
  setParams: (params: Params) => void;
  /** sets lesson fields through their rules, as setParam does */
  setLesson: (changes: Partial<Lesson>) => void;
  setHighlight: (mark: Mark | null) => void;
  addNotices: (notices: readonly Message[]) => void;
  dismissNotice: (index: number) => void;
  setHoveredProbe: (index: number | null) => void;
  toggleCurve: (name: CurveName) => void;
  setOnScreen: (figure: WatchedFigure, visible: boolean) => void;
  /** Back or Forward: the view the address holds, both parts at once */
  restoreView: (params: Params, lesson: Lesson) => void;
  /** the backend now; `newEpoch` when it changed (lost, fallen back, restored), so older work is dropped */
  setBackend: (backend: BackendStatus | null, newEpoch: boolean) => void;
  /** removes the notices with this message key (a state they describe no longer holds) */
  dropNotices: (key: string) => void;
  /** offers a new version of the app (see `update`) */
  offerUpdate: (update: () => void) => void;
  /** changes fields of the training demo's run */
  updateTraining: (changes: Partial<TrainingRun>) => void;
  /** changes fields of the image lab */
  updateLab: (changes: Partial<LabState>) => void;
  /** changes fields of the lab's trained codec's run */
  updateCodec: (changes: Partial<CodecRun>) => void;
  /** changes fields of the lab's learned codec's run */
  updateLearned: (changes: Partial<LearnedRun>) => void;
  /** changes the learned codec's live session or its press in the coding worker */
  updateLearnedSession: (changes: Partial<LearnedSessionState>) => void;
  /** set when a new version of the app is ready offline: calling it reloads into it */
  update: (() => void) | null;
  /** one figure alone (`?embed=`), or null for the whole page */
  embed: EmbedSettings | null;
  /** the soft assignment's implementation: fused kernels, or the reference graph (`?engine=`) */
  engine: Engine;
  /** the image lab: its image, its latest result, the codecs and curves beside it */
  lab: LabState;
  /** the lab's learned codec: its run, its evaluation and its curve */
  learned: LearnedRun;
  /** the learned codec's live model, optimizer and batches (learnedLoop.ts owns what happens to them) */
  learnedSession: LearnedSessionState;
  /** the codec trained in the lab: its run, its outcome and its curve (the trainer is codecLoop.ts's) */
  codec: CodecRun;
}

/**
 * Runs each value through its field's check, so every committed value obeys the field table.
 * `values` is null when nothing differs from `current`: then the store keeps its object and no
 * subscriber runs. (A range input fires `input` and then `change` for one key press, and the
 * second carries the value the browser snapped React's position to: the same view, which used
 * to trigger a second update per press.)
 */
function checkFields(
  changes: Partial<ViewFields>,
  current: Partial<ViewFields>,
): { values: Partial<ViewFields> | null; notices: Message[] } {
  const values: Partial<ViewFields> = {};
  const notices: Message[] = [];
  let changed = false;
  for (const name of Object.keys(changes) as FieldName[]) {
    const checked = fieldOf(name).check(changes[name] as never);
    (values as Record<FieldName, unknown>)[name] = checked.value;
    if (checked.notice) notices.push(checked.notice);
    if (!sameValue(name, checked.value, current[name] as never)) changed = true;
  }
  return { values: changed ? values : null, notices };
}

const withNotices = (state: AppState, notices: Message[]) =>
  notices.length > 0 ? { notices: [...state.notices, ...notices] } : {};

export const useAppStore = create<AppState>()(
  subscribeWithSelector((set) => ({
    params: defaultParams(),
    lesson: defaultLesson(),
    highlight: null,
    backend: null,
    requestedBackend: null,
    backendEpoch: 0,
    view: null,
    relaxations: null,
    training: { state: null, playing: false, speed: 5, error: null, setup: null },
    lastUpdateMs: null,
    notices: [],
    error: null,
    hoveredProbe: null,
    hiddenCurves: {},
    onScreen: {},
    update: null,
    embed: null,
    engine: 'fused',
    lab: EMPTY_LAB,
    learned: EMPTY_LEARNED,
    learnedSession: { session: null, pressBusy: false, pressAgain: false },
    codec: EMPTY_CODEC,
    setParam: (name, value) =>
      set((state) => {
        const { values, notices } = checkFields({ [name]: value } as Partial<ViewFields>, state.params);
        return { ...(values ? { params: { ...state.params, ...values } } : {}), ...withNotices(state, notices) };
      }),
    setParams: (params) => set({ params }),
    setLesson: (changes) =>
      set((state) => {
        const { values, notices } = checkFields(changes, state.lesson);
        return { ...(values ? { lesson: { ...state.lesson, ...values } } : {}), ...withNotices(state, notices) };
      }),
    setHighlight: (mark) => set({ highlight: mark }),
    addNotices: (notices) => set((state) => ({ notices: [...state.notices, ...notices] })),
    dismissNotice: (index) => set((state) => ({ notices: state.notices.filter((_, i) => i !== index) })),
    setHoveredProbe: (index) => set({ hoveredProbe: index }),
    setOnScreen: (figure, visible) =>
      set((state) =>
        state.onScreen[figure] === visible ? {} : { onScreen: { ...state.onScreen, [figure]: visible } },
      ),
    restoreView: (params, lesson) => set({ params, lesson }),
    setBackend: (backend, newEpoch) =>
      set((state) => ({ backend, ...(newEpoch ? { backendEpoch: state.backendEpoch + 1 } : {}) })),
    dropNotices: (key) => set((state) => ({ notices: state.notices.filter((notice) => notice.key !== key) })),
    offerUpdate: (update) => set({ update }),
    updateTraining: (changes) => set((state) => ({ training: { ...state.training, ...changes } })),
    updateLab: (changes) => set((state) => ({ lab: { ...state.lab, ...changes } })),
    updateCodec: (changes) => set((state) => ({ codec: { ...state.codec, ...changes } })),
    updateLearned: (changes) => set((state) => ({ learned: { ...state.learned, ...changes } })),
    updateLearnedSession: (changes) => set((state) => ({ learnedSession: { ...state.learnedSession, ...changes } })),
    toggleCurve: (name) =>
      set((state) => {
        const hiddenCurves = { ...state.hiddenCurves };
        if (hiddenCurves[name]) delete hiddenCurves[name];
        else hiddenCurves[name] = true;
        return { hiddenCurves };
      }),
  })),
);
