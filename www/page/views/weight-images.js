// The first layer's weights as pictures, when the inputs are an 8 × 8 image
// (Digits): one small image per first-layer neuron, pixel (r, c) its weight
// from input r·8 + c, in the diagram's colours (blue negative, orange
// positive, grey near zero) on one scale for the layer (its largest |w|).

import { divergingInto } from '../../common/colors.js';
import { el } from '../ui/dom.js';
import { isPicture, pictureSide } from '../picture.js';
import { t } from '../i18n.js';

/** @typedef {import('../../common/lab.js').Frame} Frame */

export class WeightImages {
  /** @param {HTMLElement} region @param {HTMLElement} strip */
  constructor(region, strip) {
    this.region = region;
    this.strip = strip;
    /** @type {{ canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, image: ImageData }[]} */
    this.cells = [];
  }

  /** Draws the frame's first-layer weights (hidden when the inputs are not a square image). @param {Frame} frame */
  draw(frame) {
    const first = frame.layout.layers[0];
    const shown = isPicture(first.inputs);
    if (this.region.hidden === shown) this.region.hidden = !shown;
    if (!shown) return;
    if (this.cells.length !== first.outputs) this.#make(first.outputs);
    let largest = 0;
    for (let k = 0; k < first.inputs * first.outputs; k++) largest = Math.max(largest, Math.abs(frame.params[first.weights_at + k]) || 0);
    largest ||= 1;
    this.cells.forEach(({ ctx, image }, j) => {
      for (let i = 0; i < first.inputs; i++) divergingInto(image.data, i, frame.params[first.weights_at + i * first.outputs + j] / largest);
      ctx.putImageData(image, 0, 0);
    });
  }

  /** One canvas per neuron. @param {number} neurons */
  #make(neurons) {
    this.cells = Array.from({ length: neurons }, (_, j) => {
      const canvas = /** @type {HTMLCanvasElement} */ (el('canvas'));
      const side = pictureSide();
      canvas.width = side;
      canvas.height = side;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', t('network.weights-into', { name: t('network.hidden-neuron', { c: 1, j: j + 1 }) }));
      const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
      return { canvas, ctx, image: ctx.createImageData(side, side) };
    });
    this.strip.replaceChildren(...this.cells.map((c) => c.canvas));
  }
}
