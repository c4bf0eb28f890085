// The built-in lessons: a path from the seed's single neuron to its bonus, a
// larger dataset, in the lab's own words. Each is a lesson as lesson.js
// reads them, so that they are checked like a teacher's. Their English is
// here; another language's title and text are its catalogue's
// lessons.N.title and lessons.N.text (N from 1).

import { translation } from './i18n.js';

/** @type {import('./lesson.js').Lesson[]} */
export const LESSONS = [
  {
    lesson: 1,
    title: 'One neuron',
    text: `This is the smallest network there is: three inputs, one sigmoid neuron, no bias. Its four rows say that the output is the first input, whatever the others are.

Train it with *Train to* (10,000 iterations) or *Play*, and watch the thickest line: the weight from x1 grows, the others shrink.

Then read "Ask the network": it asks about [1, 0, 0], a row the neuron never saw. A network that learned the rule answers close to 1.`,
    run: { preset: 'siraj-neuron' },
    question: [1, 0, 0],
    goal: { what: 'answer', output: 1, above: 0.99, within: 10_000 },
    lock: ['layers', 'dataset'],
    hide: [],
  },
  {
    lesson: 1,
    title: 'What one neuron cannot learn',
    text: `XOR is 1 when exactly one input is 1. This network has no hidden layer: one neuron draws one straight line through the plane, and no straight line puts (0, 1) and (1, 0) on one side and (0, 0) and (1, 1) on the other.

- Train it: the accuracy stays at 50 %.
- Then *Add hidden layer* and train again.

Hidden neurons each draw a line; the output neuron combines them.`,
    run: { preset: 'xor', layers: [2, 1], activations: 'sigmoid' },
    question: null,
    goal: { what: 'accuracy', above: 0.99, within: 5_000 },
    lock: ['dataset'],
    hide: [],
  },
  {
    lesson: 1,
    title: 'The 3-layer challenge',
    text: `The same data as the first lesson, and two hidden layers: 5 neurons, then 4. Training now needs backpropagation: each layer's error, δ, comes from the layer after it.

Train to 10,000 and ask the network about [1, 0, 0] again. Open the Step inspector's *Backward pass* to see each δ computed.`,
    run: { preset: 'three-layer-challenge' },
    question: [1, 0, 0],
    goal: { what: 'answer', output: 1, above: 0.99, within: 10_000 },
    lock: ['dataset'],
    hide: [],
  },
  {
    lesson: 1,
    title: 'Many layers, and a place to stop',
    text: `XOR again, learned one row at a time by 9 hidden neurons with biases and a cross-entropy loss, and a *stop loss*: training stops by itself once the loss falls below 10⁻⁵.

Choose a far iteration in *Train to* (1,000,000) and let it run: it stops on its own.`,
    run: { preset: 'ludo-xor' },
    question: null,
    goal: { what: 'loss', below: 0.00001, within: 1_000_000 },
    lock: ['dataset'],
    hide: [],
  },
  {
    lesson: 1,
    title: 'A larger dataset: the spiral',
    text: `Two classes of points wound around each other. Three hidden neurons cannot follow the spiral's arms: the decision boundary stays a blunt shape.

- Give the hidden layer 8 neurons.
- *Add hidden layer*, and give it 8 neurons too.

Then train (5,000 iterations) and watch the boundary curl around the arms.`,
    run: { preset: 'spiral', layers: [2, 3, 1], activations: ['tanh', 'sigmoid'] },
    question: null,
    goal: { what: 'accuracy', above: 0.95, within: 5_000 },
    lock: ['dataset'],
    hide: [],
  },
  {
    lesson: 1,
    title: 'The learning rate',
    text: `The network that learns XOR in a few hundred iterations, with a learning rate of 0.01: each step moves the weights a hundredth as far, and in 3,000 iterations the loss has hardly moved.

Try a larger *Learning rate* (1 is this network's usual one), or the *Adam* optimizer, and train again.`,
    run: { preset: 'xor', optimizer: { kind: 'sgd', learning_rate: 0.01 } },
    question: null,
    goal: { what: 'loss', below: 0.01, within: 3_000 },
    lock: ['dataset', 'layers'],
    hide: [],
  },
  {
    lesson: 1,
    title: 'One iteration by hand',
    text: `Every number of an iteration, in order. In the Step inspector choose *Forward pass* and walk the layers with *Next layer*; then *Loss*, *Backward pass* and *Gradients*; then *Apply update*.

Each number on the way is the engine's: the same ones the command line's \`trace\` prints.`,
    run: { preset: 'xor' },
    question: null,
    goal: { what: 'iteration', above: 0 },
    lock: ['dataset'],
    hide: [],
  },
  {
    lesson: 1,
    title: 'Write it yourself',
    text: `The seed ends with a challenge: write this 3-layer network with backpropagation yourself, in NumPy. The lab checks your program number by number.

- Open *Check my code* (below the Step inspector) and download *starter.py* and *record.py* into one folder.
- Fill in the blanks of starter.py: the forward pass, the two hidden deltas, the two updates. Run \`python3 starter.py\`: it trains for 60,000 iterations and writes record.json.
- Drop record.json on the page. The lab replays your run from the same weights and compares every number you recorded.

If your numbers differ, the verdict names the first one and, when it can, the mistake (a derivative taken on z, a missing update, the gradient averaged…). *Open in the inspector* puts your run at that iteration beside the lab's numbers; *Back to my run* returns here.

Meanwhile the lab trains the same network: Train to 10,000 and ask it about [1, 0, 0]. Your program's answer should be the same, every digit.`,
    run: { preset: 'three-layer-challenge' },
    question: [1, 0, 0],
    goal: { what: 'answer', output: 1, above: 0.99, within: 60_000 },
    lock: ['dataset', 'layers'],
    hide: [],
  },
];

/**
 * A built-in lesson in the page's language: its title and text from the catalogue, when the
 * language has them. @param {import('./lesson.js').Lesson} lesson @param {number} at its place, from 0
 */
export function worded(lesson, at) {
  const title = translation(`lessons.${at + 1}.title`);
  const text = translation(`lessons.${at + 1}.text`);
  return { ...lesson, title: title ?? lesson.title, text: text ?? lesson.text };
}
