/**
 * Square RGB blocks of an RGBA image, the learned codec's unit of work, and the seeded sampler
 * of random blocks that training feeds on. Pure: no DOM, no tfjs.
 *
 * A block of size b is b * b pixels, stored row by row, each pixel as R, G, B: 3 b^2 values
 * (192 for b = 8), each the 8-bit value / 255, so in [0, 1]. Alpha is ignored on the way in and
 * written as 255 on the way out.
 */
import { seededRandom } from '../../model/random';

/** The block size of the block model: 8 x 8 pixels, as JPEG's DCT. */
export const BLOCK_SIZE = 8;
/** The largest block size the model accepts (a 16 x 16 block holds 768 values). */
export const MAX_BLOCK_SIZE = 16;
/** The largest square crop the sampler cuts (the conv model trains on crops, 32 x 32 or so). */
export const MAX_CROP_SIZE = 256;
/** The largest side of an image the codec accepts (a working-size image is at most 512). */
export const MAX_IMAGE_SIDE = 4096;

/** An RGBA image as canvas's ImageData holds it (an ImageData is one). */
export interface RgbaImage {
  /** [height, width, 4] row-major, R G B A, 0..255 */
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** How an image is cut into blocks. */
export interface BlockGrid {
  blockSize: number;
  /** the image's own size; the last column and row of blocks may reach past it */
  width: number;
  height: number;
  /** ceil(width / blockSize) and ceil(height / blockSize) */
  columns: number;
  rows: number;
}

/** 3 b^2, the values in one block of size b. */
export function blockValueCount(blockSize: number): number {
  return 3 * blockSize * blockSize;
}

/** Throws a RangeError naming the rule unless b is an integer in 1..MAX_BLOCK_SIZE. */
export function checkBlockSize(blockSize: number): void {
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > MAX_BLOCK_SIZE) {
    throw new RangeError(`block size must be an integer in 1..${MAX_BLOCK_SIZE}, got ${blockSize}`);
  }
}

/** Throws a RangeError naming the rule unless the image's size and data agree. */
export function checkImage(image: RgbaImage): void {
  const { width, height, data } = image;
  for (const [name, side] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(side) || side < 1 || side > MAX_IMAGE_SIDE) {
      throw new RangeError(`image ${name} must be an integer in 1..${MAX_IMAGE_SIDE}, got ${side}`);
    }
  }
  if (data.length !== width * height * 4) {
    throw new RangeError(`an RGBA image of ${width} x ${height} holds ${width * height * 4} bytes, got ${data.length}`);
  }
}

/** The grid of b x b blocks that covers an image of width x height. */
export function blockGrid(width: number, height: number, blockSize: number): BlockGrid {
  checkBlockSize(blockSize);
  return { blockSize, width, height, columns: Math.ceil(width / blockSize), rows: Math.ceil(height / blockSize) };
}

/**
 * Copies the b x b block whose top-left pixel is (left, top) into out[offset ..], 3 b^2 values in
 * [0, 1]. Pixels past an edge repeat the edge (replication padding), so any position is valid.
 */
export function readBlock(
  image: RgbaImage,
  left: number,
  top: number,
  blockSize: number,
  out: Float32Array,
  offset: number,
): void {
  const { data, width, height } = image;
  let at = offset;
  for (let dy = 0; dy < blockSize; dy++) {
    const y = Math.min(Math.max(top + dy, 0), height - 1);
    for (let dx = 0; dx < blockSize; dx++) {
      const x = Math.min(Math.max(left + dx, 0), width - 1);
      const pixel = (y * width + x) * 4;
      for (let channel = 0; channel < 3; channel++) out[at++] = (data[pixel + channel] as number) / 255;
    }
  }
}

/**
 * Every block of the image on its grid, row of blocks by row of blocks, edges padded by
 * replication.
 * @returns blocks [rows * columns, 3 b^2] row-major, values in [0, 1]; grid
 */
export function imageToBlocks(
  image: RgbaImage,
  blockSize: number = BLOCK_SIZE,
): { blocks: Float32Array; grid: BlockGrid } {
  checkImage(image);
  const grid = blockGrid(image.width, image.height, blockSize);
  const size = blockValueCount(blockSize);
  const blocks = new Float32Array(grid.rows * grid.columns * size);
  for (let row = 0; row < grid.rows; row++) {
    for (let column = 0; column < grid.columns; column++) {
      readBlock(image, column * blockSize, row * blockSize, blockSize, blocks, (row * grid.columns + column) * size);
    }
  }
  return { blocks, grid };
}

/**
 * Puts decoded blocks back into an RGBA image of the grid's width x height; the padding past the
 * edges is dropped. Each value v becomes the byte v * 255, clamped to 0..255 and rounded half to
 * even (Uint8ClampedArray's own rule); NaN becomes 0. Alpha is 255.
 * @param blocks [rows * columns, 3 b^2] row-major, nominally in [0, 1]
 * @returns [height, width, 4] RGBA bytes
 */
export function blocksToImage(blocks: ArrayLike<number>, grid: BlockGrid): Uint8ClampedArray {
  const { blockSize, width, height, columns, rows } = grid;
  const size = blockValueCount(blockSize);
  if (blocks.length !== rows * columns * size) {
    throw new RangeError(
      `a ${columns} x ${rows} grid of ${blockSize}-blocks holds ${rows * columns * size} values, got ${blocks.length}`,
    );
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / blockSize);
    const dy = y - row * blockSize;
    for (let x = 0; x < width; x++) {
      const column = Math.floor(x / blockSize);
      const dx = x - column * blockSize;
      const from = (row * columns + column) * size + (dy * blockSize + dx) * 3;
      const to = (y * width + x) * 4;
      for (let channel = 0; channel < 3; channel++) data[to + channel] = (blocks[from + channel] as number) * 255;
      data[to + 3] = 255;
    }
  }
  return data;
}

/** An image the sampler may draw from, with the name the page shows. */
export interface NamedImage {
  name: string;
  image: RgbaImage;
}

/** What training draws its blocks from, and how the page must label it. */
export interface BlockSource {
  images: readonly NamedImage[];
  /** whether the test image (the one the codec is evaluated on) is among the training images */
  trainsOnTestImage: boolean;
  /** in words, for the page: which images, and whether the test image is one of them */
  label: string;
}

/**
 * The training source: random blocks of `images`, labelled against `testImageName`, the image
 * the result is measured on. Training on the test image itself measures how well the codec fits
 * that image, not how well it generalises, and the label says so.
 */
export function blockSource(images: readonly NamedImage[], testImageName: string): BlockSource {
  if (images.length < 1) throw new RangeError('a block source needs at least 1 image, got 0');
  images.forEach(({ image }) => checkImage(image));
  const trainsOnTestImage = images.some(({ name }) => name === testImageName);
  const names = images.map(({ name }) => (name === testImageName ? `${name} (the test image itself)` : name));
  const label =
    images.length === 1
      ? `random blocks of ${names[0]}`
      : `random blocks of ${images.length} images: ${names.join(', ')}` +
        (trainsOnTestImage ? '' : `; not ${testImageName}, the test image`);
  return { images, trainsOnTestImage, label };
}

/** A seeded stream of training batches. */
export interface BlockSampler {
  readonly source: BlockSource;
  readonly blockSize: number;
  /** the next `count` blocks: [count, 3 b^2] row-major in [0, 1] */
  next(count: number): Float32Array;
}

/**
 * Random b x b blocks at any pixel position (not only on the grid: shifted blocks are more
 * examples of the same statistics), from an image picked in proportion to its block positions,
 * so every pixel of every image is about equally likely. The same seed gives the same batches.
 * b may be up to MAX_CROP_SIZE: a b x b block is a crop [b, b, 3], as the conv model takes it.
 */
export function createBlockSampler(source: BlockSource, blockSize: number, seed: number): BlockSampler {
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > MAX_CROP_SIZE) {
    throw new RangeError(`a sampled block or crop must have a side in 1..${MAX_CROP_SIZE}, got ${blockSize}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const random = seededRandom(seed);
  // positions per image: left in 0..max(width - b, 0), top likewise
  const spans = source.images.map(({ image }) => ({
    across: Math.max(image.width - blockSize, 0) + 1,
    down: Math.max(image.height - blockSize, 0) + 1,
  }));
  const cumulative: number[] = [];
  spans.reduce((total, { across, down }) => {
    cumulative.push(total + across * down);
    return total + across * down;
  }, 0);
  const total = cumulative[cumulative.length - 1] as number;
  const size = blockValueCount(blockSize);
  return {
    source,
    blockSize,
    next(count: number): Float32Array {
      if (!Number.isInteger(count) || count < 1)
        throw new RangeError(`batch size must be an integer >= 1, got ${count}`);
      const out = new Float32Array(count * size);
      for (let k = 0; k < count; k++) {
        const position = Math.floor(random() * total);
        const which = cumulative.findIndex((end) => position < end);
        const start = which === 0 ? 0 : (cumulative[which - 1] as number);
        const { across } = spans[which] as { across: number };
        const local = position - start;
        const image = (source.images[which] as NamedImage).image;
        readBlock(image, local % across, Math.floor(local / across), blockSize, out, k * size);
      }
      return out;
    },
  };
}

/**
 * Decoded values [paddedHeight, paddedWidth, 3] in [0, 1] cropped to width x height as RGBA bytes
 * (Uint8ClampedArray clamps to 0..255 and rounds half to even, as blocksToImage does).
 */
export function paddedToRgba(
  values: ArrayLike<number>,
  paddedWidth: number,
  width: number,
  height: number,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * paddedWidth + x) * 3;
      const to = (y * width + x) * 4;
      for (let channel = 0; channel < 3; channel++) out[to + channel] = (values[from + channel] as number) * 255;
      out[to + 3] = 255;
    }
  }
  return out;
}
