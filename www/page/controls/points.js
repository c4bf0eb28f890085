// 2-D point sets: the generators in the Dataset select, their Points, Noise
// and Test share, the rows held out for testing, and points added or removed
// by clicks on the plane. The plane is drawn by views/plane.js.

import { presetConfig } from '../presets.js';
import { byId } from '../ui/dom.js';
import { planar, drawPoints, replaceConfig } from '../../common/lab.js';
import { t } from '../i18n.js';
import { wordsOf } from '../ui/fields.js';

/**
 * @typedef {import('../../common/lab.js').Config} Config
 * @typedef {import('../store.js').App} App
 * @typedef {{ inputs: number[][], targets: number[][] }} Rows
 * @typedef {{ generator: string, points: number, noise: number, testShare: number, test: Rows }} PointSet
 */

/** The generators the Dataset select offers, after the truth tables: the key of its label, its name. @type {[import('../i18n.js').Key, string][]} */
export const GENERATORS = [
  ['dataset.circle', 'circle'],
  ['dataset.quadrants', 'quadrants'],
  ['dataset.gaussians', 'gaussians'],
  ['dataset.spiral', 'spiral'],
  ['dataset.moons', 'moons'],
  ['dataset.plane', 'plane'],
  ['dataset.bump', 'bump'],
];

/** @param {App} app */
export function setupPoints(app) {
  const settings = byId('point-settings');
  const count = byId('points-count', HTMLInputElement);
  const noise = byId('points-noise', HTMLInputElement);
  const testShare = byId('points-test', HTMLInputElement);
  const newClass = byId('points-class', HTMLSelectElement);

  /**
   * Draws a set and makes it the data; `whole` also takes the preset's
   * network and settings (choosing a generator), else only the data changes.
   * @param {PointSet | null} wanted @param {HTMLElement} field @param {boolean} whole
   */
  async function load(wanted, field, whole) {
    if (!wanted) return false;
    let set;
    try {
      set = drawPoints(wanted.generator, wanted.points, wanted.noise, wanted.testShare, app.model.config.seed);
    } catch (e) {
      app.refuse(field, wordsOf(e));
      return false;
    }
    const test = set.test;
    return app.change(
      (c) => {
        // Input features of x1, x2 stay on from one point set to the next, as in TensorFlow Playground.
        const features = c.features;
        if (whole) replaceConfig(c, presetConfig(wanted.generator));
        if (features) c.features = features;
        c.data = set.train;
        c.layers[0] = features?.length ?? 2;
        c.layers[c.layers.length - 1] = 1;
      },
      field,
      undefined,
      { test: test.inputs.length > 0 ? test : null, points: { ...wanted, test } },
    );
  }

  function show() {
    settings.hidden = !app.points;
    if (!app.points) return;
    byId('dataset', HTMLSelectElement).value = app.points.generator;
    // Not the field being typed in: an answer to an earlier edit must not undo what is typed.
    const set = (/** @type {HTMLInputElement} */ field, /** @type {number} */ value) => {
      if (document.activeElement !== field) field.value = String(value);
    };
    set(count, app.points.points);
    set(noise, Math.round(100 * app.points.noise));
    set(testShare, Math.round(100 * app.points.testShare));
  }

  /** @param {HTMLInputElement} field @param {(p: PointSet, v: number) => PointSet} edit */
  const setting = (field, edit) =>
    field.addEventListener('change', async () => {
      if (app.lockedOut(['dataset'], field)) return;
      const text = field.value;
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value))
        return app.refuse(field, t('field.enter-number', { label: field.labels?.[0]?.textContent?.trim() ?? '' }));
      await app.idle(); // the point set as the edits before this one left it
      if (!app.points) return;
      if (await load(edit(app.points, value), field, false)) app.accept(field);
    });
  setting(count, (p, v) => ({ ...p, points: v }));
  setting(noise, (p, v) => ({ ...p, noise: v / 100 }));
  setting(testShare, (p, v) => ({ ...p, testShare: v / 100 }));

  /**
   * A click on the plane: add a training point there, or (shift) remove the
   * nearest. A point set keeps its test rows (the engine drops them with new data).
   * @param {number} x @param {number} y @param {boolean} remove
   */
  async function click(x, y, remove) {
    const config = app.model.config;
    if (!planar(config)) return;
    const canvas = byId('plane-canvas');
    if (app.lockedOut(['dataset'], canvas)) return;
    const { inputs } = config.data;
    const outputs = config.layers[config.layers.length - 1];
    const set = app.points;
    const also = set ? { test: set.test.inputs.length > 0 ? set.test : null, points: set } : {};
    if (remove) {
      if (inputs.length <= 1) return app.refuse(canvas, t('points.needs-a-row'));
      let nearest = 0;
      inputs.forEach((p, i) => {
        if (Math.hypot(p[0] - x, p[1] - y) < Math.hypot(inputs[nearest][0] - x, inputs[nearest][1] - y)) nearest = i;
      });
      await app.change(
        (c) => {
          c.data.inputs.splice(nearest, 1);
          c.data.targets.splice(nearest, 1);
        },
        canvas,
        undefined,
        also,
      );
    } else {
      const k = Number(newClass.value);
      const target = outputs === 1 ? [k] : Array.from({ length: outputs }, (_, j) => (j === k ? 1 : 0));
      await app.change(
        (c) => {
          c.data.inputs.push([Number(x.toFixed(3)), Number(y.toFixed(3))]);
          c.data.targets.push(target);
        },
        canvas,
        undefined,
        also,
      );
    }
  }

  return {
    /** Chooses a generator with the current settings (or the defaults). @param {string} generator @param {HTMLElement} field */
    choose(generator, field) {
      const p = app.points;
      return load(
        { generator, points: p?.points ?? 200, noise: p?.noise ?? 0, testShare: p?.testShare ?? 0.5, test: { inputs: [], targets: [] } },
        field,
        true,
      );
    },
    click,
    show,
  };
}
