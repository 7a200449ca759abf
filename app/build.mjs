// Builds the page into app/dist: index.html, app.js and app.css (esbuild bundles ethers,
// the ABIs from abi/*.json and the styles, so the page loads nothing from elsewhere), and the
// browser tests' wallet into app/dist-test/wallet.js.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const app = dirname(fileURLToPath(import.meta.url));
const dist = join(app, "dist");
await mkdir(dist, { recursive: true });
await build({
  entryPoints: { app: join(app, "src/main.ts") },
  outdir: dist,
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
});
await copyFile(join(app, "index.html"), join(dist, "index.html"));
await build({
  entryPoints: [join(app, "test/wallet.ts")],
  outfile: join(app, "dist-test/wallet.js"),
  bundle: true,
  format: "iife",
  target: "es2022",
  logLevel: "warning",
});
