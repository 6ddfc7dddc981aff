/**
 * The block codec (model.ts: an MLP per b x b block) as a LearnedCodec: a batch of b x b samples
 * is a batch of blocks [N, 3 b^2], an image is cut into its grid of blocks (blocks.ts), and each
 * block is one latent row of C values.
 */
import * as tf from '@tensorflow/tfjs-core';
import { message } from '../../i18n/message';
import { BLOCK_SIZE, blocksToImage, blockValueCount, imageToBlocks } from './blocks';
import { learnedCodec, type LearnedCodec } from './codec';
import {
  createBlockModel,
  decode,
  encode,
  ENCODER_PARAMETERS,
  PARAMETER_NAMES,
  parameterShapes,
  type BlockModel,
  type BlockModelConfig,
  type ParameterName,
} from './model';
import { learnedArchitecture, LEARNED_DEFAULTS } from './plan';
import type { BlockWeightsFile } from './weights';

/** The block model's decoder variables, in the lab file's order. */
const DECODER_PARAMETERS: readonly ParameterName[] = PARAMETER_NAMES.slice(4);

/** The codec of a block model (it takes over the model: the codec's dispose() disposes it). */
export function blockCodec(model: BlockModel): LearnedCodec {
  const { blockSize, hidden, channels } = model.config;
  const d = blockValueCount(blockSize);
  const weightsFields: Pick<BlockWeightsFile, 'model' | 'architecture' | 'blockSize' | 'hidden' | 'channels'> = {
    model: 'block',
    architecture: 'block-mlp',
    blockSize,
    hidden,
    channels,
  };
  return learnedCodec({
    kind: 'block',
    model,
    disposeModel: () => model.dispose(),
    names: PARAMETER_NAMES,
    encoderNames: ENCODER_PARAMETERS,
    decoderNames: DECODER_PARAMETERS,
    shapes: parameterShapes(model.config),
    pixelsPerLatent: blockSize * blockSize,
    latentRows(count, side) {
      if (side !== blockSize)
        throw new RangeError(`the block model takes ${blockSize} x ${blockSize} samples, got ${side}`);
      return count;
    },
    samplesInput: (samples) => tf.reshape(samples, [-1, d]),
    forward: (blocks) => ({
      latents: encode(model, blocks as tf.Tensor2D),
      decode: (values) => decode(model, values),
    }),
    layout(image) {
      const { blocks, grid } = imageToBlocks(image, blockSize);
      return {
        values: blocks,
        shape: [blocks.length / d, d],
        toRgba: (decoded) => blocksToImage(decoded, grid),
        grid,
      };
    },
    fileModel: { kind: 'block', blockSize, hidden, channels },
    weightsFields,
    architecture: learnedArchitecture(channels, hidden, blockSize),
    labMismatch() {
      if (blockSize === BLOCK_SIZE && hidden === LEARNED_DEFAULTS.hidden) return null;
      return message('lab:messages.blockArchitecture', {
        block: BLOCK_SIZE,
        hidden: LEARNED_DEFAULTS.hidden,
        fileBlock: blockSize,
        fileHidden: hidden,
      });
    },
  });
}

/** A block codec with the given parameters (seeded ones when omitted). */
export function createBlockCodec(
  config: BlockModelConfig,
  parameters?: Record<ParameterName, Float32Array>,
): LearnedCodec {
  return blockCodec(createBlockModel(config, parameters));
}
