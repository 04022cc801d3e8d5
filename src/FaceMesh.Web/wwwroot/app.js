'use strict';
// The live demo page. Frames: a binary WebSocket message per frame, a 12-byte header
// ("FM", version 1, format 1 = RGBA, width and height as uint16 LE, frame number as uint32 LE)
// followed by the canvas's getImageData pixels (RGBA, longest side at most MAX_SIDE).
// At most one frame is in flight: frames that arrive while the server is busy are dropped.
(() => {
  const MAX_SIDE = 640;
  const HEADER_BYTES = 12;
  const $ = (id) => document.getElementById(id);
  const video = $('video'), photo = $('photo'), frame = $('frame'), overlay = $('overlay'), placeholder = $('placeholder');
  const draw = overlay.getContext('2d');
  const frameContext = frame.getContext('2d');
  const capture = document.createElement('canvas');
  const captureContext = capture.getContext('2d', { willReadFrequently: true });

  const state = {
    socket: null, source: null, mesh: null, inFlight: null, sequence: 0, stream: null,
    dropped: 0, frames: 0, windowStart: performance.now(), windowFrames: 0, lastResult: null, lastError: null,
  };
  // For tests and the curious: the latest result and counters.
  window.facemeshDemo = state;

  function setStatus(text, kind) {
    const status = $('status');
    status.textContent = text;
    status.dataset.state = kind || text;
  }

  async function loadMesh() {
    const response = await fetch('/api/mesh');
    if (!response.ok) throw new Error(`GET /api/mesh: ${response.status}`);
    state.mesh = await response.json();
  }

  function settings() {
    return {
      type: 'config',
      refine: $('refine').checked,
      numFaces: Number($('numFaces').value),
      smoothing: $('smoothing').checked,
      geometry: $('geometry').checked,
    };
  }

  function connect() {
    return new Promise((resolve, reject) => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const socket = new WebSocket(`${scheme}://${location.host}/ws`);
      socket.binaryType = 'arraybuffer';
      let ready = false;
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data);
        if (message.type === 'ready') {
          ready = true;
          socket.send(JSON.stringify(settings()));
          resolve(socket);
        } else if (message.type === 'result') {
          onResult(message);
        } else if (message.type === 'error') {
          state.lastError = message;
          if (message.code === 'busy') {
            setStatus('server busy', 'busy');
            reject(new Error(message.message));
          } else {
            console.warn('server:', message.message);
            state.inFlight = null;
          }
        }
      };
      socket.onclose = (event) => {
        if (state.socket === socket) state.socket = null;
        state.inFlight = null;
        if (!ready) reject(new Error(event.reason || 'connection refused'));
        else if (state.source) setStatus(`disconnected${event.reason ? ': ' + event.reason : ''}`, 'error');
      };
    });
  }

  async function ensureSocket() {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) return state.socket;
    state.socket = await connect();
    return state.socket;
  }

  function frameSize(width, height) {
    const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
  }

  function sendFrame(element, width, height) {
    const socket = state.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || width === 0 || height === 0) return false;
    if (state.inFlight) { state.dropped++; return false; }
    const [w, h] = frameSize(width, height);
    if (capture.width !== w || capture.height !== h) { capture.width = w; capture.height = h; }
    captureContext.drawImage(element, 0, 0, w, h);
    const image = captureContext.getImageData(0, 0, w, h);
    const pixels = image.data;
    const message = new Uint8Array(HEADER_BYTES + pixels.length);
    const header = new DataView(message.buffer);
    message[0] = 0x46; message[1] = 0x4d; message[2] = 1; message[3] = 1;
    header.setUint16(4, w, true);
    header.setUint16(6, h, true);
    const sequence = ++state.sequence;
    header.setUint32(8, sequence, true);
    message.set(pixels, HEADER_BYTES);
    state.inFlight = { sequence, sentAt: performance.now(), image };
    socket.send(message);
    $('frameSize').textContent = `${w}×${h}`;
    return true;
  }

  function onResult(result) {
    const now = performance.now();
    const inFlight = state.inFlight && state.inFlight.sequence === result.seq ? state.inFlight : null;
    const sent = inFlight ? inFlight.sentAt : null;
    state.inFlight = null;
    if (state.photoPending) sendPhoto();
    // The answer to a frame of a source the user has since left: nothing to show.
    if (inFlight && inFlight.stale) return;
    if (inFlight) showAnalysedFrame(inFlight.image);
    state.lastResult = result;
    state.frames++;
    state.windowFrames++;
    if (now - state.windowStart >= 1000) {
      $('fps').textContent = (state.windowFrames * 1000 / (now - state.windowStart)).toFixed(1);
      state.windowStart = now;
      state.windowFrames = 0;
    }
    if (sent !== null) $('latency').textContent = `${(now - sent).toFixed(0)} ms`;
    $('serverTime').textContent = `${result.serverMs.toFixed(1)} ms`;
    $('faceCount').textContent = String(result.faces.length);
    $('dropped').textContent = String(state.dropped);
    if (state.source) setStatus('running');
    render(result);
  }

  // Like MediaPipe's demos, show the frame the result belongs to rather than the live video, so
  // the mesh never trails a moving face by the round trip.
  function showAnalysedFrame(image) {
    if (frame.width !== image.width || frame.height !== image.height) {
      frame.width = image.width;
      frame.height = image.height;
    }
    frameContext.putImageData(image, 0, 0);
  }

  // ---- drawing -------------------------------------------------------------------------------

  function render(result) {
    if (overlay.width !== result.width || overlay.height !== result.height) {
      overlay.width = result.width;
      overlay.height = result.height;
    }
    draw.clearRect(0, 0, overlay.width, overlay.height);
    const scale = Math.max(result.width, result.height) / 640;
    for (const face of result.faces) {
      const p = face.landmarks;
      if ($('drawLipstick').checked) drawLipstick(p);
      if ($('drawTesselation').checked) drawEdges(p, state.mesh.tesselation, 'rgba(224, 224, 224, 0.55)', 0.8 * scale);
      if ($('drawContours').checked) {
        drawEdges(p, state.mesh.contours, 'rgba(79, 195, 247, 0.95)', 1.6 * scale);
      }
      if ($('drawIrises').checked && p.length > 468) {
        drawEdges(p, state.mesh.leftIris, 'rgba(48, 255, 48, 0.95)', 1.6 * scale);
        drawEdges(p, state.mesh.rightIris, 'rgba(255, 48, 48, 0.95)', 1.6 * scale);
      }
      if (face.geometry) drawPoseAxes(p, face.geometry.poseTransform, scale);
    }
    renderBlendshapes(result.faces[0]);
  }

  function drawEdges(points, pairs, colour, width) {
    draw.strokeStyle = colour;
    draw.lineWidth = width;
    draw.beginPath();
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const a = points[pairs[i]], b = points[pairs[i + 1]];
      if (!a || !b) continue;
      draw.moveTo(a[0], a[1]);
      draw.lineTo(b[0], b[1]);
    }
    draw.stroke();
  }

  function drawLipstick(points) {
    const opacity = Number($('lipOpacity').value) / 100;
    if (opacity <= 0) return;
    draw.save();
    draw.globalAlpha = opacity;
    draw.fillStyle = $('lipColor').value;
    draw.beginPath();
    // Both rings in one path: even-odd leaves the mouth opening unpainted, whichever ring is outer.
    for (const ring of state.mesh.lipRings) {
      ring.forEach((index, i) => {
        const q = points[index];
        if (i === 0) draw.moveTo(q[0], q[1]); else draw.lineTo(q[0], q[1]);
      });
      draw.closePath();
    }
    draw.fill('evenodd');
    draw.restore();
  }

  // Head pose: the pose matrix's rotation columns are the face's axes in camera space (x right,
  // y up, z towards the camera); drawn from the nose tip, y flipped to image coordinates.
  function drawPoseAxes(points, pose, scale) {
    const nose = points[1];
    let minX = Infinity, maxX = -Infinity;
    for (const q of points) { minX = Math.min(minX, q[0]); maxX = Math.max(maxX, q[0]); }
    const length = 0.6 * (maxX - minX);
    const axes = [[0, '#ff5252'], [1, '#69f0ae'], [2, '#448aff']];
    draw.lineWidth = 3 * scale;
    for (const [column, colour] of axes) {
      const dx = pose[column], dy = -pose[4 + column];
      draw.strokeStyle = colour;
      draw.beginPath();
      draw.moveTo(nose[0], nose[1]);
      draw.lineTo(nose[0] + dx * length, nose[1] + dy * length);
      draw.stroke();
    }
  }

  // Expression coefficients as bars, once results carry them: face.blendshapes is expected as
  // [{ "name": "jawOpen", "score": 0.42 }, ...] (MediaPipe's 52 categories). Hidden until then.
  function renderBlendshapes(face) {
    const section = $('blendshapes');
    const shapes = face && Array.isArray(face.blendshapes) ? face.blendshapes : null;
    section.hidden = !shapes;
    if (!shapes) return;
    const list = $('blendshapeBars');
    while (list.children.length < shapes.length) {
      const item = document.createElement('li');
      item.append(document.createElement('span'), document.createElement('meter'));
      list.append(item);
    }
    while (list.children.length > shapes.length) list.lastChild.remove();
    shapes.forEach((shape, i) => {
      const [label, meter] = list.children[i].children;
      label.textContent = shape.name ?? shape.categoryName ?? String(i);
      meter.value = shape.score;
    });
  }

  // ---- sources -------------------------------------------------------------------------------

  function stopSource() {
    state.source = null;
    state.photoPending = false;
    if (state.inFlight) state.inFlight.stale = true;
    if (state.stream) { state.stream.getTracks().forEach((t) => t.stop()); state.stream = null; }
    video.pause();
    if (video.src.startsWith('blob:')) URL.revokeObjectURL(video.src);
    video.removeAttribute('src');
    video.srcObject = null;
    $('stop').disabled = true;
    draw.clearRect(0, 0, overlay.width, overlay.height);
    frameContext.clearRect(0, 0, frame.width, frame.height);
  }

  function pumpVideo() {
    const source = state.source;
    const onFrame = () => {
      if (state.source !== source) return;
      sendFrame(video, video.videoWidth, video.videoHeight);
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }

  async function start(kind, begin) {
    stopSource();
    setStatus('connecting', 'connecting');
    try {
      if (!state.mesh) await loadMesh();
      const socket = await ensureSocket();
      socket.send('{"type":"reset"}');
      state.source = kind;
      await begin();
      placeholder.hidden = true;
      $('stage').classList.remove('empty');
      $('stop').disabled = false;
      setStatus('running');
    } catch (error) {
      stopSource();
      if ($('status').dataset.state !== 'busy') setStatus(`error: ${error.message}`, 'error');
    }
  }

  $('webcam').addEventListener('click', () => start('webcam', async () => {
    state.stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    showVideo();
    video.srcObject = state.stream;
    await video.play();
    fitStage(video.videoWidth, video.videoHeight);
    pumpVideo();
  }));

  $('videoFile').addEventListener('change', (event) => {
    const file = event.target.files[0];
    if (!file) return;
    start('video', async () => {
      showVideo();
      video.src = URL.createObjectURL(file);
      await video.play();
      fitStage(video.videoWidth, video.videoHeight);
      pumpVideo();
    });
  });

  $('photoFile').addEventListener('change', (event) => {
    const file = event.target.files[0];
    if (!file) return;
    start('photo', async () => {
      if (photo.src.startsWith('blob:')) URL.revokeObjectURL(photo.src);
      photo.src = URL.createObjectURL(file);
      await photo.decode();
      fitStage(photo.naturalWidth, photo.naturalHeight);
      video.hidden = true;
      photo.hidden = false;
      sendPhoto();
    });
  });

  function fitStage(width, height) {
    $('stage').classList.toggle('wide', width >= height);
  }

  function showVideo() {
    photo.hidden = true;
    video.hidden = false;
  }

  // A photo is one frame: if another is still in flight, it goes as soon as that one is answered.
  function sendPhoto() {
    state.photoPending = state.source === 'photo' && !sendFrame(photo, photo.naturalWidth, photo.naturalHeight);
  }

  $('stop').addEventListener('click', () => {
    stopSource();
    setStatus('stopped');
  });

  for (const id of ['refine', 'numFaces', 'smoothing', 'geometry']) {
    $(id).addEventListener('change', () => {
      if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(settings()));
      // A photo has no next frame: send it again to see the new options' result.
      setTimeout(sendPhoto, 0);
    });
  }
  for (const id of ['drawTesselation', 'drawContours', 'drawIrises', 'drawLipstick', 'lipColor', 'lipOpacity']) {
    $(id).addEventListener('input', () => { if (state.lastResult) render(state.lastResult); });
  }

  // The server closes a connection that sends nothing for a while; a paused page keeps it.
  setInterval(() => {
    if (state.socket && state.socket.readyState === WebSocket.OPEN && !state.inFlight) state.socket.send('{"type":"ping"}');
  }, 10000);
})();
