import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type WheelEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/shallow';
import { fieldOf } from '../state/fields';
import type { NumberRule } from '../state/params';
import { useAppStore } from '../state/store';
import { fitView, linkFromView, panBy, pixelAt, viewFromLink, zoomAt, type ZoomPan } from './zoomPan';
import './imageLab.css';

// the swipe's bounds and step are its field's (one table for the link, the store and the controls)
const SWIPE_SLIDER = fieldOf('labSwipe').slider!;

/** Each [H, W, 4] RGBA bytes, all of one size. */
export interface ImageViewsProps {
  width: number;
  height: number;
  original: Uint8ClampedArray;
  soft: Uint8ClampedArray;
  hard: Uint8ClampedArray;
  error: Uint8ClampedArray;
  symbols: Uint8ClampedArray;
  entropyMap: Uint8ClampedArray;
  /** CSS px of each view's box (square); default 240 */
  viewSize?: number;
  /** extra readout text for the hovered pixel (u, v), e.g. its symbols and entropy */
  describePixel?: (u: number, v: number) => string;
}

type ViewId = 'original' | 'soft' | 'hard' | 'error' | 'symbols' | 'entropyMap';
/** The views in order; each one's caption is `lab:views.<id>`. */
const VIEWS: ReadonlyArray<{ id: ViewId }> = [
  { id: 'original' },
  { id: 'soft' },
  { id: 'hard' },
  { id: 'error' },
  { id: 'symbols' },
  { id: 'entropyMap' },
];

/** Each image's 1:1 canvas, by array: a press makes five new images and keeps the original's. */
const bitmapOf = new WeakMap<Uint8ClampedArray, HTMLCanvasElement>();

/** A canvas holding the image at 1:1, the source every view draws from with a transform. */
function toBitmap(rgba: Uint8ClampedArray, width: number, height: number): HTMLCanvasElement {
  const known = bitmapOf.get(rgba);
  if (known && known.width === width && known.height === height) return known;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  // ImageData over the result's own bytes (no copy): the lab's arrays are never written again
  const data = rgba.byteOffset === 0 && rgba.length === rgba.buffer.byteLength ? rgba : new Uint8ClampedArray(rgba);
  canvas
    .getContext('2d', { willReadFrequently: true })
    ?.putImageData(new ImageData(data as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
  bitmapOf.set(rgba, canvas);
  return canvas;
}

/** A number per bitmap canvas, so a key can say which picture a view shows. */
const bitmapIds = (() => {
  const ids = new WeakMap<HTMLCanvasElement, number>();
  let next = 0;
  return {
    id: (canvas: HTMLCanvasElement) => {
      let id = ids.get(canvas);
      if (id === undefined) ids.set(canvas, (id = ++next));
      return id;
    },
  };
})();

/** Draw `source` under `view`, pixels as squares (no smoothing), at the device pixel ratio. */
function paint(
  canvas: HTMLCanvasElement | null,
  size: number,
  view: ZoomPan,
  draw: (ctx: CanvasRenderingContext2D) => void,
) {
  const ctx = canvas?.getContext('2d', { willReadFrequently: true });
  if (!canvas || !ctx) return;
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(size * ratio)) {
    canvas.width = Math.round(size * ratio);
    canvas.height = Math.round(size * ratio);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  ctx.setTransform(view.scale * ratio, 0, 0, view.scale * ratio, view.x * ratio, view.y * ratio);
  draw(ctx);
}

/** the zoom-out button's mark: a minus sign, not a word */
const MINUS = '\u2212';

const rgbAt = (rgba: Uint8ClampedArray, width: number, u: number, v: number) => {
  const i = 4 * (v * width + u);
  return `${rgba[i]}, ${rgba[i + 1]}, ${rgba[i + 2]}`;
};

/**
 * The six views of the image lab side by side, in sync: one zoom and pan for all (wheel, drag,
 * + / - / 0 / arrow keys, buttons), a readout of the hovered pixel, and a swipe view between the
 * original (left) and the hard reconstruction (right).
 */
export function ImageViews(props: ImageViewsProps) {
  const { t } = useTranslation('lab');
  const { width, height, viewSize = 240, describePixel } = props;
  // the view is the link's (zoom, focus, swipe): it applies to any image and any box size
  const { zoom, focusX, focusY, split } = useAppStore(
    useShallow((state) => ({
      zoom: state.lesson.labZoom,
      focusX: state.lesson.labFocusX,
      focusY: state.lesson.labFocusY,
      split: state.lesson.labSwipe,
    })),
  );
  const view = viewFromLink({ zoom, focusX, focusY }, width, height, viewSize);
  const setView = useCallback(
    (change: (current: ZoomPan) => ZoomPan) => {
      const { lesson, setLesson } = useAppStore.getState();
      const current = viewFromLink(
        { zoom: lesson.labZoom, focusX: lesson.labFocusX, focusY: lesson.labFocusY },
        width,
        height,
        viewSize,
      );
      const next = linkFromView(change(current), width, height, viewSize);
      const { min, max } = fieldOf('labZoom').rule as NumberRule;
      setLesson({ labZoom: Math.min(max, Math.max(min, next.zoom)), labFocusX: next.focusX, labFocusY: next.focusY });
    },
    [width, height, viewSize],
  );
  const setSplit = (value: number) => useAppStore.getState().setLesson({ labSwipe: value });
  const [hover, setHover] = useState<{ u: number; v: number } | null>(null);
  const canvases = useRef<Partial<Record<ViewId | 'swipe', HTMLCanvasElement | null>>>({});
  const drag = useRef<{ x: number; y: number } | null>(null);

  const bitmaps = useMemo(
    () =>
      Object.fromEntries(VIEWS.map(({ id }) => [id, toBitmap(props[id], width, height)])) as Record<
        ViewId,
        HTMLCanvasElement
      >,
    // one bitmap per array identity: a press that keeps the original does not redo it
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [props.original, props.soft, props.hard, props.error, props.symbols, props.entropyMap, width, height],
  );

  // what each canvas shows now: a press repaints only the views whose picture changed (a
  // temperature press: soft and entropy), a zoom or pan all of them
  const painted = useRef(new Map<HTMLCanvasElement, string>());
  const viewKey = `${view.scale} ${view.x} ${view.y} ${viewSize}`;
  useEffect(() => {
    const repaint = (
      canvas: HTMLCanvasElement | null | undefined,
      key: string,
      draw: (ctx: CanvasRenderingContext2D) => void,
    ) => {
      if (!canvas || painted.current.get(canvas) === key) return;
      paint(canvas, viewSize, view, draw);
      painted.current.set(canvas, key);
    };
    for (const { id } of VIEWS)
      repaint(canvases.current[id], `${viewKey} ${bitmapIds.id(bitmaps[id])}`, (ctx) =>
        ctx.drawImage(bitmaps[id], 0, 0),
      );
    const cut = Math.round(split * width);
    repaint(
      canvases.current.swipe,
      `${viewKey} ${bitmapIds.id(bitmaps.original)} ${bitmapIds.id(bitmaps.hard)} ${cut}`,
      (ctx) => {
        ctx.drawImage(bitmaps.original, 0, 0);
        if (cut < width) ctx.drawImage(bitmaps.hard, cut, 0, width - cut, height, cut, 0, width - cut, height);
      },
    );
    // view stands for viewKey's numbers
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bitmaps, viewKey, viewSize, split, width, height]);

  const local = (event: { clientX: number; clientY: number; currentTarget: Element }) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { px: event.clientX - box.left, py: event.clientY - box.top };
  };
  const onWheel = useCallback(
    (event: WheelEvent<HTMLCanvasElement>) => {
      const { px, py } = local(event);
      setView((v) => zoomAt(v, Math.exp(-event.deltaY / 400), px, py));
    },
    [setView],
  );
  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    drag.current = { x: event.clientX, y: event.clientY };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const { px, py } = local(event);
    setHover(pixelAt(view, px, py, width, height));
    if (drag.current) {
      const dx = event.clientX - drag.current.x;
      const dy = event.clientY - drag.current.y;
      drag.current = { x: event.clientX, y: event.clientY };
      setView((v) => panBy(v, dx, dy));
    }
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const centre = viewSize / 2;
  const zoomIn = () => setView((v) => zoomAt(v, 1.5, centre, centre));
  const zoomOut = () => setView((v) => zoomAt(v, 1 / 1.5, centre, centre));
  const reset = () => setView(() => fitView(width, height, viewSize, viewSize));
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = 24;
    const actions: Record<string, () => void> = {
      '+': zoomIn,
      '=': zoomIn,
      '-': zoomOut,
      '0': reset,
      ArrowLeft: () => setView((v) => panBy(v, step, 0)),
      ArrowRight: () => setView((v) => panBy(v, -step, 0)),
      ArrowUp: () => setView((v) => panBy(v, 0, step)),
      ArrowDown: () => setView((v) => panBy(v, 0, -step)),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const canvasProps = {
    style: { width: viewSize, height: viewSize },
    onWheel,
    onPointerDown,
    onPointerMove,
    onPointerUp,
    onPointerLeave: () => setHover(null),
  };

  return (
    <div className="image-views" tabIndex={0} onKeyDown={onKeyDown} aria-label={t('views.aria')}>
      <div className="image-views-toolbar">
        <button type="button" onClick={zoomIn} aria-label={t('views.zoomIn')}>
          +
        </button>
        <button type="button" onClick={zoomOut} aria-label={t('views.zoomOut')}>
          {MINUS}
        </button>
        <button type="button" onClick={reset}>
          {t('views.fit')}
        </button>
        <span className="readout mono" data-testid="pixel-readout">
          {hover
            ? t('views.readout', {
                u: hover.u,
                v: hover.v,
                original: rgbAt(props.original, width, hover.u, hover.v),
                soft: rgbAt(props.soft, width, hover.u, hover.v),
                hard: rgbAt(props.hard, width, hover.u, hover.v),
              }) + (describePixel ? ` · ${describePixel(hover.u, hover.v)}` : '')
            : t('views.hint')}
        </span>
      </div>
      <div className="image-views-grid">
        {VIEWS.map(({ id }) => (
          <figure key={id} className="image-view">
            <canvas
              ref={(c) => void (canvases.current[id] = c)}
              data-view={id}
              aria-label={t(`views.${id}`)}
              {...canvasProps}
            />
            <figcaption>{t(`views.${id}`)}</figcaption>
          </figure>
        ))}
        <figure className="image-view">
          <canvas
            ref={(c) => void (canvases.current.swipe = c)}
            data-view="swipe"
            aria-label={t('views.swipeAria')}
            {...canvasProps}
          />
          <figcaption>
            <label>
              {t('views.swipe')}{' '}
              <input
                type="range"
                min={SWIPE_SLIDER.min}
                max={SWIPE_SLIDER.max}
                step={SWIPE_SLIDER.step}
                value={split}
                onChange={(e) => setSplit(Number(e.target.value))}
                aria-label={t('views.swipePosition')}
              />
            </label>
          </figcaption>
        </figure>
      </div>
    </div>
  );
}
