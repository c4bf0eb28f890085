// Record: what the learner sees (the network, the plane, the loss curve, the
// iteration and loss) drawn each frame onto one canvas, recorded as a WebM
// video (MediaRecorder) and kept as small frames for an animated GIF (gifenc,
// fetched when the first GIF is made). Teachers put the clips in slides.

import { byId, offerDownload } from '../ui/dom.js';
import { CLASS_COLORS } from '../../common/colors.js';
import { addEnglish, t } from '../i18n.js';
import english from '../i18n/en/record.json' with { type: 'json' };

addEnglish(english);

/** The video's size (16:9, for slides) and the GIF's, half as wide. */
const [WIDTH, HEIGHT] = [960, 540];
const [GIF_WIDTH, GIF_HEIGHT] = [480, 270];
/** GIF frames a second, and how long a recording may keep frames for it (s). */
const GIF_FPS = 8;
const MAX_SECONDS = 60;
const TITLE = 34;
/** Palette slot of "unchanged since the last frame" (transparent): GIF's runs of it compress to almost nothing. */
const UNCHANGED = 255;

/**
 * @typedef {import('../store.js').App} App
 * @typedef {{ video: Blob | null, frames: Uint8Array[], palette: number[][], seconds: number }} Recording
 */

/** @param {App} app */
export function setupRecord(app) {
  const button = byId('record', HTMLButtonElement);
  const status = byId('record-status');
  const saves = byId('record-saves');
  const saveVideo = byId('save-webm', HTMLButtonElement);
  const saveGif = byId('save-gif', HTMLButtonElement);
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [WIDTH, HEIGHT];
  const small = document.createElement('canvas');
  [small.width, small.height] = [GIF_WIDTH, GIF_HEIGHT];
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const smallCtx = /** @type {CanvasRenderingContext2D} */ (small.getContext('2d', { willReadFrequently: true }));

  /** The recording being made. @type {{ recorder: MediaRecorder | null, chunks: Blob[], frames: Uint8Array[], palette: number[][] | null, start: number, lastFrame: number, raf: number } | null} */
  let live = null;
  /** The last recording made. @type {Recording | null} */
  let done = null;
  /** The page's colours, read when a recording starts (not in each frame, which would make the browser work out the styles). */
  let colours = coloursOfPage();

  button.addEventListener('click', () => (live ? stop() : start()));
  saveVideo.addEventListener('click', () => {
    if (done?.video) offerDownload(done.video, 'backprop-lab.webm');
  });
  saveGif.addEventListener('click', () => void makeGif());

  function start() {
    let recorder = null;
    try {
      if (typeof MediaRecorder !== 'function' || typeof canvas.captureStream !== 'function') {
        throw new Error(t('record.no-recorder'));
      }
      const type = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((m) => MediaRecorder.isTypeSupported(m));
      if (!type) throw new Error(t('record.no-webm'));
      colours = coloursOfPage();
      compose();
      recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: type, videoBitsPerSecond: 2_500_000 });
      recorder.start(1000);
    } catch (e) {
      app.refuse(button, t('record.refused', { why: /** @type {Error} */ (e).message }));
      return;
    }
    app.accept(button);
    const now = performance.now();
    live = { recorder, chunks: [], frames: [], palette: null, start: now, lastFrame: -Infinity, raf: 0 };
    const chunks = live.chunks;
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    recorder.onerror = () => {
      stop();
      app.refuse(button, t('record.refused', { why: t('record.browser-stopped') }));
    };
    button.textContent = t('record.stop');
    button.setAttribute('aria-pressed', 'true');
    saves.hidden = true;
    status.textContent = t('record.recording');
    tick();
  }

  /** One frame: the page composed; a GIF frame at GIF_FPS; stops itself after MAX_SECONDS. */
  function tick() {
    if (!live) return;
    const now = performance.now();
    compose();
    if (now - live.lastFrame >= 1000 / GIF_FPS - 2) {
      live.lastFrame = now;
      live.frames.push(gifFrame(live));
    }
    if (now - live.start >= MAX_SECONDS * 1000) return stop();
    live.raf = requestAnimationFrame(tick);
  }

  function stop() {
    if (!live) return;
    const { recorder, chunks, frames, palette, start } = live;
    cancelAnimationFrame(live.raf);
    live = null;
    button.textContent = t('record.record');
    button.setAttribute('aria-pressed', 'false');
    const seconds = (performance.now() - start) / 1000;
    const finish = () => {
      const video = chunks.length > 0 ? new Blob(chunks, { type: 'video/webm' }) : null;
      done = { video, frames, palette: palette ?? [], seconds };
      saves.hidden = false;
      saveVideo.disabled = !video;
      status.textContent = t('record.recorded', { seconds: seconds.toFixed(1), size: megabytes(video?.size ?? 0) });
    };
    if (recorder && recorder.state !== 'inactive') {
      recorder.onstop = finish;
      recorder.stop();
    } else finish();
  }

  /** Draws what the learner sees onto the recording's canvas. */
  function compose() {
    const { background, text } = colours;
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    ctx.fillStyle = text;
    ctx.font = '600 18px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const value = (/** @type {string} */ id) => byId(id).textContent ?? '';
    const dataset = byId('dataset', HTMLSelectElement);
    const name = dataset.selectedOptions[0]?.textContent ?? '';
    ctx.fillText(t('record.title-line', { dataset: name, iteration: value('iteration'), loss: value('loss') }), 12, TITLE / 2);
    const network = byId('network-canvas', HTMLCanvasElement);
    const planeShown = !byId('plane-wrap').hidden;
    const chart = document.querySelector('#loss-chart canvas');
    const left = planeShown || chart ? 600 : WIDTH;
    fit(network, 0, TITLE, left, HEIGHT - TITLE);
    if (planeShown) fit(byId('plane-canvas', HTMLCanvasElement), left, TITLE, WIDTH - left, 260);
    if (chart instanceof HTMLCanvasElement)
      fit(chart, left, planeShown ? TITLE + 270 : TITLE, WIDTH - left, planeShown ? HEIGHT - TITLE - 270 : HEIGHT - TITLE);
  }

  /** Draws `source` into the box, as large as it fits with its proportions kept, centred. @param {HTMLCanvasElement} source @param {number} x @param {number} y @param {number} w @param {number} h */
  function fit(source, x, y, w, h) {
    if (source.width === 0 || source.height === 0) return;
    const scale = Math.min(w / source.width, h / source.height);
    const [dw, dh] = [source.width * scale, source.height * scale];
    ctx.drawImage(source, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
  }

  /**
   * The composed canvas at the GIF's size as palette indices: the palette is made from the first
   * frame plus the page's colours (so that what appears later has its colour), pixels as the
   * previous frame's marked unchanged.
   * @param {NonNullable<typeof live>} rec
   */
  function gifFrame(rec) {
    smallCtx.drawImage(canvas, 0, 0, GIF_WIDTH, GIF_HEIGHT);
    const rgba = smallCtx.getImageData(0, 0, GIF_WIDTH, GIF_HEIGHT).data;
    rec.palette ??= paletteOf(rgba);
    return nearest(rgba, rec.palette);
  }

  /** Makes the GIF from the frames kept (gifenc is fetched the first time) and offers it. */
  async function makeGif() {
    if (!done || done.frames.length === 0) return;
    saveGif.disabled = true;
    status.textContent = t('record.making-gif');
    try {
      const { GIFEncoder } = await import('gifenc');
      const gif = GIFEncoder();
      const { frames, palette } = done;
      const transparent = [...palette, [0, 0, 0]];
      let previous = null;
      for (const frame of frames) {
        const index = previous ? unchanged(frame, previous) : frame;
        gif.writeFrame(index, GIF_WIDTH, GIF_HEIGHT, {
          palette: previous ? undefined : transparent,
          delay: 1000 / GIF_FPS,
          transparent: previous !== null,
          transparentIndex: UNCHANGED,
          dispose: 1,
        });
        previous = frame;
        // Encoding is a few ms a frame: the page answers between them.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      gif.finish();
      const blob = new Blob([gif.bytes()], { type: 'image/gif' });
      offerDownload(blob, 'backprop-lab.gif');
      status.textContent = t('record.gif-made', { frames: frames.length, size: megabytes(blob.size) });
    } catch (e) {
      app.refuse(saveGif, t('record.gif-failed', { why: /** @type {Error} */ (e).message }));
    } finally {
      saveGif.disabled = false;
    }
  }

  return { recording: () => live !== null, last: () => done };
}

/** The page's panel and text colours (its light or dark scheme). */
function coloursOfPage() {
  const style = getComputedStyle(document.body);
  return { background: style.getPropertyValue('--panel').trim() || '#fff', text: style.color || '#222' };
}

/** Up to 254 colours: the page's class colours and blue–orange scale, then the first frame's most common. @param {Uint8ClampedArray} rgba */
function paletteOf(rgba) {
  /** @type {number[][]} */
  const palette = [
    [255, 255, 255],
    [0, 0, 0],
  ];
  for (const c of CLASS_COLORS) for (const k of [0.25, 0.5, 0.75, 1]) palette.push(c.map((v) => Math.round(255 + (v - 255) * k)));
  const counts = new Map();
  for (let i = 0; i < rgba.length; i += 4) {
    const key = ((rgba[i] >> 3) << 10) | ((rgba[i + 1] >> 3) << 5) | (rgba[i + 2] >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const common = [...counts].sort((a, b) => b[1] - a[1]).slice(0, UNCHANGED - palette.length - 1);
  for (const [key] of common) palette.push([((key >> 10) & 31) * 8 + 4, ((key >> 5) & 31) * 8 + 4, (key & 31) * 8 + 4]);
  return palette;
}

/** Per palette: each 15-bit colour's nearest palette index, found once (−1: not yet). @type {WeakMap<number[][], Int16Array>} */
const nearestOf = new WeakMap();

/** Each pixel's nearest palette colour. @param {Uint8ClampedArray} rgba @param {number[][]} palette */
function nearest(rgba, palette) {
  const cache = nearestOf.get(palette) ?? new Int16Array(1 << 15).fill(-1);
  nearestOf.set(palette, cache);
  const out = new Uint8Array(rgba.length / 4);
  for (let p = 0, i = 0; i < rgba.length; p++, i += 4) {
    const key = ((rgba[i] >> 3) << 10) | ((rgba[i + 1] >> 3) << 5) | (rgba[i + 2] >> 3);
    let k = cache[key];
    if (k < 0) {
      let best = Infinity;
      palette.forEach((c, j) => {
        const d = (c[0] - rgba[i]) ** 2 + (c[1] - rgba[i + 1]) ** 2 + (c[2] - rgba[i + 2]) ** 2;
        if (d < best) [best, k] = [d, j];
      });
      cache[key] = k;
    }
    out[p] = k;
  }
  return out;
}
/** A frame with the pixels that the previous one already shows marked UNCHANGED. @param {Uint8Array} frame @param {Uint8Array} previous */
function unchanged(frame, previous) {
  return frame.map((k, i) => (k === previous[i] ? UNCHANGED : k));
}

/** Bytes as megabytes, two decimals. @param {number} bytes */
const megabytes = (bytes) => (bytes / 1e6).toFixed(2);
