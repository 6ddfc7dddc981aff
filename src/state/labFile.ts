/**
 * The lab's files in the state: opening one (recognised by its magic, decoded off the page's
 * thread) and what the lab shows and exports of the current result's file.
 */
import { message, type Message } from '../i18n/message';
import { hasLabMagic, type LabFileFailure } from '../image/coding/container';
import { prepareLabImage } from '../image/labCompute';
import { decodeLabFileOffThread } from '../image/labWorker';
import { imageLabel, labSettingsKey, type DecodedLabFile, type LabState } from './labState';
import { useAppStore } from './store';

const setLab = (changes: Partial<LabState>) => useAppStore.getState().updateLab(changes);

/** Whether a file (or pasted blob) begins with the lab file's magic: its first 4 bytes are read. */
export async function isLabFile(file: Blob): Promise<boolean> {
  return hasLabMagic(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
}

/** The person's words for why bytes are not a readable lab file. */
const failureMessage = (reason: LabFileFailure): Message => message(`lab:file.reasons.${reason}`);

/**
 * Decodes a lab file and shows it as the hard view. When the lab holds an image of the file's
 * size, the file's image replaces the hard view of the current result; otherwise it becomes the
 * lab's image (its original is not in the file) and the hard view of the first result on it.
 * A file that cannot be decoded leaves the lab as it was, with a message.
 * @param stillWanted false once a later opening was asked for: then nothing is shown
 */
export async function openLabFile(file: Blob, name: string, stillWanted: () => boolean): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const decoded = await decodeLabFileOffThread(bytes);
  if (!stillWanted()) return;
  if (!decoded.ok) {
    setLab({
      loading: null,
      error: message('lab:file.failed', {
        name: imageLabel(name, true),
        reason: failureMessage(decoded.reason),
      }),
    });
    return;
  }
  const { lab, lesson, params } = useAppStore.getState();
  const { rgba, width, height, transform } = decoded;
  const shown = { name, bytes: bytes.length, transform, width, height, rgba };
  if (lab.image && lab.image.lab.width === width && lab.image.lab.height === height) {
    setLab({ loading: null, error: null, decoded: { ...shown, resultKey: lab.resultKey } });
    return;
  }
  setLab({
    loading: null,
    error: null,
    image: { name, own: true, lab: prepareLabImage(rgba, width, height), scaledFrom: null },
    resultKey: null,
    result: null,
    quality: null,
    codecs: [],
    codecNotes: [],
    codecProgress: null,
    curves: [],
    decoded: { ...shown, resultKey: labSettingsKey(lesson, params) },
  });
}

/** The decoded file the lab shows as its hard view now, if any (its result's settings are the lab's). */
export function shownDecodedFile(lab: LabState): LabState['decoded'] {
  const decoded = lab.decoded;
  if (!decoded || !lab.image || lab.resultKey === null || decoded.resultKey !== lab.resultKey) return null;
  return decoded.width === lab.image.lab.width && decoded.height === lab.image.lab.height ? decoded : null;
}

/**
 * What the lab says about the file the person opened last: its image is the hard view now
 * ('shown'), or the settings changed since, so the hard view is computed again ('recomputed'),
 * on the file's image where that became the lab's image ('recomputedOnImage'). Null when no file
 * was opened on this image or no result is shown yet.
 */
export function openedFileStatus(
  lab: LabState,
): { file: DecodedLabFile; status: 'shown' | 'recomputed' | 'recomputedOnImage' } | null {
  const file = lab.decoded;
  if (!file || !lab.image || !lab.result) return null;
  if (shownDecodedFile(lab)) return { file, status: 'shown' };
  // openLabFile makes the decoded pixels the image's own when the sizes differ
  return { file, status: lab.image.lab.rgba === file.rgba ? 'recomputedOnImage' : 'recomputed' };
}
