// "Why does it (not) learn?": gradient health per layer over the epochs
// (with a note in words when a layer's gradients vanish or explode, or its
// units are dead or saturated), the learning-rate finder (in a copy of the
// run: the run itself stays where it is) with its suggestion one click from
// use, and the loss landscape around the weights with the run's path. The
// engine computes all of it in its worker; this module asks and draws.

import { byId, el } from '../ui/dom.js';
import { sequential } from '../../common/colors.js';
import { sig4 } from '../ui/format.js';
import { drawLogPlot } from '../views/log-plot.js';
import { drawLandscape, describeLandscape } from '../views/landscape.js';
import { t, addEnglish } from '../i18n.js';
import english from '../i18n/en/diagnosis.json' with { type: 'json' };

addEnglish(english);

/**
 * @typedef {import('../store.js').App} App
 * @typedef {import('../../common/lab.js').HealthSample} HealthSample
 * @typedef {import('../../common/protocol.js').Landscape} Landscape
 */

/** A layer's colour in the health chart. @param {number} l @param {number} layers */
const layerColour = (l, layers) => sequential(0.1 + (0.7 * l) / Math.max(1, layers - 1));

/**
 * What is wrong with a layer, in words, or '' when nothing is.
 * @param {import('../../common/lab.js').LayerHealth} h @param {number} l 1-based
 */
export function healthNote(h, l) {
  const parts = [];
  if (h.gradient_rms === null || h.weight_rms === null) return t('why.layer-not-finite', { l });
  if (h.vanishing) {
    parts.push(t('why.vanish', { gradient: sig4(h.gradient_rms), weight: sig4(h.weight_rms) }));
  }
  if (h.exploding) {
    parts.push(t('why.explode', { gradient: sig4(h.gradient_rms), weight: sig4(h.weight_rms) }));
  }
  if (h.dead !== null && h.dead > 0) parts.push(t('why.dead', { share: Math.round(100 * h.dead) }));
  if (h.saturated !== null && h.saturated >= 0.5) parts.push(t('why.saturated', { share: Math.round(100 * h.saturated) }));
  return parts.length > 0 ? t('why.layer-note', { l, notes: parts.join(' ') }) : '';
}

/** @param {App} app */
export function setupDiagnosis(app) {
  const details = byId('diagnosis', HTMLDetailsElement);
  const healthChart = byId('health-chart', HTMLCanvasElement);
  const notes = byId('health-notes');
  const find = byId('find-rate', HTMLButtonElement);
  const finderChart = byId('finder-chart', HTMLCanvasElement);
  const result = byId('finder-result');
  const use = byId('use-rate', HTMLButtonElement);
  const landscapeCanvas = byId('landscape', HTMLCanvasElement);
  const landscapeText = byId('landscape-text');
  const again = byId('landscape-again', HTMLButtonElement);
  const colours = () => {
    const style = getComputedStyle(details);
    return { text: style.color || '#222', grid: 'rgba(128, 128, 128, 0.25)' };
  };
  let drawnHealth = /** @type {HealthSample[] | null} */ (null);
  let drawnLandscape = /** @type {Landscape | null} */ (null);
  let suggested = /** @type {number | null} */ (null);
  /** The version of the weights the landscape was last asked for. */
  let askedAt = -1;

  function askLandscape() {
    askedAt = app.model.version;
    landscapeText.textContent = t('why.computing-landscape');
    void app.model.request('landscape');
  }

  /** The section was opened: the landscape of where the run stands, and a frame with the health. */
  function opened() {
    if (details.open && askedAt !== app.model.version) askLandscape();
    app.render();
  }
  details.addEventListener('toggle', opened);
  again.addEventListener('click', askLandscape);

  find.addEventListener('click', async () => {
    find.disabled = true;
    result.textContent = t('why.trying-rates');
    try {
      /** @type {{ rates: number[], losses: (number | null)[], suggested: number | null }} */
      const f = await app.model.request('findLearningRate');
      suggested = f.suggested;
      finderChart.hidden = false;
      drawLogPlot(
        finderChart,
        {
          series: [{ points: f.rates.map((r, i) => [r, f.losses[i] ?? NaN]), colour: sequential(0.3) }],
          logX: true,
          xLabel: t('why.rate-axis'),
          marker: suggested,
        },
        colours(),
      );
      if (suggested === null) {
        result.textContent = t('why.no-rate');
        use.hidden = true;
      } else {
        const lowest = Math.min(...f.losses.filter((l) => l !== null && Number.isFinite(l)).map(Number));
        result.textContent = t('why.rate-found', { lowest: sig4(lowest), at: sig4(10 * suggested), rate: sig4(suggested) });
        use.textContent = t('why.use-eta', { rate: sig4(suggested) });
        use.hidden = false;
      }
    } catch (e) {
      result.textContent = t('why.no-rate-found', { error: /** @type {Error} */ (e).message });
    } finally {
      find.disabled = false;
    }
  });

  use.addEventListener('click', async () => {
    if (suggested === null || app.lockedOut(['learning-rate'], use)) return;
    const rate = suggested;
    if (await app.change((c) => void (c.optimizer.learning_rate = rate), use)) {
      result.textContent = t('why.rate-set', { rate: sig4(rate) });
      use.hidden = true;
    }
  });

  return {
    opened,
    /** Draws what changed: the health chart and notes, a finished landscape; paused on new weights, asks for the landscape again. */
    update() {
      if (!details.open) return;
      const health = app.model.health;
      if (health !== drawnHealth) {
        drawnHealth = health;
        drawHealth(health);
      }
      const landscape = app.model.landscape;
      if (landscape && landscape !== drawnLandscape) {
        drawnLandscape = landscape;
        drawLandscape(landscapeCanvas, landscape);
        landscapeText.textContent = describeLandscape(landscape, sig4);
      }
      if (!app.playing && askedAt !== app.model.version && drawnLandscape) askLandscape();
    },
  };

  /** @param {HealthSample[]} health */
  function drawHealth(health) {
    const layers = health.at(-1)?.layers.length ?? 0;
    /** @type {import('../views/log-plot.js').Series[]} */
    const series = [];
    for (let l = 0; l < layers; l++) {
      const colour = layerColour(l, layers);
      series.push({ points: health.map((s) => [s.epoch, s.layers[l]?.gradient_rms ?? NaN]), colour });
      series.push({ points: health.map((s) => [s.epoch, s.layers[l]?.weight_rms ?? NaN]), colour, dashed: true });
    }
    drawLogPlot(healthChart, { series, xLabel: t('chart.epoch-axis') }, colours());
    const last = health.at(-1);
    const items = (last?.layers ?? []).map((h, l) => {
      const note = healthNote(h, l + 1);
      const plain = t('why.layer-plain', { l: l + 1, gradient: sig4(h.gradient_rms ?? NaN), weight: sig4(h.weight_rms ?? NaN) });
      const item = el('li', note || plain);
      item.style.borderLeftColor = layerColour(l, layers);
      if (note) item.className = 'warning';
      return item;
    });
    notes.replaceChildren(...(last ? items : [el('li', t('why.sample-first'))]));
  }
}
