// How a frame flows: store → worker → report → views.
//
//   1. The store (store.js) holds what the learner chose; its actions send
//      requests to the engine's worker (engine-worker.js).
//   2. While playing, each animation frame asks the worker for the next
//      frame, telling it what the page shows (`view()`: the selected row, the
//      table's rows, the plane, the inspector's needs). The worker trains
//      without pause and answers with a report between chunks of training.
//   3. engine.js takes the report into its mirror and asks for a redraw.
//   4. `draw()` hands each view what it draws, from the mirror. Views keep
//      nothing of it after drawing but their own copies.
// Paused, the same flow runs once per action: request → answer with a
// report → draw.

import { activationsOf, planar } from '../common/lab.js';
import { NetworkView } from './views/network.js';
import { LossChart } from './views/loss-chart.js';
import { PlaneView } from './views/plane.js';
import { WeightImages } from './views/weight-images.js';
import { byId } from './ui/dom.js';
import { explain } from './ui/fields.js';
import { t } from './i18n.js';

/**
 * @typedef {import('./store.js').App} App
 * @typedef {import('./engine.js').Engine} Engine
 * @typedef {import('../common/protocol.js').View} View
 * @typedef {import('../common/lab.js').Frame} Frame
 * @typedef {{
 *   training: ReturnType<typeof import('./controls/training.js').setupTraining>,
 *   table: ReturnType<typeof import('./controls/table.js').setupTable>,
 *   layers: ReturnType<typeof import('./controls/layers.js').setupLayers>,
 *   features: ReturnType<typeof import('./controls/features.js').setupFeatures>,
 *   curve: ReturnType<typeof import('./controls/curve.js').setupCurve>,
 *   inspector: { wants: () => { trace: boolean, check: boolean }, update: () => void },
 *   points: ReturnType<typeof import('./controls/points.js').setupPoints>,
 *   ask: ReturnType<typeof import('./controls/ask.js').setupAsk>,
 *   programs: ReturnType<typeof import('./controls/programs.js').setupPrograms>,
 *   lessons: { lock: () => void, check: () => void, end: () => void },
 *   confusion: { wants: () => boolean, render: (config: import('../common/lab.js').Config) => void, update: (confusion: import('../common/protocol.js').Confusion | null) => void },
 *   diagnosis: { wantsHealth: () => boolean, update: () => void },
 *   compare: { showsDifference: () => boolean, update: () => void },
 *   autosave: { save: () => void }
 * }} Controls
 */

/** While playing, the table, chart and accuracy are refreshed this often (ms): the eye cannot follow more. */
const TABLE_MS = 100;
/** Those slower views, drawn one per frame while playing (each about every TABLE_MS), so that no frame draws them all. */
const SLOW_VIEWS = /** @type {const} */ (['table', 'weights', 'chart', 'summary']);
/** …and the text alternatives this often. */
const DESCRIBE_MS = 1000;
/** A frame this much later than 60 Hz (ms) after the diagram was drawn: the diagram is costly (its raster too). */
const LATE_MS = 25;

/**
 * The views, with what a click on them does.
 * @param {App} app
 */
export function createViews(app) {
  const network = new NetworkView(byId('network-canvas', HTMLCanvasElement), byId('network-tooltip'), byId('network-description'));
  const chart = new LossChart(byId('loss-chart'), byId('loss-description'));
  const plane = new PlaneView(byId('plane-canvas', HTMLCanvasElement), byId('plane-description'));
  const planeWrap = byId('plane-wrap');
  const weights = new WeightImages(byId('weight-images'), byId('weight-strip'));
  network.onPick = (index) => app.diagram.pick(index);
  chart.onPick = (epoch) => void app.travel(epoch);
  return { network, chart, plane, planeWrap, weights };
}

/**
 * Starts the frame loop; returns `draw` (for the first frame).
 * @param {App} app @param {Engine} engine @param {ReturnType<typeof createViews>} views @param {Controls} controls
 */
export function startFrames(app, engine, views, controls) {
  const { network, chart, plane, planeWrap, weights } = views;
  let queued = false;
  let tableAt = 0;
  /** While playing: when the last slow view was drawn, and which comes next. */
  let slowAt = 0;
  let slowNext = 0;

  /** Draws one of the slower views. @param {(typeof SLOW_VIEWS)[number]} name @param {Frame} frame */
  function drawSlow(name, frame) {
    if (name === 'table') controls.table.update(frame);
    else if (name === 'weights') weights.draw(frame);
    else if (name === 'chart')
      chart.update(engine.history(), engine.testLoss() !== undefined ? engine.testHistory() : null, engine.pinned?.history ?? null);
    else {
      controls.compare.update();
      controls.training.showAccuracy(engine.accuracy(), engine.config.data.inputs.length, engine.testAccuracy(), engine.rSquared());
      controls.diagnosis.update();
    }
  }
  let describedAt = 0;
  let inspected = { version: -1, traced: -1, checked: -1 };
  let boundaryDrawn = 0;
  /** The config the plane's extent and colour scale were taken from. */
  let planeOf = /** @type {object | null} */ (null);
  let planeScale = 1;
  /** The view the worker has (paused: sent again when it changed). */
  let sentView = '';
  /**
   * While playing, the diagram is drawn as often as the page can afford: a
   * draw that made the next frame late (a network of thousands of lines,
   * rastered on this thread) waits three times what it cost before the next,
   * so that the page keeps answering the learner.
   */
  const diagram = { at: 0, wait: 0, drawn: false, frameAt: 0 };

  /** What the page shows, for the worker's next report. @returns {View} */
  function view() {
    const config = engine.config;
    const shown = planar(config);
    if (shown && planeOf !== config) {
      planeOf = config;
      plane.extent = PlaneView.extentOf(config.data.inputs.concat(app.points?.test.inputs ?? []));
      planeScale = plane.targetScale(config.data);
    }
    const wants = controls.inspector.wants();
    return {
      row: app.selectedRow,
      rows: controls.table.rowsShown(),
      plane: shown ? { extent: plane.extent, scale: planeScale, discrete: discretize.checked } : null,
      trace: !app.playing && (wants.trace || app.diagram.gradients),
      check: !app.playing && wants.check,
      history: !app.playing || performance.now() - tableAt > TABLE_MS,
      question: app.question,
      confusion: controls.confusion.wants(),
      health: controls.diagnosis.wantsHealth(),
      curve: controls.curve.wants(),
    };
  }

  app.render = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      draw();
    });
  };
  engine.onReport = (_report, event, error) => {
    if (event === 'stopped') app.stopped(t('training.stopped-at-loss', { iteration: engine.iteration }), 'status');
    else if (event === 'reached') app.stopped(t('training.reached', { iteration: engine.iteration }), 'status');
    else if (event === 'failed' && error) app.stopped(`${explain(error)}.`, 'alert');
    app.render();
  };
  app.configChanged = () => {
    controls.layers.render(engine.config);
    controls.features.render(engine.config);
    controls.table.render(engine.config);
    controls.training.render(engine.config);
    controls.points.show();
    controls.ask.render(engine.config);
    controls.programs.render(engine.config);
    controls.lessons.lock();
    controls.confusion.render(engine.config);
  };
  app.playingChanged = () => {
    controls.training.setPlaying(app.playing);
    if (app.playing) requestAnimationFrame(tick);
  };

  /** One animation frame of Play: ask for the next frame (the worker answers when it has it). */
  function tick() {
    if (!app.playing) return;
    engine.askFrame(view());
    sentView = '';
    requestAnimationFrame(tick);
  }

  function draw() {
    const now = performance.now();
    const config = engine.config;
    const t = engine.traced;
    const c = engine.checked;
    if (!app.playing && (engine.version !== inspected.version || t.version !== inspected.traced || c.version !== inspected.checked)) {
      inspected = { version: engine.version, traced: t.version, checked: c.version };
      controls.inspector.update();
    }
    drawPlane();
    const asked = engine.asked;
    let frame =
      app.diagram.question && app.question && asked?.values && asked.question.join() === app.question.join()
        ? { ...engine.frame(), row: -1, input: asked.input, rowValues: asked.values }
        : engine.frame();
    // Compare: B − A per weight, where the two networks have the same shape.
    const pinned = engine.pinned;
    if (controls.compare.showsDifference() && pinned && pinned.params.length === frame.params.length) {
      frame = { ...frame, params: frame.params.map((b, k) => b - pinned.params[k]) };
    }
    const { list } = activationsOf(config);
    network.showGradients = app.diagram.gradients;
    network.lit = app.diagram.lit;
    if (app.diagram.animation) {
      network.animation = app.diagram.animation;
      app.diagram.animation = null;
    }
    const gap = now - diagram.frameAt;
    diagram.frameAt = now;
    if (diagram.drawn) diagram.wait = gap > LATE_MS ? 3 * (gap - 1000 / 60) : 0;
    diagram.drawn = !app.playing || now - diagram.at >= diagram.wait;
    if (diagram.drawn) {
      diagram.at = now;
      network.draw(frame, list, config.bias);
    }
    if (network.animating) app.render();
    controls.autosave.save();
    controls.training.update(frame);
    controls.ask.update(engine.asked, app.question);
    controls.curve.update();
    controls.programs.update(engine.iteration, app.target);
    controls.lessons.check();
    controls.confusion.update(engine.confusion);
    if (!app.playing) {
      tableAt = now;
      for (const name of SLOW_VIEWS) drawSlow(name, frame);
    } else if (now - slowAt >= TABLE_MS / SLOW_VIEWS.length) {
      // One slow view a frame, in turn: the first of a round asks the worker for the chart's numbers again.
      if (slowNext === 0) tableAt = now;
      drawSlow(SLOW_VIEWS[slowNext], frame);
      slowNext = (slowNext + 1) % SLOW_VIEWS.length;
      slowAt = now;
    }
    if (!app.playing || now - describedAt > DESCRIBE_MS) {
      describedAt = now;
      const text = network.describe(frame, list);
      if (network.description.textContent !== text) network.description.textContent = text;
    }
    if (!app.playing) syncView();
    app.drawnReport = engine.reports;
    app.firstFrameAt ??= performance.timeOrigin + performance.now();
  }

  /** Paused, a view that changed (a scrolled table, the inspector opened) is sent, and its report drawn. */
  function syncView() {
    const v = view();
    const key = JSON.stringify(v);
    if (key === sentView) return;
    sentView = key;
    void engine.request('view', v);
  }

  /** The decision boundary and the neurons' maps, for a network of two inputs, as the worker painted them. */
  function drawPlane() {
    const config = engine.config;
    const shown = planar(config);
    if (planeWrap.hidden === shown) planeWrap.hidden = !shown;
    if (!shown) {
      network.maps = network.inputMaps = null;
      return;
    }
    const b = engine.boundary;
    if (!b || engine.boundaries === boundaryDrawn) return;
    boundaryDrawn = engine.boundaries;
    network.maps = { grid: b.maps, cells: b.cells };
    network.inputMaps = b.features && b.features.length > 0 ? { grid: b.features, cells: b.cells } : null;
    plane.extent = b.extent;
    plane.draw({
      image: new ImageData(/** @type {Uint8ClampedArray<ArrayBuffer>} */ (b.image), b.width, b.height),
      grid: b.outputs,
      cells: b.cells,
      outputs: engine.layout.layers[engine.layout.layers.length - 1].outputs,
      activation: activationsOf(config).output,
      train: config.data,
      test: showTest.checked ? (app.points?.test ?? null) : null,
    });
  }

  // The plane's options, as TensorFlow Playground has them: the output in two colours, the test points shown.
  const discretize = byId('discretize', HTMLInputElement);
  const showTest = byId('show-test-data', HTMLInputElement);
  discretize.addEventListener('change', () => syncView());
  showTest.addEventListener('change', () => {
    boundaryDrawn = -1;
    app.render();
  });

  // The chart's log toggle.
  const logScale = byId('log-scale', HTMLInputElement);
  logScale.addEventListener('change', () => {
    chart.setLog(logScale.checked);
    app.render();
  });
  new ResizeObserver(() => app.render()).observe(byId('network-canvas'));

  return { draw };
}
