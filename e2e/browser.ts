import { existsSync, readFileSync } from 'node:fs';

/**
 * The Chromium the browser tests drive: Debian's package (`apt-get install chromium`), or a path
 * in CHROMIUM_PATH. Missing means the suite fails: browser tests are never skipped.
 */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (path): path is string => Boolean(path),
  );
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `No Chromium found (looked at ${candidates.join(', ')}). Install it with 'apt-get install -y chromium' or set CHROMIUM_PATH.`,
    );
  }
  return found;
}

// The flags live in chromium-args.json, which the benchmark (bench/run.mjs) reads too.
const FLAGS = JSON.parse(readFileSync(new URL('./chromium-args.json', import.meta.url), 'utf8')) as {
  base: string[];
  softwareWebGL: string[];
};

/** Flags for a sandboxed, offline, headless Chromium on a machine with no GPU. */
export const BASE_ARGS = FLAGS.base;

/** WebGL2 in headless Chromium without a GPU: ANGLE on SwiftShader (software GL on the CPU). */
export const SOFTWARE_WEBGL_ARGS = FLAGS.softwareWebGL;
