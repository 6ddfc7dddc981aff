import { extent, line, scaleLinear } from 'd3';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatValue } from '../format';
import type { CodecName, CodecPoint } from '../image/codecs';
import type { ImageTransform, RatePoint } from '../image/labCompute';
import type { CodecCurvePoint } from '../state/codecState';
import type { LearnedPoint } from '../state/learnedState';
import { Axis } from './Axis';
import { FigureExport } from './FigureExport';
import { gapToCurve } from './rateGap';
import { useElementWidth } from './useElementWidth';
import './imageLab.css';

export interface RateDistortionPlotProps {
  /** the lab's current point (hard reconstruction), or null before the first press */
  current: { bpp: number; psnr: number } | null;
  /** pixel and DCT curves over L (rateDistortionCurve's points, any order) */
  curves: readonly RatePoint[];
  /** the browser's JPEG and WebP points (sweepCodecs) */
  codecs: readonly CodecPoint[];
  /** the learned codec's curve over λ (a sweep's points); empty without one */
  learnedCurve?: readonly LearnedPoint[];
  /** the codec trained here, over target rates (a sweep's points, shownCodecCurve); empty without one */
  codecCurve?: readonly CodecCurvePoint[];
  /** what the current point is, for its legend entry and tooltip */
  currentLabel?: string;
  /** CSS px; default: the container's whole width (never wider: a phone) x 320 */
  width?: number;
  height?: number;
}

/** The rates shown unless the person asks for all, bits per pixel: where the codecs compete. */
const CODEC_RANGE_BPP = 2;

const COLORS: Record<ImageTransform | CodecName, string> = {
  pixels: 'var(--c-soft)',
  dct: 'var(--c-ste)',
  jpeg: 'var(--c-seedRound)',
  webp: 'var(--c-identity)',
};
const LEGEND_KEYS = ['pixels', 'dct', 'jpeg', 'webp'] as const;
const CLIP_ID = 'rd-plot-area';

/** A colour as an exported file needs it: `var(--c-soft)` read from the stylesheet where the figure is. */
function resolvedColor(color: string, where: Element = document.documentElement): string {
  const property = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  return property ? getComputedStyle(where).getPropertyValue(property).trim() || color : color;
}
const LEARNED_COLOR = 'var(--c-learned)';
/** the page's text colour: dark on light, light on dark, and no other series' hue */
const TRAINED_COLOR = 'var(--c-trained)';
const MARGIN = { top: 12, right: 16, bottom: 44, left: 56 };

/**
 * Rate (bits per pixel: an entropy estimate without side information for the lab, the real
 * file size for the codecs) against PSNR in dB, at the figure's full width, over 0-2 bpp unless
 * the person asks for every rate (the pixels run to 14 bpp and would squeeze the codecs into a
 * corner); a sentence gives the current point's gap to JPEG at its rate; SVG and PNG export.
 * Points with an infinite PSNR (exact) are left out, since they have no place on the axis.
 */
export function RateDistortionPlot({
  current,
  curves,
  codecs,
  learnedCurve = [],
  codecCurve = [],
  currentLabel,
  width: widest = Number.POSITIVE_INFINITY,
  height = 320,
}: RateDistortionPlotProps) {
  // as wide as asked, but never wider than the container: the page must not scroll sideways
  const [containerRef, available] = useElementWidth<HTMLDivElement>();
  // 0 until the container is measured: a guessed width would overflow a phone for a frame
  const width = available > 0 ? Math.min(widest, available) : 0;
  const figureRef = useRef<HTMLElement>(null);
  const [allRates, setAllRates] = useState(false);
  const { t } = useTranslation('lab');
  const label = currentLabel ?? t('current');
  // in a sentence: "the current point", or what it is where the lab names it (the learned codec at step n)
  const pointName = label === t('current') ? t('rd.thisPoint') : label;
  const seriesName = (key: ImageTransform | CodecName) => t(`rd.series.${key}`);
  const finite = (p: { bpp: number; psnr: number }) => Number.isFinite(p.bpp) && Number.isFinite(p.psnr);
  const all = [...curves, ...codecs, ...learnedCurve, ...codecCurve, ...(current ? [current] : [])].filter(finite);
  const learnedPoints = learnedCurve.filter(finite).sort((a, b) => a.bpp - b.bpp);
  const trainedPoints = codecCurve.filter(finite).sort((a, b) => a.bpp - b.bpp);
  const [bppMin = 0, bppMax = 1] = extent(all, (p) => p.bpp);
  const shownMax = allRates ? Math.max(bppMax, 0.1) : CODEC_RANGE_BPP;
  // the PSNR axis spans the points in view, so the far ones do not flatten the codecs' range
  const inView = all.filter((p) => p.bpp <= shownMax);
  const [psnrMin = 10, psnrMax = 40] = extent(inView.length > 0 ? inView : all, (p) => p.psnr);
  const jpegGap =
    current && finite(current)
      ? gapToCurve(
          current,
          codecs.filter((p) => p.codec === 'jpeg'),
        )
      : null;
  const x = scaleLinear()
    .domain([Math.min(0, bppMin), shownMax])
    .nice()
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([Math.floor(psnrMin - 1), Math.ceil(psnrMax + 1)])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  const path = line<{ bpp: number; psnr: number }>()
    .x((p) => x(p.bpp))
    .y((p) => y(p.psnr));
  const series = (['pixels', 'dct'] as const).map((transform) => ({
    transform,
    points: curves
      .filter((p) => p.transform === transform && finite(p))
      .slice()
      .sort((a, b) => a.bpp - b.bpp),
  }));
  const codecSeries = (['jpeg', 'webp'] as const).map((codec) => ({
    codec,
    points: codecs
      .filter((p) => p.codec === codec && finite(p))
      .slice()
      .sort((a, b) => a.bpp - b.bpp),
  }));

  return (
    <figure className="figure rd-plot" aria-label={t('rd.aria')} ref={figureRef}>
      <figcaption>
        <label className="checkbox rd-all-rates">
          <input type="checkbox" checked={allRates} onChange={(event) => setAllRates(event.currentTarget.checked)} />{' '}
          {t('rd.allRates', { max: CODEC_RANGE_BPP })}
        </label>
        <FigureExport
          name="rateDistortion"
          figure={figureRef}
          spec={() => {
            const where = figureRef.current ?? document.documentElement;
            return {
              title: t('rd.aria'),
              legend: [
                ...LEGEND_KEYS.map((key) => ({ label: seriesName(key), color: resolvedColor(COLORS[key], where) })),
                ...(learnedPoints.length > 0
                  ? [{ label: t('rd.learnedLegend'), color: resolvedColor(LEARNED_COLOR, where) }]
                  : []),
                ...(trainedPoints.length > 0
                  ? [{ label: t('rd.trainedLegend'), color: resolvedColor(TRAINED_COLOR, where) }]
                  : []),
              ],
            };
          }}
        />
      </figcaption>
      <div className="figure-body" ref={containerRef} style={{ maxWidth: widest, height }}>
        <svg width={width} height={height} className="figure-svg" data-testid="rd-svg">
          <defs>
            <clipPath id={CLIP_ID}>
              <rect
                x={MARGIN.left - 6}
                y={0}
                width={Math.max(0, width - MARGIN.left - MARGIN.right + 12)}
                height={height}
              />
            </clipPath>
          </defs>
          <Axis scale={x} orient="bottom" offset={height - MARGIN.bottom} label={t('rd.x')} />
          <Axis scale={y} orient="left" offset={MARGIN.left} label={t('rd.y')} ticks={5} />
          <g clipPath={`url(#${CLIP_ID})`}>
            {series.map(({ transform, points }) => (
              <g key={transform} data-series={transform}>
                <path className="rd-curve" d={path(points) ?? ''} stroke={COLORS[transform]} />
                {points.map((p) => (
                  <circle
                    key={`${p.centerCount}|${p.step}`}
                    cx={x(p.bpp)}
                    cy={y(p.psnr)}
                    r={3}
                    fill={COLORS[transform]}
                  >
                    <title>
                      {p.step === null
                        ? t('rd.curvePoint', {
                            series: seriesName(transform),
                            count: p.centerCount,
                            bpp: p.bpp.toFixed(3),
                            psnr: p.psnr.toFixed(2),
                          })
                        : t('rd.dctPoint', {
                            series: seriesName(transform),
                            step: formatValue(p.step),
                            bpp: p.bpp.toFixed(3),
                            psnr: p.psnr.toFixed(2),
                          })}
                    </title>
                  </circle>
                ))}
              </g>
            ))}
            {codecSeries.map(({ codec, points }) => (
              <g key={codec} data-series={codec}>
                <path className="rd-curve" d={path(points) ?? ''} stroke={COLORS[codec]} strokeDasharray="4 3" />
                {points.map((p) => (
                  <rect key={p.quality} x={x(p.bpp) - 3} y={y(p.psnr) - 3} width={6} height={6} fill={COLORS[codec]}>
                    <title>
                      {t('rd.codecPoint', {
                        series: seriesName(codec),
                        quality: p.quality,
                        bpp: p.bpp.toFixed(3),
                        psnr: p.psnr.toFixed(2),
                      })}
                    </title>
                  </rect>
                ))}
              </g>
            ))}
            {learnedPoints.length > 0 ? (
              <g data-series="learned" data-testid="rd-learned">
                <path className="rd-curve" d={path(learnedPoints) ?? ''} stroke={LEARNED_COLOR} />
                {learnedPoints.map((p) => (
                  <path
                    key={p.lambda}
                    d={`M${x(p.bpp)},${y(p.psnr) - 5}l5,5l-5,5l-5,-5z`}
                    fill={LEARNED_COLOR}
                    className="rd-learned-point"
                  >
                    <title>
                      {t('rd.learnedPoint', { lambda: p.lambda, bpp: p.bpp.toFixed(3), psnr: p.psnr.toFixed(2) })}
                    </title>
                  </path>
                ))}
              </g>
            ) : null}
            {trainedPoints.length > 0 ? (
              <g data-series="trained" data-testid="rd-trained">
                <path className="rd-curve" d={path(trainedPoints) ?? ''} stroke={TRAINED_COLOR} />
                {trainedPoints.map((p) => (
                  // a triangle pointing up, centred on the point
                  <path
                    key={p.targetBpp}
                    d={`M${x(p.bpp)},${y(p.psnr) - 5}l5,8.5h-10z`}
                    fill={TRAINED_COLOR}
                    className="rd-trained-point"
                  >
                    <title>
                      {t('rd.trainedPoint', {
                        target: p.targetBpp,
                        bpp: p.bpp.toFixed(3),
                        psnr: p.psnr.toFixed(2),
                      })}
                    </title>
                  </path>
                ))}
              </g>
            ) : null}
            {current && finite(current) ? (
              <circle className="rd-current" data-testid="rd-current" cx={x(current.bpp)} cy={y(current.psnr)} r={6}>
                <title>
                  {t('rd.currentPoint', { label, bpp: current.bpp.toFixed(3), psnr: current.psnr.toFixed(2) })}
                </title>
              </circle>
            ) : null}
          </g>
        </svg>
      </div>
      <div className="rd-legend">
        {LEGEND_KEYS.map((key) => (
          <span key={key}>
            <span className="rd-swatch" style={{ background: COLORS[key] }} />
            {seriesName(key)}
          </span>
        ))}
        {learnedPoints.length > 0 ? (
          <span>
            <span className="rd-swatch" style={{ background: LEARNED_COLOR }} />
            {t('rd.learnedLegend')}
          </span>
        ) : null}
        {trainedPoints.length > 0 ? (
          <span data-testid="rd-trained-legend">
            <span className="rd-swatch" style={{ background: TRAINED_COLOR }} />
            {t('rd.trainedLegend')}
          </span>
        ) : null}
        <span>
          <span className="rd-swatch" style={{ background: 'var(--accent)' }} />
          {t('rd.currentLegend', { label })}
        </span>
      </div>
      {current && finite(current) ? (
        <p className="rd-gap" data-testid="rd-gap">
          {jpegGap === null
            ? t('rd.gapNone', { label: pointName, bpp: current.bpp.toFixed(3) })
            : t(jpegGap >= 0 ? 'rd.gapAbove' : 'rd.gapBelow', {
                label: pointName,
                bpp: current.bpp.toFixed(3),
                gap: Math.abs(jpegGap).toFixed(2),
              })}
        </p>
      ) : null}
    </figure>
  );
}
