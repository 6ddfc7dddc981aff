import { useRef } from 'react';
import { FieldSlider } from '../controls/FieldSlider';
import { LAB_TRANSFORMS, type LabTransform } from '../image/labCompute';
import { downloadBlob } from '../download';
import { formatValue } from '../format';
import { FigureBoundary } from '../layout/FigureBoundary';
import { BUNDLED_IMAGES } from '../state/lesson';
import { openOwnImage } from '../state/imageLab';
import { LAB_MAX_SIDE } from '../state/labState';
import { useAppStore } from '../state/store';
import { Formula } from '../teach/Formula';
import { ImageViews } from '../viz/ImageViews';
import { RateDistortionPlot } from '../viz/RateDistortionPlot';
import { useOnScreen } from '../viz/useOnScreen';
import { LearnedPanel } from './LearnedPanel';

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

const TRANSFORM_LABELS: Record<LabTransform, string> = {
  pixels: 'pixel values',
  dct: '8×8 DCT coefficients (per RGB channel)',
  learned: 'a learned code of each 8×8 block (train it below)',
};

const db = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} dB` : 'exact');

function Numbers() {
  const lab = useAppStore((state) => state.lab);
  const result = lab.result;
  if (!result) return <p className="muted">{lab.image ? 'Quantizing…' : ''}</p>;
  const quality = lab.quality?.result === result ? lab.quality : null;
  const ms = (value: { value: number | null; reason: string | null } | undefined) =>
    quality ? (value?.value !== null && value ? value.value.toFixed(4) : (value?.reason ?? '–')) : 'computing…';
  return (
    <table className="lab-numbers" data-testid="lab-numbers">
      <tbody>
        <tr>
          <th scope="row">Rate</th>
          <td data-testid="lab-bpp">{result.bpp.toFixed(3)} bpp</td>
          <td className="muted">
            entropy estimate, no side information (ideal code length of the hard symbols
            {result.transform === 'learned' ? ', one histogram per latent channel' : ''})
          </td>
        </tr>
        <tr>
          <th scope="row">PSNR hard / soft</th>
          <td data-testid="lab-psnr">
            {db(result.psnr)} / {db(result.psnrSoft)}
          </td>
          <td className="muted">8-bit RGB, after rounding and clipping</td>
        </tr>
        <tr>
          <th scope="row">MS-SSIM hard / soft</th>
          <td data-testid="lab-msssim">
            {ms(quality?.hard)} / {ms(quality?.soft)}
          </td>
          <td className="muted">luma, 5 scales (computed when a change ends)</td>
        </tr>
        {lab.clipped !== null && lab.clipped > 0 ? (
          <tr>
            <th scope="row">Clipped</th>
            <td data-testid="lab-clipped">{(lab.clipped * 100).toFixed(1)}%</td>
            <td className="muted">of the values fall beyond the outer centers and are clipped to them</td>
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
  const onScreenRef = useOnScreen('lab');
  const lab = useAppStore((state) => state.lab);
  const lesson = useAppStore((state) => state.lesson);
  const setLesson = useAppStore((state) => state.setLesson);
  const file = useRef<HTMLInputElement>(null);
  const learnedCurve = useAppStore((state) => state.learned.curve);
  const learnedStep = useAppStore((state) => state.learned.evaluation?.steps ?? 0);
  const image = lab.image;
  const result = lab.result;
  const chooseBundled = (name: (typeof BUNDLED_IMAGES)[number]) => {
    // a bundled image replaces the person's own one, even when the link already names it
    if (useAppStore.getState().lab.image?.own)
      useAppStore.setState((state) => ({ lab: { ...state.lab, image: null } }));
    setLesson({ image: name });
  };
  const download = async (which: 'original' | 'soft' | 'hard') => {
    if (!image || !result) return;
    const rgba = which === 'original' ? image.lab.rgba : result[which];
    downloadBlob(await pngOf(rgba, image.lab.width, image.lab.height), `quantization-playground-${which}.png`);
  };
  return (
    <section
      className="card image-lab"
      aria-label="Image lab"
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
      <h2>Image lab: the quantizer on a photograph</h2>
      <div className="lab-controls">
        <label>
          Image{' '}
          <select
            aria-label="Image"
            value={image?.own ? '' : lesson.image}
            onChange={(event) => chooseBundled(event.currentTarget.value as (typeof BUNDLED_IMAGES)[number])}
          >
            {image?.own ? <option value="">{image.name} (yours)</option> : null}
            {BUNDLED_IMAGES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="file-pick">
          or open your own (stays in this tab; drop or paste works too){' '}
          <input
            ref={file}
            type="file"
            accept="image/*"
            aria-label="Open your own image"
            onChange={(event) => {
              const picked = event.currentTarget.files?.[0];
              if (picked) void openOwnImage(picked);
            }}
          />
        </label>
        <fieldset className="control">
          <legend>Quantize</legend>
          {LAB_TRANSFORMS.map((transform) => (
            <label key={transform} className="radio">
              <input
                type="radio"
                name="lab-transform"
                checked={lesson.transform === transform}
                onChange={() => setLesson({ transform })}
              />{' '}
              {TRANSFORM_LABELS[transform]}
            </label>
          ))}
        </fieldset>
        {lesson.transform === 'dct' ? (
          <FieldSlider
            name="dctStep"
            label="DCT step"
            valueText={(step) => `step = ${formatValue(step)}`}
            hint="coefficients are divided by the JPEG luminance table × step (log scale)"
          />
        ) : null}
      </div>
      {lesson.transform === 'learned' ? <LearnedPanel /> : null}
      {lab.loading ? <p className="muted">Opening {lab.loading}…</p> : null}
      {lab.error ? (
        <p className="notice error" role="alert" data-testid="lab-error">
          {lab.error}
        </p>
      ) : null}
      {image?.scaledFrom ? (
        <p className="muted" data-testid="lab-scaled">
          Scaled down from {image.scaledFrom[0]} × {image.scaledFrom[1]} to {image.lab.width} × {image.lab.height} (the
          lab works at most {LAB_MAX_SIDE} px on the long side).
        </p>
      ) : null}
      {image && result ? (
        <FigureBoundary name="image lab">
          <ImageViews
            width={image.lab.width}
            height={image.lab.height}
            original={image.lab.rgba}
            soft={result.soft}
            hard={result.hard}
            error={result.error}
            symbols={result.symbols}
            entropyMap={result.entropyMap}
            viewSize={220}
          />
          <Numbers />
          <div className="lab-downloads">
            Download PNG:{' '}
            <button type="button" className="small" onClick={() => void download('original')}>
              image as used
            </button>{' '}
            <button type="button" className="small" onClick={() => void download('soft')}>
              soft
            </button>{' '}
            <button type="button" className="small" onClick={() => void download('hard')}>
              hard
            </button>
          </div>
          <h3>Rate against distortion</h3>
          <RateDistortionPlot
            current={result}
            curves={lab.curves}
            codecs={lab.codecs}
            learnedCurve={learnedCurve}
            currentLabel={result.transform === 'learned' ? `learned codec at step ${learnedStep}` : 'current'}
          />
          <p className="muted" data-testid="lab-codec-progress">
            {lab.codecProgress
              ? `browser codecs: ${lab.codecProgress.done} of ${lab.codecProgress.total} encodes`
              : 'browser codecs: waiting'}
            {lab.codecNotes.length ? ` · ${lab.codecNotes.join('; ')}` : ''}
          </p>
        </FigureBoundary>
      ) : null}
      <div className="lab-explain">
        <p>
          Each 8-bit value <var>x</var> (or each DCT coefficient divided by its step) becomes an input{' '}
          <Formula tex="w" text="w" /> of the same quantizer as above, with the same temperature, centers and distance.
          The hard image is the STE’s forward value <Formula tex="w_{\mathrm{hard}}" text="w_hard" />; the soft image is{' '}
          <Formula tex="w_{\mathrm{soft}} = \sum_j p_j c_j" text="w_soft = Σ p_j c_j" />. At a high temperature every p
          is nearly uniform, so every value is pulled toward the mean of the centers and the soft image fades to grey;
          only as <Formula tex="T \to 0" text="T → 0" /> does p become one-hot and the soft image turn into the hard
          one. That gap is what a network trained through the STE never sees going forward, and what its gradient sees
          going back.
        </p>
        <p>
          With L = 5 centers each value becomes one of five symbols, at most{' '}
          <Formula tex="\log_2 5 \approx 2.32" text="log2 5 ≈ 2.32" /> bits per channel: “extreme” compression, as in
          Agustsson et al. 2019, where a learned transform decides what the few symbols mean. The rate shown is the
          empirical entropy of the hard symbols (one histogram per channel, or per channel and DCT frequency): the ideal
          code length of an entropy coder that knew those histograms, without the cost of sending them. It is an
          estimate, not a bitstream; JPEG and WebP are real files, headers included. In DCT mode most large coefficients
          fall beyond the outer centers unless the step is large: the “clipped” line counts them.
        </p>
      </div>
    </section>
  );
}
