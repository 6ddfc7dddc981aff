/** The sections a link may land on (`#id`), in page order. */
export const LINKABLE_SECTIONS = [
  'orientation',
  'walkthrough',
  'heatmap',
  'curves',
  'arrows',
  'probes',
  'intro',
  'pitfall',
  'estimators',
  'relaxations',
  'training',
  'image-lab',
  'references',
] as const;

/**
 * The section the reader is looking at: of those whose top has passed the top of the view
 * (below the pinned strip, with a little slack), the lowest; null at the top of the page.
 */
export function sectionInView(): string | null {
  const stripHeight = Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--strip-height'));
  const line = (Number.isFinite(stripHeight) ? stripHeight : 0) + 48;
  let current: { id: string; top: number } | null = null;
  for (const id of LINKABLE_SECTIONS) {
    const box = document.getElementById(id)?.getBoundingClientRect();
    if (!box || box.height === 0 || box.top > line || box.bottom < line) continue;
    if (!current || box.top > current.top) current = { id, top: box.top };
  }
  return current?.id ?? null;
}

/** This page's address, with `#section` (the one in view) or without any. */
export function linkToHere(withSection: boolean): string {
  const { origin, pathname, search } = window.location;
  const section = withSection ? sectionInView() : null;
  return `${origin}${pathname}${search}${section ? `#${section}` : ''}`;
}

/** Copies `text`; false where the clipboard is refused (the caller then offers the text). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
