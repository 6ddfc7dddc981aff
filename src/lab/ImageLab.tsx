import { useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { FieldSlider } from '../controls/FieldSlider';
import { DCT_COLOURS, LAB_TRANSFORMS } from '../image/choices';
import { downloadBlob } from '../browser/download';
import { formatTemperature, formatValue } from '../format';
import { FigureBoundary } from '../layout/FigureBoundary';
import { EmbedButton } from '../viz/EmbedButton';
import type { Message } from '../i18n/message';
import { translateMessage } from '../i18n/messageText';
import { BUNDLED_IMAGES } from '../state/lesson';
import { openOwnImage } from '../state/imageLab';
import { shownCodecCurve } from '../state/codecState';
import { openedFileStatus } from '../state/labFile';
import { fileNumbers, imageLabel, LAB_MAX_SIDE } from '../state/labState';
import { useAppStore } from '../state/store';
import { Formula } from '../teach/Formula';
import { ImageViews } from '../viz/ImageViews';
import { RateDistortionPlot } from '../viz/RateDistortionPlot';
import { useElementWidth } from '../viz/useElementWidth';
import { useOnScreen } from '../viz/useOnScreen';
import { CodecPanel } from './CodecPanel';
import { LearnedPanel } from './LearnedPanel';
import { Cited } from '../teach/Cited';

/** An RGBA image as a PNG blob, for the downloads (exactly the bytes the numbers are about). */
async function pngOf(rgba: Uint8ClampedArray, width: number, height: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas context');
  context.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))), 'image/png'),
  );
}

/** A lab view's side, CSS px, where two fit in a row. */
const VIEW_SIZE = 220;

/** The codecs' notes as one message: a list joined the language's way. */
const notesList = (notes: Message[]) => ({ list: notes, separator: 'semicolon' as const });

function Numbers() {
  const { t } = useTranslation('lab');
  const db = (value: number) =>
    Number.isFinite(value) ? t('numbers.db', { value: value.toFixed(2) }) : t('numbers.exact');
  const lab = useAppStore((state) => state.lab);
  const result = lab.result;
  if (!result) return <p className="muted">{lab.image ? t('numbers.quantizing') : ''}</p>;
  const quality = lab.quality?.result === result ? lab.quality : null;
  const ms = (value: { value: number | null; reason: Message | null } | undefined) =>
    quality
      ? value?.value !== null && value
        ? value.value.toFixed(4)
        : value?.reason
          ? translateMessage(value.reason)
          : '–'
      : t('numbers.computing');
  // the rate is the file's; the entropy estimate stays beside it, with the gap in percent
  const file = fileNumbers(result);
  const overhead = file && file.estimateBpp > 0 ? (file.bpp / file.estimateBpp - 1) * 100 : null;
  return (
    <table className="lab-numbers" data-testid="lab-numbers">
      <tbody>
        <tr>
          <th scope="row">{t('numbers.rate')}</th>
          <td data-testid="lab-bpp">{t('numbers.bpp', { value: (file?.bpp ?? result.bpp).toFixed(3) })}</td>
          <td className="muted" data-testid="lab-file-note">
            {file
              ? t(result.transform === 'learned' ? 'file.rateNoteLearned' : 'file.rateNote', { bytes: file.bytes })
              : t('file.noFile')}
          </td>
        </tr>
        {file ? (
          <tr>
            <th scope="row">{t('file.estimate')}</th>
            <td data-testid="lab-estimate">{t('numbers.bpp', { value: file.estimateBpp.toFixed(3) })}</td>
            <td className="muted" data-testid="lab-overhead">
              {overhead === null
                ? t('file.estimateNoteZero')
                : t('file.estimateNote', {
                    overhead: t(overhead >= 0 ? 'file.above' : 'file.below', {
                      percent: Math.abs(overhead).toFixed(1),
                    }),
                  })}
            </td>
          </tr>
        ) : null}
        <tr>
          <th scope="row">{t('numbers.psnr')}</th>
          <td data-testid="lab-psnr">
            {db(result.psnr)} / {db(result.psnrSoft)}
          </td>
          <td className="muted">{t('numbers.psnrNote')}</td>
        </tr>
        <tr>
          <th scope="row">{t('numbers.msssim')}</th>
          <td data-testid="lab-msssim">
            {ms(quality?.hard)} / {ms(quality?.soft)}
          </td>
          <td className="muted">{t('numbers.msssimNote')}</td>
        </tr>
        {lab.clipped !== null && lab.clipped > 0 ? (
          <tr>
            <th scope="row">{t('numbers.clipped')}</th>
            <td data-testid="lab-clipped">{(lab.clipped * 100).toFixed(1)}%</td>
            <td className="muted">{t('numbers.clippedNote')}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

/**
 * The quantizer on a real image: the original, the soft and hard reconstructions, the error,
 * the symbols and the soft assignment's entropy, with the rate and the quality, against the
 * browser's own JPEG and WebP. One temperature slider drives the explorer and the lab.
 */
export default function ImageLab() {
  const { t } = useTranslation('lab');
  const onScreenRef = useOnScreen('lab');
  const lab = useAppStore((state) => state.lab);
  const lesson = useAppStore((state) => state.lesson);
  const centerCount = useAppStore((state) => state.params.centerCount);
  // two views per row on a phone: each view half the width (less the gap), else 220 px
  const [viewsRef, viewsWidth] = useElementWidth<HTMLDivElement>();
  const viewSize = viewsWidth > 0 && viewsWidth < 2 * VIEW_SIZE + 24 ? Math.floor((viewsWidth - 12) / 2) : VIEW_SIZE;
  const setLesson = useAppStore((state) => state.setLesson);
  // inside an embed the lab has no Embed button of its own
  const embedded = useAppStore((state) => state.embed !== null);
  const file = useRef<HTMLInputElement>(null);
  const learnedCurve = useAppStore((state) => state.learned.curve);
  // one selector per field: the codec's progress changes every frame while it trains
  const codecCurvePoints = useAppStore((state) => state.codec.curve);
  const codecCurveImage = useAppStore((state) => state.codec.curveImage);
  const codecCurve = shownCodecCurve({ curve: codecCurvePoints, curveImage: codecCurveImage }, lab.image);
  const learnedStep = useAppStore((state) => state.learned.evaluation?.steps ?? 0);
  const image = lab.image;
  const result = lab.result;
  // a lab file the person opened replaces the hard view while the settings are the ones it came with
  const opened = openedFileStatus(lab);
  const decoded = opened?.status === 'shown' ? opened.file : null;
  const hard = decoded?.rgba ?? result?.hard;
  const labFile = result ? fileNumbers(result) : null;
  const chooseBundled = (name: (typeof BUNDLED_IMAGES)[number]) => {
    // a bundled image replaces the person's own one, even when the link already names it
    if (useAppStore.getState().lab.image?.own) useAppStore.getState().updateLab({ image: null });
    setLesson({ image: name });
  };
  const download = async (which: 'original' | 'soft' | 'hard') => {
    if (!image || !result || !hard) return;
    const rgba = which === 'original' ? image.lab.rgba : which === 'hard' ? hard : result[which];
    downloadBlob(await pngOf(rgba, image.lab.width, image.lab.height), `quantization-playground-${which}.png`);
  };
  const downloadCompressed = () => {
    if (!result?.file) return;
    const name = `quantization-playground-${result.transform}.qplf`;
    downloadBlob(new Blob([new Uint8Array(result.file)], { type: 'application/octet-stream' }), name);
  };
  return (
    <section
      className="card image-lab"
      aria-label={t('aria')}
      data-figure="lab"
      id="image-lab"
      ref={onScreenRef}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        const dropped = event.dataTransfer.files[0];
        if (dropped) void openOwnImage(dropped);
      }}
      onPaste={(event) => {
        const pasted = Array.from(event.clipboardData.files)[0];
        if (pasted) void openOwnImage(pasted);
      }}
    >
      <div className="card-head">
        <h2>{t('title')}</h2>
        {embedded ? null : <EmbedButton figure="image" />}
      </div>
      <div className="lab-controls">
        <label>
          {t('image')}{' '}
          <select
            aria-label={t('image')}
            value={image?.own ? '' : lesson.image}
            onChange={(event) => chooseBundled(event.currentTarget.value as (typeof BUNDLED_IMAGES)[number])}
          >
            {image?.own ? (
              <option value="">{t('yours', { name: translateMessage(imageLabel(image.name)) })}</option>
            ) : null}
            {BUNDLED_IMAGES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="file-pick">
          {t('openOwn')}{' '}
          <input
            ref={file}
            type="file"
            accept="image/*"
            aria-label={t('openOwnAria')}
            onChange={(event) => {
              const picked = event.currentTarget.files?.[0];
              if (picked) void openOwnImage(picked);
            }}
          />
        </label>
        <fieldset className="control">
          <legend>{t('quantize')}</legend>
          {LAB_TRANSFORMS.map((transform) => (
            <label key={transform} className="radio">
              <input
                type="radio"
                name="lab-transform"
                checked={lesson.transform === transform}
                onChange={() => setLesson({ transform })}
              />{' '}
              {t(`transform.${transform}`)}
            </label>
          ))}
        </fieldset>
        <div className="lab-quantizer">
          <FieldSlider
            name="temperature"
            label={t('quantizer.temperature')}
            valueText={(value) => `T = ${formatTemperature(value)}`}
            hint={t('quantizer.temperatureHint')}
            snapOneTwoFive
          />
          <FieldSlider
            name="centerCount"
            label={t('quantizer.centers')}
            valueText={(value) => `L = ${value}`}
            hint={t('quantizer.centersHint', { centers: centerCount })}
          />
        </div>
        {lesson.transform === 'dct' ? (
          <>
            <FieldSlider
              name="dctStep"
              label={t('dctStep.label')}
              valueText={(step) => t('dctStep.value', { step: formatValue(step) })}
              hint={t('dctStep.hint')}
            />
            <fieldset className="control">
              <legend>{t('dctColour.legend')}</legend>
              {DCT_COLOURS.map((colour) => (
                <label key={colour} className="radio">
                  <input
                    type="radio"
                    name="lab-dct-colour"
                    checked={lesson.dctColour === colour}
                    onChange={() => setLesson({ dctColour: colour })}
                  />{' '}
                  {t(`dctColour.${colour}`)}
                </label>
              ))}
            </fieldset>
          </>
        ) : null}
      </div>
      {lesson.transform === 'learned' ? <LearnedPanel /> : null}
      {lesson.transform === 'codec' ? <CodecPanel /> : null}
      {lab.loading !== null ? (
        <p className="muted">{t('opening', { name: translateMessage(imageLabel(lab.loading)) })}</p>
      ) : null}
      {lab.error ? (
        <p className="notice error" role="alert" data-testid="lab-error">
          {translateMessage(lab.error)}
        </p>
      ) : null}
      {image?.scaledFrom ? (
        <p className="muted" data-testid="lab-scaled">
          {t('scaled', {
            fromWidth: image.scaledFrom[0],
            fromHeight: image.scaledFrom[1],
            width: image.lab.width,
            height: image.lab.height,
            max: LAB_MAX_SIDE,
          })}
        </p>
      ) : null}
      {image && result ? (
        <FigureBoundary name={t('figureName')}>
          <div ref={viewsRef}>
            <ImageViews
              width={image.lab.width}
              height={image.lab.height}
              original={image.lab.rgba}
              soft={result.soft}
              hard={hard ?? result.hard}
              error={result.error}
              symbols={result.symbols}
              entropyMap={result.entropyMap}
              viewSize={viewSize}
            />
          </div>
          {opened ? (
            <p
              className="notice"
              role="status"
              data-testid={opened.status === 'shown' ? 'lab-decoded' : 'lab-recomputed'}
            >
              {t(opened.status === 'shown' ? 'file.decoded' : `file.${opened.status}`, {
                name: translateMessage(imageLabel(opened.file.name, true)),
                bytes: opened.file.bytes,
                transform: t(`transform.${opened.file.transform}`, { defaultValue: opened.file.transform }),
              })}
            </p>
          ) : null}
          <Numbers />
          <div className="lab-downloads">
            {t('downloads.label')}{' '}
            <button type="button" className="small" onClick={() => void download('original')}>
              {t('downloads.original')}
            </button>{' '}
            <button type="button" className="small" onClick={() => void download('soft')}>
              {t('downloads.soft')}
            </button>{' '}
            <button type="button" className="small" onClick={() => void download('hard')}>
              {t('downloads.hard')}
            </button>
            {labFile ? (
              <>
                {' · '}
                <button type="button" className="small" data-testid="lab-download-file" onClick={downloadCompressed}>
                  {t('file.download', { bytes: labFile.bytes })}
                </button>
              </>
            ) : null}
          </div>
          <h3>{t('rdTitle')}</h3>
          <RateDistortionPlot
            current={{ bpp: labFile?.bpp ?? result.bpp, psnr: result.psnr }}
            curves={lab.curves}
            codecs={lab.codecs}
            learnedCurve={learnedCurve}
            codecCurve={codecCurve}
            currentLabel={result.transform === 'learned' ? t('currentLearned', { step: learnedStep }) : t('current')}
          />
          <p className="muted" data-testid="lab-codec-progress">
            {lab.codecProgress
              ? t('codecs.progress', { done: lab.codecProgress.done, total: lab.codecProgress.total })
              : t('codecs.waiting')}
            {lab.codecNotes.length ? ` · ${translateMessage(notesList(lab.codecNotes))}` : ''}
          </p>
        </FigureBoundary>
      ) : null}
      <div className="lab-explain">
        {lesson.transform === 'pixels' || lesson.transform === 'dct' ? (
          <p>
            <Trans
              t={t}
              i18nKey="explain.p1"
              components={{
                v1: <var />,
                f1: <Formula tex="w" text="w" />,
                f2: <Formula tex="w_{\mathrm{hard}}" text="w_hard" />,
                f3: <Formula tex="w_{\mathrm{soft}} = \sum_j p_j c_j" text="w_soft = Σ p_j c_j" />,
                f4: <Formula tex="T \to 0" text="T → 0" />,
              }}
            />
          </p>
        ) : null}
        {lesson.transform === 'dct' ? (
          <p data-testid="lab-dct-explain">
            <Trans
              t={t}
              i18nKey="explain.dct"
              components={{
                f1: <Formula tex="y_k" text="y_k" />,
                f2: <Formula tex="\Delta_k = Q_k \cdot \mathrm{step} \cdot s" text="Δ_k = Q_k · step · s" />,
                f3: (
                  <Formula
                    tex="\hat y_k = \Delta_k \,\mathrm{round}(y_k / \Delta_k)"
                    text="ŷ_k = Δ_k round(y_k / Δ_k)"
                  />
                ),
                f4: <Formula tex="T \to 0" text="T → 0" />,
              }}
            />
          </p>
        ) : null}
        <p data-testid="lab-bound">
          <Cited
            text={t(`explain.bound.${lesson.transform}`, {
              centerCount,
              bound: (3 * Math.log2(centerCount)).toFixed(2),
              perChannel: Math.log2(centerCount).toFixed(2),
            })}
          />
        </p>
        <p>{t('explain.rates')}</p>
        <h3>{t('file.explainTitle')}</h3>
        <p data-testid="lab-bits-explain">{t('file.explain')}</p>
      </div>
    </section>
  );
}
