// Loads the engine, builds the views and controls, and runs the animation
// loop. Each frame: train k iterations (when playing), read the state once,
// draw. Every change of settings goes through `app.change`, which the engine
// accepts or refuses; a refusal shows where it was typed and changes nothing.

import { Model, activationsOf } from './lab.js';
import { NetworkView } from './views/network.js';
import { LossChart } from './views/loss-chart.js';
import { setupLayers } from './controls/layers.js';
import { setupTable } from './controls/table.js';
import { setupTraining } from './controls/training.js';
import { setupInspector } from './controls/inspector.js';
import { setupOwnData } from './controls/own-data.js';
import { setupPoints } from './controls/points.js';
import { PlaneView } from './views/plane.js';
import { setupShare } from './controls/share.js';
import { FORMAT, forgetLink, hasLinkedState, linkedState } from './share.js';
import { Messages } from './messages.js';
import { loadReplaying } from './replay.js';
import { GridSlicer } from './grid-slicer.js';
import { createAutosave, held } from './autosave.js';
import { installKeys } from './keys.js';
import { showError, clearError, withoutPath } from './fields.js';
import { sig4 } from './format.js';
import { byId } from './dom.js';
import { PLANE_PALETTE } from './colors.js';

/** Cells per side of the decision boundary's grid. */
const GRID_CELLS = 100;
/** The milliseconds of a playing frame the grid may take. */
const GRID_SLICE_MS = 1.5;


/** Milliseconds of each frame that "Auto" fills with training. */
const AUTO_BUDGET_MS = 8;
/** The most a frame trains, whatever "Iterations per frame" asks: the tab stays responsive. */
const FRAME_LIMIT_MS = 50;
/** Milliseconds of each paused frame the boundary's grid may take (the rest in the next frames). */
const GRID_PAUSED_MS = 12;

/**
 * @typedef {import('./lab.js').Config} Config
 * @typedef {ReturnType<typeof createApp>['app']} App
 */

/** The engine's words for the page's: JSON names become the labels people see. @param {string} message */
function friendly(message) {
  return withoutPath(message)
    .replaceAll('"cross_entropy"', 'Cross-entropy')
    .replaceAll('"sse"', 'Sum of squares (SSE)')
    .replaceAll('"mse"', 'Mean squared error')
    .replace(/^./, (c) => c.toUpperCase());
}

/** @param {Model} model */
function createApp(model) {
  const network = new NetworkView(
    /** @type {HTMLCanvasElement} */ (byId('network-canvas')),
    byId('network-tooltip'),
    byId('network-description'),
  );
  const chart = new LossChart(byId('loss-chart'), byId('loss-description'));
  const messages = new Messages({ training: byId('training-alerts'), share: byId('share-messages') });

  let renderQueued = false;
  let describedAt = 0;
  let autoIterations = 1;

  const app = {
    model,
    network,
    chart,
    selectedRow: 0,
    hiddenActivation: activationsOf(model.config).hidden,
    batchSize: 2,
    perFrame: 10,
    auto: false,
    playing: false,
    /** The 2-D point set the data came from, with its test rows; null otherwise. */
    points: /** @type {import('./controls/points.js').PointSet | null} */ (null),

    /**
     * Applies an edit of the config. On refusal the message shows at `field`
     * and the model is as it was. Returns whether it was accepted.
     * @param {(config: Config) => void} edit
     * @param {HTMLElement} field
     * @param {HTMLElement} [where] where the message goes, if not beside the field
     */
    change(edit, field, where) {
      const next = structuredClone(model.config);
      edit(next);
      try {
        model.setConfig(next);
      } catch (e) {
        app.refuse(field, friendly(/** @type {Error} */ (e).message), where);
        return false;
      }
      app.accept(field);
      messages.settled();
      // New data that is not the point set's drops its test rows (the engine did).
      if (app.points && model.testLoss() === undefined) app.points = null;
      points?.show();
      if (app.selectedRow >= model.config.data.inputs.length) app.selectedRow = 0;
      renderConfig();
      app.render();
      return true;
    },

    /** @param {HTMLElement} field @param {string} message @param {HTMLElement} [where] */
    refuse(field, message, where) {
      showError(field, message, where);
    },

    /** @param {HTMLElement} field */
    accept(field) {
      clearError(field);
    },

    /** @param {number} row */
    selectRow(row) {
      app.selectedRow = row;
      app.render();
    },

    /** The hidden activation to use when hidden layers come back. @param {string} name */
    setHiddenActivation(name) {
      app.hiddenActivation = name;
    },

    /** How training runs: the mini-batch size to use, iterations per frame, Auto. @param {{ batchSize?: number, perFrame?: number, auto?: boolean }} speed */
    setSpeed(speed) {
      if (speed.batchSize !== undefined) app.batchSize = speed.batchSize;
      if (speed.perFrame !== undefined) app.perFrame = speed.perFrame;
      if (speed.auto !== undefined) app.auto = speed.auto;
    },

    /** A generated point set is the data now: its settings and its held-out test rows. @param {import('./controls/points.js').PointSet} set */
    setPointSet(set) {
      app.points = set;
      model.setTestData(set.test.inputs.length > 0 ? set.test : null);
    },

    /** Whether the diagram colours its lines by the gradients. @param {boolean} shown */
    showGradients(shown) {
      network.showGradients = shown;
      app.render();
    },

    /** Lights a column of the diagram (the inspector's walk), or none. @param {number | null} column */
    lightLayer(column) {
      network.lit = column;
    },

    /** What a click on a weight or bias of the diagram does. @param {(index: number) => void} handler */
    onDiagramPick(handler) {
      network.onPick = handler;
    },

    step() {
      app.pause();
      attempt(() => model.step());
    },

    stepEpoch() {
      app.pause();
      attempt(() => model.stepEpoch());
    },

    reset() {
      app.pause();
      model.reset();
      messages.settled();
      app.render();
    },

    togglePlay() {
      if (!app.playing) return app.play();
      app.pause();
      const { iteration, epoch, loss } = model.frame(app.selectedRow);
      announce(`Paused at iteration ${iteration}, epoch ${epoch}: loss ${sig4(loss)}.`);
    },

    play() {
      if (app.playing) return;
      messages.settled();
      app.playing = true;
      training.setPlaying(true);
      requestAnimationFrame(tick);
    },

    pause() {
      app.playing = false;
      training.setPlaying(false);
      app.render();
    },

    /** The page's state, for links, files and the autosave (share.js). @returns {import('./share.js').State} */
    state() {
      const p = app.points;
      return {
        app: 'backprop-lab',
        format: FORMAT,
        saved: JSON.parse(model.save()),
        points: p ? { generator: p.generator, points: p.points, noise: p.noise, testShare: p.testShare } : null,
      };
    },

    /**
     * Puts the page in a state; throws (changing nothing) if the engine refuses it.
     * @param {import('./share.js').State} state
     */
    restore(state) {
      app.pause();
      // A point set's test rows are drawn again from its settings and the seed.
      /** @type {import('./controls/points.js').PointSet | null} */
      let pointSet = null;
      let pointsRefused = '';
      if (state.points) {
        const s = state.points;
        try {
          const seed = /** @type {any} */ (state.saved).seed ?? 1;
          pointSet = { ...s, test: Model.points(s.generator, s.points, s.noise, s.testShare, seed).test };
        } catch (e) {
          pointsRefused = /** @type {Error} */ (e).message;
        }
      }
      const test = pointSet && pointSet.test.inputs.length > 0 ? pointSet.test : null;
      loadReplaying(model, state.saved, test, () => app.render());
      app.points = pointSet;
      app.selectedRow = 0;
      messages.settled();
      if (pointsRefused) {
        // The training rows stand alone: say so rather than drop the test rows unseen.
        say(
          `The point set's settings could not be used (${pointsRefused}): its training rows are here, without the held-out test rows.`,
          'alert',
        );
      }
      renderConfig();
      points.show();
      app.render();
    },

    /** Back to the first network, untrained, and the saved work forgotten. */
    startOver() {
      app.restore({ app: 'backprop-lab', format: FORMAT, saved: Model.presetConfig('xor'), points: null });
      autosave.forget();
    },

    /** Says something in the Training panel (an alert is a problem). @param {string} message @param {'alert' | 'status'} role */
    say(message, role) {
      say(message, role);
    },

    messages,

    /** Makes a generated 2-D point set the data. @param {string} generator @param {HTMLElement} field */
    choosePoints(generator, field) {
      return points.choose(generator, field);
    },

    /** The current parameters (a view: read before the next engine call). */
    frameParams() {
      return model.params();
    },

    /** Shows the diagram's weights moving from `before` to now (unless motion is reduced). @param {Float64Array} before */
    animateFrom(before) {
      if (matchMedia('(prefers-reduced-motion: reduce)').matches) return;
      network.animation = { from: before, start: performance.now(), ms: 450 };
      app.render();
    },

    /** Goes back to the latest kept epoch at or before `epoch` (time travel). @param {number} epoch */
    travel(epoch) {
      app.pause();
      try {
        const restored = model.restore(epoch);
        const note = restored === epoch ? '' : ` (the nearest kept epoch at or before ${epoch})`;
        messages.settled();
        say(`Went back to epoch ${restored}${note}: its weights, optimizer state and loss.`, 'status');
      } catch (e) {
        say(`Cannot go back to epoch ${epoch}: ${/** @type {Error} */ (e).message}.`, 'alert');
      }
      app.render();
    },

    /** Draws on the next animation frame (once, however often asked). */
    render() {
      if (renderQueued) return;
      renderQueued = true;
      requestAnimationFrame(() => {
        renderQueued = false;
        draw();
      });
    },
  };

  const layers = setupLayers(app);
  const table = setupTable(app);
  const training = setupTraining(app);
  const inspector = setupInspector(app);
  setupOwnData(app);
  const points = setupPoints(app);
  const plane = new PlaneView(/** @type {HTMLCanvasElement} */ (byId('plane-canvas')), byId('plane-description'));
  plane.onClick = (x, y, remove) => {
    const kept = app.points;
    points.click(x, y, remove);
    if (kept && !app.points) {
      app.setPointSet(kept);
      points.show();
      app.render();
    }
  };
  const autosave = createAutosave({
    state: app.state,
    version: () => model.version,
    playing: () => app.playing,
    messages,
    open: (state) => app.restore(state),
  });
  setupShare(app);
  const planeWrap = byId('plane-wrap');
  /** The next grid row to compute (0: a new pass starts), and the model version it began with. */
  const grid = new GridSlicer(model, GRID_CELLS);
  chart.onPick = (epoch) => app.travel(epoch);
  let inspectedVersion = -1;

  /** Runs a training action; divergence stops training with an alert. @param {() => void} action */
  function attempt(action) {
    try {
      action();
      messages.settled();
    } catch (e) {
      app.pause();
      say(`${friendly(/** @type {Error} */ (e).message)}.`, 'alert');
    }
    app.render();
  }

  /** The Training panel's message: an alert (a problem) or a status. @param {string} message @param {'alert' | 'status'} role */
  function say(message, role) {
    messages.say('training', message, { role });
  }

  /** Tells screen readers what just happened, without showing it. @param {string} message */
  function announce(message) {
    byId('announcer').textContent = message;
  }

  /** One animation frame of Play. */
  function tick() {
    if (!app.playing) return;
    const wanted = app.auto ? autoIterations : app.perFrame;
    const started = performance.now();
    let ran = 0;
    try {
      ran = model.runFor(wanted, FRAME_LIMIT_MS);
    } catch (e) {
      attempt(() => {
        throw e;
      });
      return;
    }
    const spent = performance.now() - started;
    if (app.auto && ran > 0) {
      // Aim at the budget from this frame's speed; grow at most 4× a frame.
      const target = (AUTO_BUDGET_MS * ran) / Math.max(spent, 0.05);
      autoIterations = Math.round(Math.min(100000, Math.max(1, Math.min(target, autoIterations * 4))));
    }
    if (ran < wanted && model.reachedStopLoss()) {
      app.pause();
      say(`Stopped: the loss reached the stop value after iteration ${model.iteration}.`, 'status');
    }
    draw();
    if (app.playing) requestAnimationFrame(tick);
  }

  function renderConfig() {
    layers.render(model.config);
    table.render(model.config);
    training.render(model.config);
  }

  let tableAt = 0;

  function draw() {
    if (!app.playing && model.version !== inspectedVersion) {
      inspectedVersion = model.version;
      // Before the frame is read: the inspector's trace makes the diagram's
      // gradients those of the next iteration.
      inspector.update();
    }
    const now = performance.now();
    drawPlane();
    const frame = model.frame(app.selectedRow);
    const { list } = activationsOf(model.config);
    network.draw(frame, list, model.config.bias);
    if (network.animating) app.render();
    autosave.save();
    training.update(frame);
    // While playing, the table and the chart (DOM and a second canvas) are
    // refreshed ten times a second: the eye cannot follow more, the frame budget can.
    if (!app.playing || now - tableAt > 100) {
      tableAt = now;
      table.update(frame);
      chart.update(model.history(), app.points ? model.testHistory() : null);
      training.showAccuracy(model.accuracy(), model.config.data.inputs.length, model.testAccuracy());
    }
    if (!app.playing || now - describedAt > 1000) {
      describedAt = now;
      const text = network.describe(frame, list);
      if (network.description.textContent !== text) network.description.textContent = text;
    }
  }

  /**
   * The decision boundary and the neurons' maps, for a network of two
   * inputs: the grid is computed in bands within GRID_SLICE_MS of a playing
   * frame (GRID_PAUSED_MS of a paused one) and drawn when whole.
   */
  function drawPlane() {
    const config = model.config;
    const shown = config.layers[0] === 2;
    if (planeWrap.hidden === shown) planeWrap.hidden = !shown;
    if (!shown) {
      network.maps = null;
      return;
    }
    // Paused, a pass that began with other weights starts again.
    if (!app.playing) grid.restartIfStale();
    if (grid.starting) plane.extent = PlaneView.extentOf(config.data.inputs.concat(app.points?.test.inputs ?? []));
    const whole = grid.advance(plane.extent, app.playing ? GRID_SLICE_MS : GRID_PAUSED_MS);
    if (!whole) {
      if (!app.playing) app.render();
      return;
    }
    // The grid holds every neuron's map in the engine's layer order: the hidden ones, then the outputs.
    const layers = model.layout.layers;
    const outputs = layers[layers.length - 1].outputs;
    const hidden = layers.slice(0, -1).reduce((n, l) => n + l.outputs, 0);
    const cells = GRID_CELLS * GRID_CELLS;
    // The grid is a view into wasm memory: copy what outlives the next call.
    network.maps = { grid: whole.slice(0, hidden * cells), cells: GRID_CELLS };
    // The outputs' numbers describe the map in words; copied, as the next call may move memory.
    const outputGrid = whole.slice(hidden * cells, (hidden + outputs) * cells);
    // The engine paints the map where the grid is.
    const image = model.boundaryImage(GRID_CELLS, PLANE_PALETTE, plane.targetScale(config.data));
    plane.draw({
      image,
      grid: outputGrid,
      cells: GRID_CELLS,
      outputs,
      activation: activationsOf(config).output,
      train: config.data,
      test: app.points?.test ?? null,
    });
  }

  // The chart's log toggle and the keys dialog.
  const logScale = /** @type {HTMLInputElement} */ (byId('log-scale'));
  logScale.addEventListener('change', () => {
    chart.setLog(logScale.checked);
    app.render();
  });
  const dialog = /** @type {HTMLDialogElement} */ (byId('keys-dialog'));
  const showKeys = () => {
    if (!dialog.open) dialog.showModal();
  };
  byId('keys-button').addEventListener('click', showKeys);
  installKeys({ togglePlay: app.togglePlay, step: app.step, stepEpoch: app.stepEpoch, reset: app.reset, showKeys });
  new ResizeObserver(() => app.render()).observe(byId('network-canvas'));

  renderConfig();
  draw();
  return { app, autosave };
}

/**
 * Opens the page where it should stand: a link's state first, else the work
 * saved in this browser, else the defaults. Returns what the autosave must
 * keep: the browser's work, whenever the page did not open it.
 * @param {App} app @param {import('./autosave.js').Held} kept
 * @param {import('./share.js').State | Error | null} linked the link's state, why it cannot be read, or null
 * @returns {{ kept?: import('./autosave.js').Held }}
 */
function open(app, kept, linked) {
  if (linked !== null) {
    forgetLink();
    try {
      if (linked instanceof Error) throw linked;
      app.restore(linked);
      return {};
    } catch (e) {
      const keeps = kept.kind === 'none' ? '' : ' Your work saved in this browser is kept.';
      app.say(`This link could not be opened: ${/** @type {Error} */ (e).message}. The lab opens with its defaults.${keeps}`, 'alert');
      return { kept };
    }
  }
  if (kept.kind === 'unreadable') {
    app.say(`The work saved in this browser could not be opened (${kept.why}); the lab opens with its defaults.`, 'alert');
    return { kept };
  }
  if (kept.kind === 'none') {
    if (kept.unsaved) app.say('Your last work could not be saved in this browser; the lab opens with its defaults.', 'alert');
    return {};
  }
  try {
    app.restore(kept.state);
  } catch (e) {
    const why = /** @type {Error} */ (e).message;
    app.say(`The work saved in this browser could not be opened (${why}); the lab opens with its defaults.`, 'alert');
    return { kept: { kind: 'unreadable', why } };
  }
  if (kept.unsaved) {
    app.say(
      `This is your work as saved in this browser at iteration ${kept.iteration}: your later work could not be saved (the page said so then), so it is not here.`,
      'alert',
    );
  }
  return {};
}

async function main() {
  try {
    const model = await Model.load('xor');
    const { app, autosave } = createApp(model);
    autosave.start(open(app, held(), hasLinkedState() ? await linkedState().catch((e) => /** @type {Error} */ (e)) : null));
    // For tests and the curious: the app, read-only by convention.
    Object.defineProperty(window, 'backpropLab', { value: app });
  } catch (e) {
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.textContent = `Backprop Lab could not start: ${/** @type {Error} */ (e).message}`;
    document.body.prepend(p);
    throw e;
  }
}

main();
