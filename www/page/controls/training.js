// The Training panel: the buttons, the readouts, and every setting of
// docs/numerics.md's config that is not the network or the data.

import { byId } from '../ui/dom.js';
import { parseNumber } from '../ui/fields.js';
import { exact } from '../ui/format.js';
import { defaults, freshSeed } from '../../common/lab.js';
import { t } from '../i18n.js';

/**
 * @typedef {import('../../common/lab.js').Config} Config
 * @typedef {import('../../common/lab.js').Frame} Frame
 * @typedef {import('../store.js').App} App
 */

/** The engine's default learning rate of an optimizer. @param {string} kind */
const defaultRate = (kind) => defaults.optimizers[kind]?.learning_rate ?? 1;

/** @param {App} app */
export function setupTraining(app) {
  const rate = byId('learning-rate', HTMLInputElement);
  const mode = byId('update-mode', HTMLSelectElement);
  const batch = byId('batch-size', HTMLInputElement);
  const optimizer = byId('optimizer', HTMLSelectElement);
  const loss = byId('loss-function', HTMLSelectElement);
  const seed = byId('seed', HTMLInputElement);
  const init = byId('init', HTMLSelectElement);
  const regulariser = byId('regularisation', HTMLSelectElement);
  const penaltyRate = byId('regularisation-rate', HTMLInputElement);
  const perFrame = byId('per-frame', HTMLInputElement);
  const auto = byId('auto-speed', HTMLInputElement);
  const play = byId('play', HTMLButtonElement);
  const readouts = {
    iteration: byId('iteration', HTMLOutputElement),
    epoch: byId('epoch', HTMLOutputElement),
    loss: byId('loss', HTMLOutputElement),
    accuracy: byId('accuracy', HTMLOutputElement),
  };

  byId('step', HTMLButtonElement).addEventListener('click', () => app.step());
  byId('step-epoch', HTMLButtonElement).addEventListener('click', () => app.stepEpoch());
  play.addEventListener('click', () => app.togglePlay());
  byId('reset', HTMLButtonElement).addEventListener('click', () => app.reset());

  rate.addEventListener('change', () => {
    const value = parseNumber(rate.value, t('training.learning-rate'));
    if (value instanceof Error) return app.refuse(rate, value.message);
    // render() then says if the rate is far outside the range that trains.
    app.change((c) => {
      c.optimizer.learning_rate = value;
    }, rate);
  });

  let advised = '';
  /** Any η > 0 is a valid config, but far outside the range that trains, a run stalls without a word: say why, and what to try. @param {Config} config */
  function adviseOn(config) {
    const advice = rateAdvice(config.optimizer.learning_rate, defaultRate(config.optimizer.kind)) ?? '';
    if (advice === advised) return;
    advised = advice;
    if (advice) app.messages.say('training', advice, { role: 'status', key: 'learning-rate' });
    else app.messages.take('training', 'learning-rate');
  }

  mode.addEventListener('change', async () => {
    const [chosen, size] = [mode.value, app.batchSize];
    const ok = await app.change((c) => {
      c.update = chosen === 'minibatch' ? { mode: 'minibatch', size } : { mode: chosen };
    }, mode);
    if (!ok) mode.value = app.model.config.update.mode;
  });

  batch.addEventListener('change', async () => {
    const value = parseNumber(batch.value, t('training.batch-size'), { integer: true });
    if (value instanceof Error) return app.refuse(batch, value.message);
    if (value < 1 || value > 10000) return app.refuse(batch, t('training.batch-size-range', { value }));
    if (app.model.config.update.mode !== 'minibatch') {
      app.setSpeed({ batchSize: value });
      app.accept(batch);
      return;
    }
    if (await app.change((c) => (c.update = { mode: 'minibatch', size: value }), batch)) app.setSpeed({ batchSize: value });
  });

  optimizer.addEventListener('change', async () => {
    const kind = optimizer.value;
    const ok = await app.change((c) => {
      c.optimizer = { kind, learning_rate: defaultRate(kind) };
    }, optimizer);
    if (!ok) optimizer.value = app.model.config.optimizer.kind;
  });

  loss.addEventListener('change', async () => {
    const chosen = loss.value;
    const ok = await app.change((c) => {
      c.loss = chosen;
    }, loss);
    if (!ok) loss.value = app.model.config.loss;
  });

  seed.addEventListener('change', () => {
    const value = parseNumber(seed.value, t('training.seed'), { integer: true });
    if (value instanceof Error) return app.refuse(seed, value.message);
    app.change((c) => {
      c.seed = value;
    }, seed);
  });

  // A seed nobody chose, shown in the field, so that the run can be made again (and is, from its link).
  byId('new-seed', HTMLButtonElement).addEventListener('click', () => {
    let value;
    try {
      value = freshSeed();
    } catch (e) {
      return app.refuse(seed, t('training.new-seed-failed', { error: /** @type {Error} */ (e).message }));
    }
    app.change((c) => {
      c.seed = value;
    }, seed);
  });

  // Regularisation as TFP offers it: none, L1 or L2, and one rate (a config may hold both, l1 and l2:
  // the select then says "L1 + L2"). The rate typed while "None" is chosen waits for a regulariser.
  regulariser.addEventListener('change', async () => {
    const chosen = regulariser.value;
    const typed = Number(penaltyRate.value);
    const value = chosen === 'none' ? 0 : Number.isFinite(typed) && typed > 0 ? typed : FIRST_PENALTY_RATE;
    const ok = await app.change((c) => setPenalty(c, chosen, value), regulariser);
    if (!ok) regulariser.value = penaltyOf(app.model.config).kind;
  });
  penaltyRate.addEventListener('change', async () => {
    const value = parseNumber(penaltyRate.value, t('training.regularisation-rate'));
    if (value instanceof Error) return app.refuse(penaltyRate, value.message);
    if (value < 0) return app.refuse(penaltyRate, t('training.regularisation-negative', { value }));
    const kind = regulariser.value;
    if (kind === 'none' || kind === 'both') return app.accept(penaltyRate);
    await app.change((c) => setPenalty(c, kind, value), penaltyRate);
  });

  init.addEventListener('change', () => {
    const chosen = init.value;
    app.change((c) => {
      c.init = chosen;
    }, init);
  });

  perFrame.addEventListener('change', () => {
    const value = parseNumber(perFrame.value, t('training.iterations-per-frame'), { integer: true });
    if (value instanceof Error) return app.refuse(perFrame, value.message);
    if (value < 1 || value > 100000) {
      return app.refuse(perFrame, t('training.per-frame-range', { value }));
    }
    app.setSpeed({ perFrame: value });
    app.accept(perFrame);
  });

  auto.addEventListener('change', () => {
    app.setSpeed({ auto: auto.checked });
    perFrame.disabled = auto.checked;
  });

  /** Shows the config's settings (fields with a refused value keep it). @param {Config} config */
  function render(config) {
    /** @param {HTMLInputElement | HTMLSelectElement} field @param {string} value */
    const set = (field, value) => {
      if (field.getAttribute('aria-invalid') !== 'true' && document.activeElement !== field) field.value = value;
    };
    set(rate, String(config.optimizer.learning_rate));
    set(mode, config.update.mode);
    set(batch, String(config.update.size ?? app.batchSize));
    set(optimizer, config.optimizer.kind);
    set(loss, config.loss);
    set(seed, String(config.seed));
    set(init, config.init);
    const penalty = penaltyOf(config);
    set(regulariser, penalty.kind);
    if (penalty.kind !== 'none') set(penaltyRate, String(penalty.rate));
    set(perFrame, String(app.perFrame));
    auto.checked = app.auto;
    perFrame.disabled = app.auto;
    adviseOn(config);
  }

  /** The readouts: plain numbers that `Number()` reads back. @param {Frame} frame */
  function update(frame) {
    const write = (/** @type {HTMLOutputElement} */ out, /** @type {string} */ text) => {
      if (out.textContent !== text) out.textContent = text;
    };
    write(readouts.iteration, String(frame.iteration));
    write(readouts.epoch, String(frame.epoch));
    write(readouts.loss, exact(frame.loss));
  }

  /**
   * The share of rows classified right, as a percentage with its count; with
   * test rows, their share too. Numbers to fit show how well they are fitted
   * (R², 1 a perfect fit, 0 no better than their mean) instead.
   * @param {number | undefined} accuracy @param {number} rows @param {number | undefined} [test]
   * @param {[number | undefined, number | undefined]} [rSquared] the training and test rows' R²
   */
  function showAccuracy(accuracy, rows, test, rSquared = [undefined, undefined]) {
    const pct = (/** @type {number} */ a) => `${(100 * a).toFixed(1)} %`;
    let text = accuracy === undefined ? '–' : t('training.accuracy-of', { share: pct(accuracy), right: Math.round(accuracy * rows), rows });
    if (accuracy !== undefined && test !== undefined) text = t('training.accuracy-test', { share: pct(accuracy), test: pct(test) });
    const [fit, testFit] = rSquared;
    if (accuracy === undefined && fit !== undefined)
      text =
        testFit === undefined ? `R² ${fit.toFixed(3)}` : t('training.r-squared-test', { fit: fit.toFixed(3), test: testFit.toFixed(3) });
    if (readouts.accuracy.textContent !== text) readouts.accuracy.textContent = text;
  }

  /** @param {boolean} playing */
  function setPlaying(playing) {
    play.dataset.i18n = playing ? 'training.pause' : 'training.play';
    play.textContent = t(playing ? 'training.pause' : 'training.play');
    // The readouts are live regions (<output>): quiet while they change every
    // frame; the pause announces where training stopped instead.
    for (const o of Object.values(readouts)) o.setAttribute('aria-live', playing ? 'off' : 'polite');
  }

  return { render, update, setPlaying, showAccuracy };
}

/** Learning rates outside this range are accepted with a word of warning. */
const USEFUL_RATES = { min: 1e-7, max: 1000 };

/**
 * What to say of a learning rate far outside the range that trains, or null.
 * @param {number} rate @param {number} usual the optimizer's default rate
 */
function rateAdvice(rate, usual) {
  if (rate > USEFUL_RATES.max) {
    return t('training.rate-too-large', { rate, usual });
  }
  if (rate < USEFUL_RATES.min) {
    return t('training.rate-too-small', { rate, usual });
  }
  return null;
}

/** The regulariser's rate chosen with L1 or L2 when none is typed: TFP's smallest. */
const FIRST_PENALTY_RATE = 0.001;

/**
 * A config's regularisation as the select shows it: none, L1, L2, or both (set by a file or a link).
 * @param {Config} config @returns {{ kind: 'none' | 'l1' | 'l2' | 'both', rate: number }}
 */
function penaltyOf(config) {
  const [l1, l2] = [config.l1 ?? 0, config.l2];
  if (l1 > 0 && l2 > 0) return { kind: 'both', rate: l1 };
  if (l1 > 0) return { kind: 'l1', rate: l1 };
  if (l2 > 0) return { kind: 'l2', rate: l2 };
  return { kind: 'none', rate: 0 };
}

/** Sets one regulariser at `rate` and the other to none (`l1` is left out when 0, as configs write it). @param {Config} c @param {string} kind @param {number} rate */
function setPenalty(c, kind, rate) {
  c.l2 = kind === 'l2' ? rate : 0;
  if (kind === 'l1' && rate > 0) c.l1 = rate;
  else delete c.l1;
}
