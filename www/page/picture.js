// Inputs that form a square picture (the digits' 8 × 8): the side is the
// engine's fact (defaults.picture_side), read once the engine is loaded.

import { defaults } from '../common/lab.js';

/** Pixels per side of a picture's square of inputs. */
export const pictureSide = () => defaults.picture_side;

/** Whether `inputs` columns form a picture. @param {number} inputs */
export const isPicture = (inputs) => inputs === pictureSide() ** 2;
