import type { WebGLProbe } from './backendPlan';

function openContext(): { gl: WebGL2RenderingContext | WebGLRenderingContext; version: 1 | 2 } | null {
  try {
    const canvas = document.createElement('canvas');
    const gl2 = canvas.getContext('webgl2');
    if (gl2) return { gl: gl2, version: 2 };
    const gl1 = canvas.getContext('webgl');
    return gl1 ? { gl: gl1, version: 1 } : null;
  } catch {
    // Some browsers throw instead of returning null when WebGL is blocked.
    return null;
  }
}

/** Looks at the browser's WebGL once: version and unmasked renderer. Releases its context. */
export function probeWebGL(): WebGLProbe {
  const found = openContext();
  if (!found) return { version: 0, renderer: null };
  const { gl, version } = found;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  // Free the probe's context: browsers cap live WebGL contexts, and tfjs makes its own.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { version, renderer: typeof renderer === 'string' && renderer !== '' ? renderer : null };
}
