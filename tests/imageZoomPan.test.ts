import { describe, expect, it } from 'vitest';
import { fitView, panBy, pixelAt, zoomAt } from '../src/viz/zoomPan';

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
});
