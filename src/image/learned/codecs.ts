/**
 * The learned codecs by kind: the one place that looks at the kind. Each entry makes the
 * architecture the lab trains and says how the lab trains it (sample side, batch, learning rate);
 * readWeightsFile makes a weights file's model.
 */
import { message, type Message, type MessageValue } from '../../i18n/message';
import { DEFAULT_ENGINE, type Engine } from '../../model/choices';
import { BLOCK_SIZE } from './blocks';
import { createBlockCodec } from './blockCodec';
import type { CodecConfig, LearnedCodec } from './codec';
import { createConvCodec } from './convCodec';
import { CONV_DEFAULTS, convCropSize, LEARNED_DEFAULTS } from './plan';
import { parseWeightsFile, type LearnedModelKind, type TrainingRecord } from './weights';

/** How the lab makes and trains one kind of learned codec. */
export interface LearnedCodecKind {
  readonly kind: LearnedModelKind;
  /** the full config of the lab's architecture for these quantizer, channel and seed settings */
  labConfig(setting: CodecConfig): CodecConfig;
  /** a seeded codec of labConfig(setting) (the caller disposes it) */
  create(setting: CodecConfig): LearnedCodec;
  /** the side S of the S x S training samples for an image, or why none fits */
  sampling(width: number, height: number): { side: number } | { problem: Message };
  /** samples per training step */
  readonly batch: number;
  readonly learningRate: number;
  /** where the samples come from, in words: `image` is the image's label */
  sourceLabel(image: MessageValue, side: number): Message;
}

const blockConfig = (setting: CodecConfig) => ({ ...setting, blockSize: BLOCK_SIZE, hidden: LEARNED_DEFAULTS.hidden });
const convConfig = (setting: CodecConfig) => ({
  ...setting,
  filters: CONV_DEFAULTS.filters,
  kernelSize: CONV_DEFAULTS.kernelSize,
});

export const LEARNED_CODECS: Record<LearnedModelKind, LearnedCodecKind> = {
  block: {
    kind: 'block',
    labConfig: blockConfig,
    create: (setting) => createBlockCodec(blockConfig(setting)),
    sampling: () => ({ side: BLOCK_SIZE }),
    batch: LEARNED_DEFAULTS.batch,
    learningRate: LEARNED_DEFAULTS.learningRate,
    sourceLabel: (image) => message('lab:learned.sourceOf', { image }),
  },
  conv: {
    kind: 'conv',
    labConfig: convConfig,
    create: (setting) => createConvCodec(convConfig(setting)),
    sampling(width, height) {
      const side = convCropSize(width, height);
      return side < 8 ? { problem: message('lab:messages.convTooSmall') } : { side };
    },
    batch: CONV_DEFAULTS.batch,
    learningRate: CONV_DEFAULTS.learningRate,
    sourceLabel: (image, side) => message('lab:learned.cropsOf', { image, size: side }),
  },
};

/**
 * Reads a weights file of either kind back as a codec (the caller disposes it), its quantizer
 * run by `engine`. Throws a WeightsFileError naming the first thing wrong with the file.
 */
export function readWeightsFile(
  text: string,
  engine: Engine = DEFAULT_ENGINE,
): { codec: LearnedCodec; record: TrainingRecord } {
  const parsed = parseWeightsFile(text, engine);
  const codec =
    parsed.kind === 'conv'
      ? createConvCodec(parsed.config, parsed.parameters)
      : createBlockCodec(parsed.config, parsed.parameters);
  return { codec, record: parsed.record };
}
