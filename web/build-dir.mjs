// The build directory, for Node.js: $WASMLINUX_BUILD, or build/ beside
// web/.  (The page gets the build's files from its server, serve.mjs.)
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const build = resolve(process.env.WASMLINUX_BUILD || fileURLToPath(new URL('../build', import.meta.url)));

// The URL of a file in the build directory, for import().
export const buildUrl = (path) => pathToFileURL(join(build, path));
