import { describe, expect, it } from 'vitest';
import { fitView, linkFromView, panBy, pixelAt, viewFromLink, zoomAt } from '../src/viz/zoomPan';

describe('image lab zoom and pan', () => {
  it('fits and centres the image', () => {
    expect(fitView(512, 256, 256, 256)).toEqual({ scale: 0.5, x: 0, y: 64 });
  });
  it('zooming keeps the pixel under the cursor', () => {
    const view = { scale: 2, x: 10, y: -4 };
    const before = pixelAt(view, 101, 77, 512, 512);
    const after = pixelAt(zoomAt(view, 3, 101, 77), 101, 77, 512, 512);
    expect(after).toEqual(before);
    expect(zoomAt(view, 1e6, 0, 0).scale).toBe(64);
  });
  it('pans, and reports no pixel outside the image', () => {
    const view = panBy({ scale: 1, x: 0, y: 0 }, 5, 5);
    expect(pixelAt(view, 5, 5, 10, 10)).toEqual({ u: 0, v: 0 });
    expect(pixelAt(view, 4, 5, 10, 10)).toBeNull();
    expect(pixelAt(view, 15, 14, 10, 10)).toBeNull();
  });
  it('a view survives the link: the fitted view is zoom 1 at the middle, and zoom and focus round-trip', () => {
    expect(linkFromView(fitView(451, 300, 240, 240), 451, 300, 240)).toEqual({ zoom: 1, focusX: 0.5, focusY: 0.5 });
    const link = { zoom: 3.5, focusX: 0.25, focusY: 0.8 };
    const view = viewFromLink(link, 451, 300, 240);
    expect(linkFromView(view, 451, 300, 240)).toEqual(link);
    // the same link on a box of another size shows the same image point at its centre
    const other = viewFromLink(link, 451, 300, 360);
    const centre = (v: typeof view, box: number) => [(box / 2 - v.x) / v.scale, (box / 2 - v.y) / v.scale];
    expect(centre(other, 360)[0]).toBeCloseTo(0.25 * 451, 9);
    expect(centre(other, 360)[1]).toBeCloseTo(0.8 * 300, 9);
    expect(centre(view, 240)[0]).toBeCloseTo(0.25 * 451, 9);
    // zooming at the centre keeps the focus; panning moves it by the pixels panned
    expect(linkFromView(zoomAt(view, 2, 120, 120), 451, 300, 240)).toEqual({ ...link, zoom: 7 });
    const panned = linkFromView(panBy(view, -view.scale * 45.1, 0), 451, 300, 240);
    expect(panned.focusX).toBeCloseTo(0.35, 4);
  });
});
