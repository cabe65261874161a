// Bundles the API entry points into dist/. Workspace packages (@ft/*) are TypeScript sources, so
// they are bundled in; every npm dependency stays external and is loaded from node_modules.
import fs from 'node:fs';
import { build } from 'esbuild';

const manifest = JSON.parse(fs.readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
  (name) => !name.startsWith('@ft/'),
);

await build({
  entryPoints: { main: 'src/main.ts', cli: 'src/cli/index.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  external,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __ftCreateRequire } from 'node:module'; const require = __ftCreateRequire(import.meta.url);",
  },
});
