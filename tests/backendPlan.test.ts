import { describe, expect, it } from 'vitest';
import { englishMessage } from '../src/i18n/messageText';
import { isSoftwareRenderer, planBackends, shortRendererName } from '../src/engine/backendPlan';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const NVIDIA = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)';

describe('backend plan', () => {
  it('recognises software renderers', () => {
    expect(isSoftwareRenderer(SWIFTSHADER)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('Microsoft Basic Render Driver')).toBe(true);
    expect(isSoftwareRenderer(NVIDIA)).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
    expect(shortRendererName(SWIFTSHADER)).toBe('SwiftShader');
  });

  it('auto: hardware WebGL first, then wasm, then cpu', () => {
    expect(planBackends(null, { version: 2, renderer: NVIDIA }).map((a) => a.name)).toEqual(['webgl', 'wasm', 'cpu']);
  });

  it('auto: software WebGL or none goes to wasm, and says why', () => {
    const software = planBackends(null, { version: 2, renderer: SWIFTSHADER });
    expect(software.map((a) => a.name)).toEqual(['wasm', 'cpu']);
    expect(englishMessage(software[0]!.reason)).toBe(
      'WebGL here is software-rendered (SwiftShader), so wasm is faster',
    );
    const none = planBackends(null, { version: 0, renderer: null });
    expect(none.map((a) => a.name)).toEqual(['wasm', 'cpu']);
    expect(englishMessage(none[0]!.reason)).toBe('this browser has no WebGL');
  });

  it('a forced backend goes first, even webgl on a software renderer, with the rest as fallbacks', () => {
    const forced = planBackends('webgl', { version: 2, renderer: SWIFTSHADER });
    expect(forced.map((a) => a.name)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(englishMessage(forced[0]!.reason)).toBe('forced by ?backend=webgl');
    expect(englishMessage(forced[1]!.reason)).toBe(
      '?backend=webgl failed to start; WebGL here is software-rendered (SwiftShader), so wasm is faster',
    );
    expect(englishMessage(planBackends(null, { version: 2, renderer: null })[0]!.reason)).toBe(
      'hardware WebGL 2 (renderer hidden)',
    );
    expect(planBackends('cpu', { version: 2, renderer: NVIDIA }).map((a) => a.name)).toEqual(['cpu', 'webgl', 'wasm']);
  });
});
