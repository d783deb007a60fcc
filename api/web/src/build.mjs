// Builds the web pages' third-party code into api/web/dist (the folder `khue serve` serves at /static/dist/):
//   dist/beginner.js         CodeMirror 6 (seven languages), markdown-it and KaTeX as one ES module
//   dist/katex/katex.min.css KaTeX's stylesheet, with its fonts in dist/katex/fonts/ (woff2)
// Run by the CMake target khue_web_bundle; the packages come from package-lock.json (`npm ci`). Nothing on the
// pages is loaded from another host at run time. Usage: node build.mjs [OUT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(here, '..', 'dist'));
const modules = path.join(here, 'node_modules');

for (const need of ['esbuild', 'katex', 'markdown-it', '@codemirror/view']) {
  if (!fs.existsSync(path.join(modules, need, 'package.json'))) {
    console.error(
      `web bundle: ${path.join(modules, need)} is missing. Install the web pages' npm packages with ` +
        '`contrib/setup.sh` (or `npm ci` in api/web/src), then build again.',
    );
    process.exit(1);
  }
}

const esbuild = await import('esbuild');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'katex', 'fonts'), { recursive: true });
await esbuild.build({
  entryPoints: [path.join(here, 'beginner.js')],
  outfile: path.join(out, 'beginner.js'),
  bundle: true,
  format: 'esm',
  minify: true,
  target: ['chrome100', 'firefox100', 'safari15'],
  legalComments: 'eof',
  logLevel: 'warning',
});
const katex = path.join(modules, 'katex', 'dist');
fs.copyFileSync(path.join(katex, 'katex.min.css'), path.join(out, 'katex', 'katex.min.css'));
for (const font of fs.readdirSync(path.join(katex, 'fonts'))) {
  if (font.endsWith('.woff2')) fs.copyFileSync(path.join(katex, 'fonts', font), path.join(out, 'katex', 'fonts', font));
}
console.log(`web bundle: wrote ${out}`);
