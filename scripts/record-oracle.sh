#!/usr/bin/env bash
# Developer tool, not part of the build or of CI: regenerates the MediaPipe golden files in
# tests/FaceMesh.Tests/Data/Oracle/ (see the README there) by running Google's official MediaPipe
# JS solutions in headless Chromium through ../shared/tools/mp-oracle. That tool lives outside this
# repository, so without ../shared this script says so and exits 2; the committed golden files are
# what the tests use.
#
#   bash scripts/record-oracle.sh            # all runs, then rewrites Data/Oracle/*.json
#
# Environment: ORACLE_WORK (scratch folder, default /tmp/facemesh-oracle-record; frames, raw
# results and pixel dumps stay there, never in the repository), ORACLE_CHUNK (video frames per
# golden file, default 20, keeps each file well under 1 MiB).
# Needs chromium, ffmpeg, djpeg (libjpeg-turbo-progs), node and npm; as root it installs the first
# three with apt-get when missing. Runs are sequential: the machine's cores are shared.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool_src="$repo_root/../shared/tools/mp-oracle"
if [ ! -f "$tool_src/oracle.mjs" ]; then
  echo "record-oracle: developer tool: needs the MediaPipe oracle at $tool_src (../shared next to the repository), which is absent here." >&2
  echo "record-oracle: the committed files in tests/FaceMesh.Tests/Data/Oracle/ stay as they are." >&2
  exit 2
fi

work="${ORACLE_WORK:-/tmp/facemesh-oracle-record}"
chunk="${ORACLE_CHUNK:-20}"
fixtures="${FACEMESH_FIXTURES:-$repo_root/.cache/fixtures}"
dest="$repo_root/tests/FaceMesh.Tests/Data/Oracle"

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v djpeg >/dev/null 2>&1 || missing+=(libjpeg-turbo-progs)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  else
    echo "record-oracle: please install: ${missing[*]}" >&2; exit 3
  fi
fi
for t in node npm; do command -v "$t" >/dev/null 2>&1 || { echo "record-oracle: $t is required" >&2; exit 3; }; done

mkdir -p "$work"
rm -rf "$work/mp-oracle" "$work/raw" "$work/dump" "$work/frames" "$work/out"
cp -r "$tool_src" "$work/mp-oracle" && chmod -R u+w "$work/mp-oracle"
(cd "$work/mp-oracle" && npm install --no-audit --no-fund >/dev/null)
oracle="$work/mp-oracle/oracle.mjs"

# --- inputs ------------------------------------------------------------------------------------
bash "$repo_root/scripts/fetch-fixtures.sh"
stills=(astronaut.png messi5.jpg grace_hopper.jpg three_faces.jpg man_portrait.jpg sergey.png)
for f in "${stills[@]}" Megamind.avi; do
  [ -s "$fixtures/$f" ] || { echo "record-oracle: fixture $f missing in $fixtures (sergey.png comes from ../shared/fixtures)" >&2; exit 4; }
done
mkdir -p "$work/frames" "$work/raw" "$work/dump"
# Exactly the extraction the oracle's README shows (Debian's ffmpeg, PNG = lossless RGB24).
(cd "$fixtures" && ffmpeg -i Megamind.avi -frames:v 120 "$work/frames/%04d.png") 2>"$work/frames.log"
frames=()
for i in $(seq -f %04g 1 120); do frames+=("$i.png"); done

# --- oracle runs (sequential) --------------------------------------------------------------------
common=(--cpu-inference true --quiet true)
run() { # name dir args... (inputs are given by bare name from dir, so the JSON holds no local paths)
  local name="$1" dir="$2"; shift 2
  echo "record-oracle: $name" >&2
  (cd "$dir" && node "$oracle" "${common[@]}" --dump-input "$work/dump/$name" --out "$work/raw/$name.json" "$@")
}
timing=(--repeats 10 --warmup 2)
run mesh_refine_max4   "$fixtures" --task mesh --mode static --refine true  --max-faces 4 "${timing[@]}" "${stills[@]}"
run mesh_norefine_max4 "$fixtures" --task mesh --mode static --refine false --max-faces 4 "${timing[@]}" "${stills[@]}"
run mesh_refine_max1   "$fixtures" --task mesh --mode static --refine true  --max-faces 1 "${timing[@]}" "${stills[@]}"
run mesh_norefine_max1 "$fixtures" --task mesh --mode static --refine false --max-faces 1 "${timing[@]}" "${stills[@]}"
run detection_short    "$fixtures" --task detection --model short "${timing[@]}" "${stills[@]}"
run detection_full     "$fixtures" --task detection --model full  "${timing[@]}" "${stills[@]}"
run megamind_video_refine   "$work/frames" --task mesh --mode video --refine true  --max-faces 1 "${frames[@]}"
run megamind_video_norefine "$work/frames" --task mesh --mode video --refine false --max-faces 1 "${frames[@]}"

# --- check pixels, trim, write golden files + manifest ---------------------------------------------
cat >"$work/finalize.mjs" <<'EOF'
// Reads the raw oracle results, checks the pixels MediaPipe received against our decoders'
// inputs (PNG: any decoder; JPEG: djpeg's NAME.ppm; video: the PNG frames and ffmpeg's raw
// output), trims the results and writes the golden JSON files and manifest.json.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

const [work, fixtures, dest, chunkArg] = process.argv.slice(2);
const chunk = Number(chunkArg);
const raw = (n) => JSON.parse(fs.readFileSync(path.join(work, 'raw', n + '.json'), 'utf8'));
const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
const ff = (args) => execFileSync('ffmpeg', ['-v', 'error', ...args], { maxBuffer: 1 << 30 });
const rgbaOf = (file) => ff(['-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
const dropAlpha = (rgba) => { const o = Buffer.alloc(rgba.length / 4 * 3); for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) { o[j] = rgba[i]; o[j + 1] = rgba[i + 1]; o[j + 2] = rgba[i + 2]; } return o; };
const cmp = (a, b) => {
  if (a.length !== b.length) return { identical: false, note: `sizes differ ${a.length} vs ${b.length}` };
  let n = 0, mx = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { n++; const d = Math.abs(a[i] - b[i]); if (d > mx) mx = d; }
  return { identical: n === 0, bytes_differing: n, max_abs_diff: mx };
};
const readPpm = (file) => { // binary P6, maxval 255
  const b = fs.readFileSync(file);
  let pos = 0; const tok = [];
  while (tok.length < 4) {
    while (/\s/.test(String.fromCharCode(b[pos]))) pos++;
    if (b[pos] === 0x23) { while (b[pos] !== 0x0a) pos++; continue; }
    let s = ''; while (!/\s/.test(String.fromCharCode(b[pos]))) s += String.fromCharCode(b[pos++]);
    tok.push(s);
  }
  pos++;
  if (tok[0] !== 'P6' || tok[3] !== '255') throw new Error(`${file}: not an 8-bit P6 PPM`);
  return { width: +tok[1], height: +tok[2], rgb: b.subarray(pos) };
};
const djpegVersion = (() => { try { return execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'libjpeg-turbo-progs']).toString(); } catch { return null; } })();
const ffmpegVersion = execFileSync('ffmpeg', ['-version']).toString().split('\n')[0];

// JSON: objects indented, arrays of numbers (and arrays of such arrays) on one line, numbers in
// JavaScript's shortest round-trip form (full double precision).
function fmt(v, ind = '') {
  const flat = (a) => Array.isArray(a) && a.every((x) => typeof x === 'number' || x === null || (Array.isArray(x) && x.every((y) => typeof y === 'number' || y === null)));
  if (Array.isArray(v)) {
    if (flat(v)) return JSON.stringify(v);
    if (!v.length) return '[]';
    const i2 = ind + ' ';
    return '[\n' + v.map((x) => i2 + fmt(x, i2)).join(',\n') + '\n' + ind + ']';
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (!keys.length) return '{}';
    const i2 = ind + ' ';
    return '{\n' + keys.map((k) => i2 + JSON.stringify(k) + ': ' + fmt(v[k], i2)).join(',\n') + '\n' + ind + '}';
  }
  return JSON.stringify(v);
}
const written = {};
const write = (name, obj, describe) => {
  const text = fmt(obj) + '\n';
  if (text.length > 900 * 1024) throw new Error(`${name}: ${text.length} bytes, over the 900 KiB budget`);
  fs.writeFileSync(path.join(dest, name), text);
  written[name] = { bytes: Buffer.byteLength(text), ...describe };
  console.error(`wrote ${name} (${(text.length / 1024).toFixed(0)} KiB)`);
};

// ---------------------------------------------------------------- pixels: still images
const stillRuns = ['mesh_refine_max4', 'mesh_norefine_max4', 'mesh_refine_max1', 'mesh_norefine_max1', 'detection_short', 'detection_full'];
const runs = Object.fromEntries([...stillRuns, 'megamind_video_refine', 'megamind_video_norefine'].map((n) => [n, raw(n)]));
const images = {};
for (const im of runs.detection_short.images) {
  const stem = im.name.replace(/\.[^.]+$/, '');
  const dumped = rgbaOf(path.join(work, 'dump', 'detection_short', `${stem}_input_rgba.png`));
  if (sha(dumped) !== im.input_rgba_sha256) throw new Error(`${im.name}: dump does not hash to input_rgba_sha256`);
  const rgb = dropAlpha(dumped);
  const isJpeg = /\.jpe?g$/i.test(im.name);
  const e = {
    file_sha256: im.file_sha256, format: isJpeg ? 'jpeg' : 'png', width: im.width, height: im.height,
    input_rgba_sha256: im.input_rgba_sha256, input_rgb_sha256: sha(rgb), input_alpha_min: im.input_alpha_min,
    decode_with: isJpeg ? `${stem}.ppm (made by scripts/fetch-fixtures.sh with djpeg, libjpeg-turbo-progs ${djpegVersion}): its RGB payload hashes to input_rgb_sha256`
      : 'any exact PNG decoder: RGBA (alpha 255) hashes to input_rgba_sha256, RGB to input_rgb_sha256',
  };
  if (isJpeg) {
    const ppm = readPpm(path.join(fixtures, `${stem}.ppm`));
    e.ppm = `${stem}.ppm`;
    e.djpeg_ppm_vs_mediapipe = { ...cmp(ppm.rgb, rgb), size_matches: ppm.width === im.width && ppm.height === im.height };
  }
  e.ffmpeg_rgba_vs_mediapipe = cmp(rgbaOf(path.join(fixtures, im.name)), dumped);
  images[im.name] = e;
}
for (const n of stillRuns) for (const im of runs[n].images) {
  if (im.input_rgba_sha256 !== images[im.name].input_rgba_sha256) throw new Error(`${n}/${im.name}: different input pixels between runs`);
}

// ---------------------------------------------------------------- pixels: video frames
const vfr = runs.megamind_video_refine.frames;
const frameRgba = ff(['-i', path.join(work, 'dump', 'megamind_video_refine', '%04d_input_rgba.png'), '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
const pngRgba = ff(['-i', path.join(work, 'frames', '%04d.png'), '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
const directRgba = ff(['-i', path.join(fixtures, 'Megamind.avi'), '-frames:v', '120', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
const directRgb = ff(['-i', path.join(fixtures, 'Megamind.avi'), '-frames:v', '120', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
const W = vfr[0].width, H = vfr[0].height, fsz = W * H * 4;
const frameRgbSha = [];
vfr.forEach((fr, k) => {
  const px = frameRgba.subarray(k * fsz, (k + 1) * fsz);
  if (sha(px) !== fr.input_rgba_sha256) throw new Error(`frame ${k}: dump does not hash to input_rgba_sha256`);
  frameRgbSha.push(sha(dropAlpha(px)));
});
for (const fr of runs.megamind_video_norefine.frames) if (fr.input_rgba_sha256 !== vfr[fr.frame].input_rgba_sha256) throw new Error('video runs saw different pixels');
const video = {
  file: 'Megamind.avi', file_sha256: sha(fs.readFileSync(path.join(fixtures, 'Megamind.avi'))), width: W, height: H, frames: vfr.length,
  extract_command: 'ffmpeg -i Megamind.avi -frames:v 120 DIR/%04d.png',
  ffmpeg: ffmpegVersion,
  frame_input_rgba_sha256: vfr.map((f) => f.input_rgba_sha256),
  frame_input_rgb_sha256: frameRgbSha,
  png_frames_vs_mediapipe: cmp(pngRgba, frameRgba),
  ffmpeg_direct_rgba_vs_mediapipe: cmp(directRgba, frameRgba),
  ffmpeg_direct_rgb24_vs_mediapipe: cmp(directRgb, dropAlpha(frameRgba)),
  decode_with: 'frame k (0-based) = the (k+1)-th decoded frame of Megamind.avi, converted to RGB24 by ffmpeg (as the PNG extraction does); hash RGB to frame_input_rgb_sha256[k]',
};

// ---------------------------------------------------------------- trimmed golden files
const header = (r, extra) => {
  const h = {};
  for (const k of ['oracle', 'browser', 'solution', 'task', 'mode', 'options', 'options_applied', 'options_note', 'decode', 'coordinates',
    'repeats', 'warmup', 'frame_repeat', 'static_via', 'static_emulation', 'blank_faces_max', 'cold', 'frame_time_ms_excluding_cold']) if (k in r) h[k] = r[k];
  h.oracle = { ...h.oracle };
  h.browser = { ...h.browser };
  delete h.browser.args;
  h.golden = {
    made_by: 'scripts/record-oracle.sh (see tests/FaceMesh.Tests/Data/Oracle/README.md)',
    trimmed: 'raw mp-oracle output with page_console and browser args dropped' + (extra || ''),
    units: r.task === 'face_mesh'
      ? 'landmarks: [x_px, y_px, z] with x_px = x_normalized * width, y_px = y_normalized * height (pixels, top-left origin, full double precision), z = the raw normalized z (NOT multiplied by width)'
      : 'box: normalized {xmin, ymin, width, height}; box_px: same in pixels; keypoints: normalized [x, y]; keypoints_px: pixels; keypoint order in keypoint_names',
    pixels: 'manifest.json gives per image/frame the sha256 of the exact RGB(A) bytes MediaPipe received',
  };
  return h;
};
for (const n of stillRuns) {
  const r = runs[n];
  const out = header(r);
  out.images = r.images.map((im) => ({ ...im, input_rgb_sha256: images[im.name].input_rgb_sha256 }));
  write(`${n}.json`, out, {
    task: r.task, mode: r.mode, refine: r.options.refineLandmarks, max_faces: r.options.maxNumFaces, model: r.options.model,
    images: r.images.map((im) => im.name),
    faces: r.images.map((im) => im.num_faces ?? im.num_detections),
  });
}
for (const n of ['megamind_video_refine', 'megamind_video_norefine']) {
  const r = runs[n];
  const frames = r.frames.map((fr) => ({
    ...fr, input_rgb_sha256: frameRgbSha[fr.frame],
    faces: fr.faces.map((f) => ({ count: f.count, landmarks: f.landmarks })),
  }));
  const base = header(r, '; landmarks_normalized dropped (= landmarks / [width, height, 1]); frames split into files of ' + chunk);
  for (let s = 0; s < frames.length; s += chunk) {
    const part = frames.slice(s, s + chunk);
    const e = s + part.length - 1;
    const name = `${n}_f${String(s).padStart(3, '0')}-${String(e).padStart(3, '0')}.json`;
    write(name, { ...base, part: { first_frame: s, last_frame: e, total_frames: frames.length, frames_per_file: chunk }, frames: part }, {
      task: r.task, mode: r.mode, refine: r.options.refineLandmarks, max_faces: r.options.maxNumFaces,
      first_frame: s, last_frame: e, faces_per_frame: part.map((f) => f.num_faces),
    });
  }
}

// ---------------------------------------------------------------- timings + manifest
const timings = {};
for (const n of stillRuns) for (const im of runs[n].images) {
  (timings[im.name] ??= {})[n] = { min: im.timing_ms.min, median: im.timing_ms.median };
}
const vt = {};
for (const n of ['megamind_video_refine', 'megamind_video_norefine']) vt[n] = runs[n].frame_time_ms_excluding_cold;
const manifest = {
  about: 'MediaPipe reference outputs (golden files) and the exact pixels MediaPipe received; made by scripts/record-oracle.sh, described in README.md',
  created: new Date().toISOString(),
  oracle: { tool: 'mp-oracle (../shared/tools/mp-oracle)', face_mesh: runs.mesh_refine_max4.solution.version, face_detection: runs.detection_short.solution.version,
    browser: runs.mesh_refine_max4.browser.version, cpu_inference: true, decode: runs.mesh_refine_max4.decode },
  images,
  video,
  files: written,
  timing_ms: {
    note: 'warm send() per still image (min and median of 10 after 2 warm-ups; mesh = static mode, i.e. detection + landmarks), WebAssembly CPU inference in headless Chromium on this 2-core machine; noisy: compare minima taken in the same conditions',
    loadavg_1_5_15_before_after: Object.fromEntries(stillRuns.map((n) => [n, [runs[n].oracle.loadavg_1_5_15_before, runs[n].oracle.loadavg_1_5_15_after]])),
    per_image: timings,
    video_per_frame: vt,
  },
};
fs.writeFileSync(path.join(dest, 'manifest.json'), fmt(manifest) + '\n');
console.error('wrote manifest.json');
console.log(JSON.stringify({ images: Object.fromEntries(Object.entries(images).map(([k, v]) => [k, { djpeg: v.djpeg_ppm_vs_mediapipe, ffmpeg: v.ffmpeg_rgba_vs_mediapipe }])),
  video: { png: video.png_frames_vs_mediapipe, direct_rgba: video.ffmpeg_direct_rgba_vs_mediapipe, direct_rgb24: video.ffmpeg_direct_rgb24_vs_mediapipe },
  timings, vt }, null, 1));
EOF
rm -rf "$work/out" && mkdir -p "$work/out" "$dest"
node "$work/finalize.mjs" "$work" "$fixtures" "$work/out" "$chunk" | tee "$work/summary.json"
rm -f "$dest"/*.json
cp "$work/out"/*.json "$dest/"
echo "record-oracle: done; raw results, dumps and frames are in $work" >&2

# =================================================================================================
# Face geometry goldens (geometry_*.json), a separate step after the files above: the same solution
# with enableFaceGeometry (468 landmarks only: with 478 this build's geometry stage aborts). Static
# mode on four photos (maxNumFaces 4) and video mode on Megamind frames 0..31 (tracking from frame
# 0, as the other video goldens). The manifest written above supplies the RGB pixel hashes.
# =================================================================================================
geometry_stills=(astronaut.png grace_hopper.jpg man_portrait.jpg three_faces.jpg)
geometry_frames=32
run geometry_static "$fixtures" --task mesh --mode static --refine false --max-faces 4 --face-geometry true "${geometry_stills[@]}"
run geometry_video "$work/frames" --task mesh --mode video --refine false --max-faces 1 --face-geometry true "${frames[@]:0:$geometry_frames}"
cat >"$work/finalize-geometry.mjs" <<'EOF'
// Trims the face-geometry oracle runs into tests/FaceMesh.Tests/Data/Oracle/geometry_*.json:
// per face the float32 landmarks MediaPipe returned, its pose matrix and metric mesh (x, y, z;
// u, v dropped after checking they equal the canonical model's), numbers in the shortest form
// that reads back as the same float32. RGB pixel hashes come from manifest.json (same RGBA).
import fs from 'node:fs';
import path from 'node:path';

const [work, dest, videoChunkArg] = process.argv.slice(2);
const videoChunk = Number(videoChunkArg || 16);
const raw = (n) => JSON.parse(fs.readFileSync(path.join(work, 'raw', n + '.json'), 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(dest, 'manifest.json'), 'utf8'));

const f32 = (v) => {
  if (Math.fround(v) !== v) throw new Error(`${v} is not a float32 value`);
  for (let p = 1; p <= 9; p++) { const s = Number(v.toPrecision(p)); if (Math.fround(s) === v) return s; }
  return v;
};
const fmt = (v, ind = '') => {
  const flat = (a) => Array.isArray(a) && a.every((x) => typeof x === 'number' || x === null || (Array.isArray(x) && x.every((y) => typeof y === 'number')));
  if (Array.isArray(v)) {
    if (flat(v)) return JSON.stringify(v);
    if (!v.length) return '[]';
    const i2 = ind + ' ';
    return '[\n' + v.map((x) => i2 + fmt(x, i2)).join(',\n') + '\n' + ind + ']';
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    const i2 = ind + ' ';
    return '{\n' + keys.map((k) => i2 + JSON.stringify(k) + ': ' + fmt(v[k], i2)).join(',\n') + '\n' + ind + '}';
  }
  return JSON.stringify(v);
};

let canonicalUv = null;
const face = (f) => {
  const g = f.geometry;
  const out = { count: f.count, landmarks_normalized: f.landmarks_normalized.map((p) => p.map(f32)) };
  if (!g) return { ...out, geometry: null };
  if (g.mesh_vertex_type !== 0 || g.mesh_vertex_count !== f.count) throw new Error('unexpected mesh layout');
  const uv = g.mesh_vertices.map((v) => [v[3], v[4]]);
  canonicalUv ??= JSON.stringify(uv);
  if (JSON.stringify(uv) !== canonicalUv) throw new Error('texture coordinates differ between faces');
  return {
    ...out,
    geometry: {
      pose_transform_matrix: g.pose_transform_matrix.map(f32),
      pose_transform_matrix_layout: g.pose_transform_matrix_layout,
      mesh_vertices: g.mesh_vertices.map((v) => [f32(v[0]), f32(v[1]), f32(v[2])]),
      triangle_count: g.triangle_count,
      checks: g.checks,
    },
  };
};
const header = (r, what) => {
  const h = {};
  for (const k of ['oracle', 'browser', 'solution', 'task', 'mode', 'options', 'options_applied', 'options_note', 'decode', 'face_geometry', 'static_via', 'static_emulation']) if (k in r) h[k] = r[k];
  h.browser = { ...h.browser };
  delete h.browser.args;
  h.golden = {
    made_by: 'scripts/record-oracle.sh, face geometry step (see tests/FaceMesh.Tests/Data/Oracle/README.md)',
    trimmed: what + '; per face: landmarks_normalized (the float32 [x, y, z] MediaPipe returned, x / width, y / height, z in width units), geometry.pose_transform_matrix (16, column-major as getPackedDataList() returns it), geometry.mesh_vertices ([x, y, z] cm; u, v dropped: equal to the canonical model\'s for every face), geometry.checks (the tool\'s); numbers in the shortest decimal form that reads back as the same float32',
    pixels: 'input_rgb_sha256 = sha256 of the RGB bytes MediaPipe received (from manifest.json, matched by input_rgba_sha256)',
  };
  return h;
};
const written = [];
const write = (name, obj) => {
  const text = fmt(obj) + '\n';
  if (text.length > 900 * 1024) throw new Error(`${name}: ${text.length} bytes, over the 900 KiB budget`);
  fs.writeFileSync(path.join(dest, name), text);
  written.push(name);
  console.error(`wrote ${name} (${(text.length / 1024).toFixed(0)} KiB)`);
};

const st = raw('geometry_static');
write('geometry_static_max4.json', {
  ...header(st, 'static mode, maxNumFaces 4, 468 landmarks, face geometry on'),
  images: st.images.map((im) => {
    const m = manifest.images[im.name];
    if (!m || m.input_rgba_sha256 !== im.input_rgba_sha256) throw new Error(`${im.name}: pixels differ from manifest.json`);
    return { name: im.name, width: im.width, height: im.height, input_rgb_sha256: m.input_rgb_sha256, num_faces: im.num_faces, num_geometries: im.num_geometries, faces: im.faces.map(face) };
  }),
});

const vd = raw('geometry_video');
const frames = vd.frames.map((fr) => {
  if (manifest.video.frame_input_rgba_sha256[fr.frame] !== fr.input_rgba_sha256) throw new Error(`frame ${fr.frame}: pixels differ from manifest.json`);
  return { frame: fr.frame, name: fr.name, width: fr.width, height: fr.height, input_rgb_sha256: manifest.video.frame_input_rgb_sha256[fr.frame], num_faces: fr.num_faces, num_geometries: fr.num_geometries, faces: fr.faces.map(face) };
});
for (let s = 0; s < frames.length; s += videoChunk) {
  const part = frames.slice(s, s + videoChunk);
  const e = s + part.length - 1;
  write(`geometry_video_f${String(s).padStart(3, '0')}-${String(e).padStart(3, '0')}.json`, {
    ...header(vd, `video mode (tracking) on Megamind.avi frames 0..${frames.length - 1} sent in order, maxNumFaces 1, 468 landmarks, face geometry on`),
    part: { first_frame: s, last_frame: e, total_frames: frames.length },
    frames: part,
  });
}
console.log(JSON.stringify(written));
EOF
rm -f "$dest"/geometry_*.json
node "$work/finalize-geometry.mjs" "$work" "$dest" 16
echo "record-oracle: face geometry goldens done" >&2
