// Inputs that form a square picture (the digits' 8 × 8): the side is the
// engine's fact (Model.defaults.picture_side), read once the engine is loaded.

import { Model } from '../common/lab.js';

/** Pixels per side of a picture's square of inputs. */
export const pictureSide = () => Model.defaults.picture_side;

/** Whether `inputs` columns form a picture. @param {number} inputs */
export const isPicture = (inputs) => inputs === pictureSide() ** 2;
