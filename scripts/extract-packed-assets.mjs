// Cuts named files out of an Emscripten packed-assets blob. The byte ranges come from the
// loader script's loadPackage({"files": [...]}) metadata, which is parsed, not hard-coded,
// so a repackaged blob is still read correctly or rejected with a clear message.
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { basename, join } from "node:path";

const [loaderPath, dataPath, outDir, ...names] = process.argv.slice(2);
if (!loaderPath || !dataPath || !outDir || names.length === 0) {
  console.error("usage: extract-packed-assets.mjs LOADER.js DATA OUTDIR NAME...");
  process.exit(2);
}

const loader = readFileSync(loaderPath, "utf8");
const marker = loader.indexOf('{"files"');
if (marker < 0) {
  console.error(`extract-packed-assets: no {"files": ...} metadata in ${loaderPath}`);
  process.exit(3);
}
// The metadata is one JSON object literal; find its matching closing brace.
let depth = 0, end = -1;
for (let i = marker; i < loader.length; i++) {
  const c = loader[i];
  if (c === "{") depth++;
  else if (c === "}" && --depth === 0) { end = i + 1; break; }
}
const meta = JSON.parse(loader.slice(marker, end));
const data = readFileSync(dataPath);
if (meta.remote_package_size !== undefined && meta.remote_package_size !== data.length) {
  console.error(`extract-packed-assets: ${dataPath} has ${data.length} bytes, metadata says ${meta.remote_package_size}`);
  process.exit(4);
}
for (const name of names) {
  const entry = meta.files.find((f) => basename(f.filename) === name);
  if (!entry) {
    console.error(`extract-packed-assets: ${name} is not listed in ${loaderPath}`);
    process.exit(5);
  }
  if (!(entry.start >= 0 && entry.end <= data.length && entry.start < entry.end)) {
    console.error(`extract-packed-assets: bad range ${entry.start}..${entry.end} for ${name}`);
    process.exit(6);
  }
  const tmp = join(outDir, `.${name}.tmp`);
  writeFileSync(tmp, data.subarray(entry.start, entry.end));
  renameSync(tmp, join(outDir, name));
}
