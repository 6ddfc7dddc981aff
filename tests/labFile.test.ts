import { describe, expect, it } from 'vitest';
import { setLanguage } from '../src/i18n/i18n';
import type { MessageValue } from '../src/i18n/message';
import { translateMessage } from '../src/i18n/messageText';
import { encodeLabFile } from '../src/image/coding/container';
import { encodePixelsPayload } from '../src/image/coding/pixelsPayload';
import { prepareLabImage, type LabResult } from '../src/image/labCompute';
import { makeCenters } from '../src/model/centers';
import { openOwnImage } from '../src/state/imageLab';
import { openedFileStatus, shownDecodedFile } from '../src/state/labFile';
import { EMPTY_LAB } from '../src/state/labState';
import { useAppStore } from '../src/state/store';

/** A pixels file of a w x h image whose every index is `index` (L = 3, centers -1, 0, 1). */
function pixelsFile(width: number, height: number, index: number): Uint8Array {
  const indices = new Uint8Array(3 * width * height).fill(index);
  return encodeLabFile(
    'pixels',
    width,
    height,
    encodePixelsPayload({ width, height, centers: makeCenters(3, 1), indices }),
  );
}

/** Some computed result: openedFileStatus reads only whether there is one. */
const someResult = {} as LabResult;
const asFile = (bytes: Uint8Array, name: string) => Object.assign(new Blob([new Uint8Array(bytes)]), { name });

describe('opening a lab file through the image input', () => {
  it('a file of the lab image size becomes the hard view of the current result, with its size', async () => {
    const image = {
      name: 'grey',
      own: true,
      lab: prepareLabImage(new Uint8ClampedArray(4 * 6 * 4).fill(200), 6, 4),
      scaledFrom: null,
    };
    useAppStore.setState({ lab: { ...EMPTY_LAB, image, resultKey: 'the settings' } });
    const bytes = pixelsFile(6, 4, 2);
    await openOwnImage(asFile(bytes, 'white.qplf'));
    const lab = useAppStore.getState().lab;
    expect(lab.error).toBeNull();
    expect(lab.image).toBe(image);
    const shown = shownDecodedFile(lab);
    expect(shown).toMatchObject({ name: 'white.qplf', bytes: bytes.length, transform: 'pixels', width: 6, height: 4 });
    // index 2 of [-1, 0, 1] is the last center: 255 in every channel
    expect(Array.from(new Set(shown?.rgba))).toEqual([255]);
    // another result (a change of settings) shows its own hard view
    expect(shownDecodedFile({ ...lab, resultKey: 'other settings' })).toBeNull();
    // and the page says which: the file's image, or a view computed again at the new settings
    expect(openedFileStatus({ ...lab, result: someResult })?.status).toBe('shown');
    expect(openedFileStatus({ ...lab, result: someResult, resultKey: 'other settings' })?.status).toBe('recomputed');
    expect(openedFileStatus({ ...lab, result: null })).toBeNull();
  });

  it('a file of another size becomes the lab image; a damaged one leaves everything as it was', async () => {
    await openOwnImage(asFile(pixelsFile(5, 3, 0), 'black.qplf'));
    const opened = useAppStore.getState().lab;
    expect(opened.image?.name).toBe('black.qplf');
    expect([opened.image?.lab.width, opened.image?.lab.height]).toEqual([5, 3]);
    // its first result shows the file's image; after a change, the views are computed on that image
    const firstKey = opened.decoded?.resultKey ?? null;
    expect(openedFileStatus({ ...opened, result: someResult, resultKey: firstKey })?.status).toBe('shown');
    expect(openedFileStatus({ ...opened, result: someResult, resultKey: 'changed' })?.status).toBe('recomputedOnImage');
    const damaged = pixelsFile(5, 3, 1);
    damaged[12] = (damaged[12] as number) ^ 1;
    await openOwnImage(asFile(damaged, 'damaged.qplf'));
    const after = useAppStore.getState().lab;
    // the state holds the message; it reads in the language shown, and again after a switch
    const shown = () => translateMessage(after.error as MessageValue);
    expect(shown()).toContain('damaged.qplf');
    expect(shown()).toContain('could not be decoded as a lab file');
    await setLanguage('zh');
    expect(shown()).toContain('damaged.qplf');
    expect(shown()).toContain('无法作为实验文件解码');
    await setLanguage('en');
    expect(after.image).toBe(opened.image);
    expect(after.decoded).toBe(opened.decoded);
    expect(after.loading).toBeNull();
  });
});
