import { englishMessage } from '../src/i18n/messageText';
import type { Message } from '../src/i18n/message';
import { describe, expect, it } from 'vitest';
import { sweepCodecs, type CodecHost, type CodecProgress } from '../src/image/codecs';
import { psnr } from '../src/image/metrics';

/** A fake codec: keeps the top `bits` bits of each value; size grows with quality. WebP comes back as PNG. */
const fakeHost: CodecHost = {
  async encode(rgba, _width, _height, mime, quality) {
    const type = mime === 'image/webp' ? 'image/png' : mime;
    return { type, bytes: Math.round(100 * quality), data: new Blob([new Uint8Array(rgba)], { type: `${quality}` }) };
  },
  async decode(encoded) {
    const quality = Number(encoded.data.type);
    const original = new Uint8ClampedArray(await encoded.data.arrayBuffer());
    const shift = 8 - Math.max(1, Math.round(quality * 8));
    return original.map((v, i) => (i % 4 === 3 ? v : (v >> shift) << shift));
  },
};

describe('codec sweep', () => {
  it('yields points with bpp = 8 bytes / pixels and PSNR of the decoded image, and skips a codec that returns PNG', async () => {
    const width = 20;
    const height = 10;
    const rgba = Uint8ClampedArray.from({ length: 4 * width * height }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
    const events: CodecProgress[] = [];
    for await (const event of sweepCodecs(rgba, width, height, fakeHost, ['jpeg', 'webp'], [0.25, 0.5, 1]))
      events.push(event);
    const points = events.flatMap((e) => (e.kind === 'point' ? [e.point] : []));
    expect(points.map((p) => [p.codec, p.quality, p.bpp])).toEqual([
      ['jpeg', 0.25, (8 * 25) / 200],
      ['jpeg', 0.5, (8 * 50) / 200],
      ['jpeg', 1, (8 * 100) / 200],
    ]);
    const decodedHalf = await fakeHost.decode(
      await fakeHost.encode(rgba, width, height, 'image/jpeg', 0.5),
      width,
      height,
    );
    expect(points[1]!.psnr).toBe(psnr(rgba, decodedHalf));
    expect(points[2]!.psnr).toBe(Infinity);
    expect(points[0]!.msssim).toBeNull(); // 20 x 10 is below MS-SSIM's 176 px
    const skipped = events.filter((e) => e.kind === 'skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ codec: 'webp', done: 6, total: 6 });
    expect(englishMessage((skipped[0] as { reason: Message }).reason)).toMatch(/asked for image\/webp, got image\/png/);
    expect(events.map((e) => e.done)).toEqual([1, 2, 3, 6]);
  });
});
