import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEarly } from '../src/engine/earlyStart';

interface FakeLink {
  rel: string;
  as: string;
  crossOrigin: string | null;
  href: string;
}

/** A document whose canvases give the WebGL `renderer` (null: no WebGL at all), recording what is appended to <head>. */
function fakeDocument(renderer: string | null) {
  const appended: FakeLink[] = [];
  const gl = {
    RENDERER: 1,
    getExtension: (name: string) =>
      name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: 2 } : { loseContext: () => {} },
    getParameter: () => renderer,
  };
  vi.stubGlobal('document', {
    createElement: (tag: string) =>
      tag === 'canvas'
        ? { getContext: (kind: string) => (renderer !== null && kind === 'webgl2' ? gl : null) }
        : { rel: '', as: '', crossOrigin: null, href: '' },
    head: { append: (link: FakeLink) => appended.push(link) },
  });
  return appended;
}

afterEach(() => vi.unstubAllGlobals());

describe('the early start', () => {
  it('on software WebGL asks for the wasm binary at once, as the fetch tfjs makes', () => {
    const appended = fakeDocument('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)');
    const early = startEarly('');
    expect(early.probe.version).toBe(2);
    expect(early.wasmEarly).toBe(true);
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({ rel: 'preload', as: 'fetch', crossOrigin: 'anonymous' });
    expect(appended[0]?.href).toMatch(/tfjs-backend-wasm-simd\.wasm$/);
  });

  it('without WebGL, or with ?backend=wasm, does the same', () => {
    expect(fakeDocument(null) && startEarly('').wasmEarly).toBe(true);
    const appended = fakeDocument('NVIDIA GeForce RTX 4090');
    expect(startEarly('?backend=wasm').wasmEarly).toBe(true);
    expect(appended).toHaveLength(1);
  });

  it('fetches nothing more where the plan starts elsewhere: hardware WebGL, or another backend asked for', () => {
    const hardware = fakeDocument('NVIDIA GeForce RTX 4090');
    const early = startEarly('');
    expect(early).toEqual({ probe: { version: 2, renderer: 'NVIDIA GeForce RTX 4090' }, wasmEarly: false });
    expect(hardware).toEqual([]);
    const software = fakeDocument('SwiftShader');
    expect(startEarly('?backend=webgl').wasmEarly).toBe(false);
    expect(startEarly('?centers=7&backend=cpu').wasmEarly).toBe(false);
    expect(software).toEqual([]);
  });
});
