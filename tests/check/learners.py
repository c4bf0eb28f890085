"""Learners' programs for the checker's tests: the seed's 3-layer network
(3-5-4-1, sigmoid, ½·Σ(ŷ−y)², plain gradient descent, the seed's sign
convention error = y − ŷ and weights += …), written as the seed writes it,
once right and once with each mistake that "Check my code" names. Each
mistake is a subclass that changes the lines a learner would get wrong.

    python learners.py OUTDIR    writes OUTDIR/<name>.json, one record each
"""

import os
import sys

from numpy import exp, array, random, dot, zeros, zeros_like, seterr
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "check"))
from record import Recorder, config  # noqa: E402

# Some mistakes make the numbers overflow: the record keeps that, the warnings would only be noise.
seterr(all="ignore")

INPUTS = array([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]])
OUTPUTS = array([[0, 1, 1, 0]]).T
ITERATIONS = 300


def sigmoid(x):
    return 1 / (1 + exp(-x))


def sigmoid_derivative(a):
    return a * (1 - a)


class NeuralNetwork:
    """The finished starter: right, with biases when `bias`."""

    bias = True
    update = "batch"

    def __init__(self):
        random.seed(1)
        self.weights = []
        self.biases = []
        for n_in, n_out in [(3, 5), (5, 4), (4, 1)]:
            self.weights.append(2 * random.random((n_in, n_out)) - 1)
            self.biases.append(2 * random.random((1, n_out)) - 1 if self.bias else zeros((1, n_out)))

    def forward(self, x):
        self.z, self.a = [], []
        for w, b in zip(self.weights, self.biases):
            z = dot(x, w) + b
            x = sigmoid(z)
            self.z.append(z)
            self.a.append(x)
        return x

    def loss(self, error):
        return 0.5 * (error ** 2).sum()

    def output_delta(self, error):
        return error * sigmoid_derivative(self.a[2])

    def hidden_delta(self, layer, delta_above):
        return dot(delta_above, self.weights[layer + 1].T) * sigmoid_derivative(self.a[layer])

    def adjust(self, layer, x, delta):
        """What layer `layer` moves by: the seed's adjustment, A_{l−1}ᵀ·δ."""
        return dot(x.T, delta), delta.sum(axis=0, keepdims=True)

    def apply(self, layer, adjustment, bias_adjustment):
        self.weights[layer] += adjustment
        if self.bias:
            self.biases[layer] += bias_adjustment

    def step(self, x, y):
        output = self.forward(x)
        error = y - output
        loss = self.loss(error)
        deltas = [None, None, self.output_delta(error)]
        for layer in (1, 0):
            deltas[layer] = self.hidden_delta(layer, deltas[layer + 1])
        inputs = [x, self.a[0], self.a[1]]
        for layer in (2, 1, 0):
            self.apply(layer, *self.adjust(layer, inputs[layer], deltas[layer]))
        return loss, deltas

    def train(self, recorder):
        for iteration in range(ITERATIONS):
            loss, deltas = self.step(INPUTS, OUTPUTS)
            self.record(recorder, iteration, loss, deltas)

    def record(self, recorder, iteration, loss, deltas):
        recorder.iteration(iteration, loss=loss, layers=[
            dict(z=self.z[k], a=self.a[k], delta=deltas[k], weights_after=self.weights[k],
                 biases_after=self.biases[k] if self.bias else None)
            for k in range(3)
        ])

    def recorder(self):
        return Recorder(config([3, 5, 4, 1], INPUTS, OUTPUTS, learning_rate=1, bias=self.bias, update=self.update),
                        weights=self.weights, biases=self.biases if self.bias else None)


class DerivativeOfZ(NeuralNetwork):
    """The output's derivative taken on z: sigmoid_derivative(z4)."""

    def output_delta(self, error):
        return error * sigmoid_derivative(self.z[2])


class DerivativeTwice(NeuralNetwork):
    """The second layer's derivative of the sigmoid applied again: σ(a)(1 − σ(a))."""

    def hidden_delta(self, layer, delta_above):
        if layer == 1:
            return dot(delta_above, self.weights[2].T) * sigmoid_derivative(sigmoid(self.a[1]))
        return super().hidden_delta(layer, delta_above)


class NoDerivative(NeuralNetwork):
    """The second layer's delta without the derivative."""

    def hidden_delta(self, layer, delta_above):
        if layer == 1:
            return dot(delta_above, self.weights[2].T)
        return super().hidden_delta(layer, delta_above)


class Ascent(NeuralNetwork):
    """weights -= adjustment with error = y − ŷ: up the gradient."""

    def apply(self, layer, adjustment, bias_adjustment):
        self.weights[layer] -= adjustment
        self.biases[layer] -= bias_adjustment


class BiasNotUpdated(NeuralNetwork):
    def apply(self, layer, adjustment, bias_adjustment):
        self.weights[layer] += adjustment


class UpdatedWeightsInBackprop(NeuralNetwork):
    """Each layer updated as soon as its delta is known, before the deltas below it."""

    def step(self, x, y):
        output = self.forward(x)
        error = y - output
        loss = self.loss(error)
        inputs = [x, self.a[0], self.a[1]]
        deltas = [None, None, self.output_delta(error)]
        self.apply(2, *self.adjust(2, inputs[2], deltas[2]))
        for layer in (1, 0):
            deltas[layer] = self.hidden_delta(layer, deltas[layer + 1])
            self.apply(layer, *self.adjust(layer, inputs[layer], deltas[layer]))
        return loss, deltas


class AccumulatedGradient(NeuralNetwork):
    """Adjustments summed into buffers made once and never reset."""

    def __init__(self):
        super().__init__()
        self.sums = [(zeros_like(w), zeros_like(b)) for w, b in zip(self.weights, self.biases)]

    def adjust(self, layer, x, delta):
        w, b = super().adjust(layer, x, delta)
        self.sums[layer][0][...] += w
        self.sums[layer][1][...] += b
        return self.sums[layer]


class GradientScaled(NeuralNetwork):
    """The adjustment averaged over the four rows."""

    def adjust(self, layer, x, delta):
        w, b = super().adjust(layer, x, delta)
        return w / len(x), b / len(x)


class LayerNotLearning(NeuralNetwork):
    """The first layer's update forgotten."""

    def apply(self, layer, adjustment, bias_adjustment):
        if layer > 0:
            super().apply(layer, adjustment, bias_adjustment)


class WrongUpdateMode(NeuralNetwork):
    """A row at a time, where the config says all rows at once."""

    def train(self, recorder):
        for iteration in range(ITERATIONS):
            row = iteration % len(INPUTS)
            loss, deltas = self.step(INPUTS[row:row + 1], OUTPUTS[row:row + 1])
            self.record(recorder, iteration, loss, deltas)


class LossFormula(NeuralNetwork):
    """The mean of the squared errors recorded as the loss."""

    def loss(self, error):
        return (error ** 2).mean()


class DerivativeOfZAndBiasNotUpdated(DerivativeOfZ, BiasNotUpdated):
    pass


class SeedsNeuron(NeuralNetwork):
    """The seed's single neuron, instrumented: 3 inputs, one sigmoid output, no biases."""

    bias = False

    def __init__(self):
        random.seed(1)
        self.synaptic_weights = 2 * random.random((3, 1)) - 1
        self.weights = [self.synaptic_weights]

    def train(self, recorder):
        for iteration in range(ITERATIONS):
            output = sigmoid(dot(INPUTS, self.synaptic_weights))
            error = OUTPUTS - output
            adjustment = dot(INPUTS.T, error * sigmoid_derivative(output))
            self.synaptic_weights += adjustment
            recorder.iteration(iteration, loss=0.5 * (error ** 2).sum(),
                               layers=[dict(a=output, delta=error * sigmoid_derivative(output),
                                            weights_after=self.synaptic_weights)])

    def recorder(self):
        return Recorder(config([3, 1], INPUTS, OUTPUTS, learning_rate=1, bias=False), weights=self.weights)


class Ludo:
    """Ludo's winning n-layer program from the seed, instrumented: its code as the original
    (github.com/ludobouan/pure-numpy-feedfowardNN, FeedforwardNN.py; the seed's copy lost the
    indentation that puts the gradient step after the loop over the rows, once per epoch), with
    the record's lines added. It departs from textbook backpropagation four times at once: the
    output delta ŷ − y takes no σ' though the loss is ½·Σ(ŷ−y)², the adjustments are never reset,
    the step divides by the last row's index (3) rather than the number of rows, and each bias
    moves by 0.001 times the last weight row's step instead of by its own gradient."""

    def __init__(self):
        np.random.seed(1)  # Seed the random number generator
        self.weights = {}  # Create dict to hold weights
        self.num_layers = 1  # Set initial number of layer to one (input layer)
        self.adjustments = {}  # Create dict to hold adjustements
        self.add_layer((2, 9))
        self.add_layer((9, 1))
        self.inputs = np.asarray([[0, 0], [0, 1], [1, 0], [1, 1]]).reshape(4, 2, 1)
        self.targets = np.asarray([[0], [1], [1], [0]])

    def add_layer(self, shape):
        # Create weights with shape specified + biases
        self.weights[self.num_layers] = np.vstack((2 * np.random.random(shape) - 1, 2 * np.random.random((1, shape[1])) - 1))
        # Initialize the adjustements for these weights to zero
        self.adjustments[self.num_layers] = np.zeros(shape)
        self.num_layers += 1

    def __sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def __sigmoid_derivative(self, x):
        return x * (1 - x)

    def __forward_propagate(self, data):
        activation_values = {}
        activation_values[1] = data
        for layer in range(2, self.num_layers + 1):
            data = np.dot(data.T, self.weights[layer - 1][:-1, :]) + self.weights[layer - 1][-1, :].T
            data = self.__sigmoid(data).T
            activation_values[layer] = data
        return activation_values

    def sum_squared_error(self, outputs, targets):
        return 0.5 * np.mean(np.sum(np.power(outputs - targets, 2), axis=1))

    def __back_propagate(self, output, target):
        deltas = {}
        deltas[self.num_layers] = output[self.num_layers] - target
        for layer in reversed(range(2, self.num_layers)):
            a_val = output[layer]
            weights = self.weights[layer][:-1, :]
            prev_deltas = deltas[layer + 1]
            deltas[layer] = np.multiply(np.dot(weights, prev_deltas), self.__sigmoid_derivative(a_val))
        for layer in range(1, self.num_layers):
            self.adjustments[layer] += np.dot(deltas[layer + 1], output[layer].T).T
        return deltas  # recorded

    def __gradient_descente(self, batch_size, learning_rate):
        for layer in range(1, self.num_layers):
            partial_d = (1 / batch_size) * self.adjustments[layer]
            self.weights[layer][:-1, :] += learning_rate * -partial_d
            self.weights[layer][-1, :] += learning_rate * 1e-3 * -partial_d[-1, :]

    def train(self, recorder, learning_rate=1):
        for iteration in range(ITERATIONS):
            loss, a, delta = 0.0, {}, {}  # recorded: the epoch's rows, as one update uses them
            for i in range(len(self.inputs)):
                x = self.inputs[i]
                y = self.targets[i]
                output = self.__forward_propagate(x)
                loss += self.sum_squared_error(output[self.num_layers], y)
                deltas = self.__back_propagate(output, y)
                for layer in range(2, self.num_layers + 1):
                    a.setdefault(layer, []).append(output[layer].T)
                    delta.setdefault(layer, []).append(deltas[layer].T)
            self.__gradient_descente(i, learning_rate)
            recorder.iteration(iteration, loss=loss, layers=[
                dict(a=np.vstack(a[layer + 1]), delta=np.vstack(delta[layer + 1]),
                     weights_after=self.weights[layer][:-1, :], biases_after=self.weights[layer][-1, :])
                for layer in range(1, self.num_layers)
            ])

    def recorder(self):
        inputs = self.inputs.reshape(4, 2)
        return Recorder(config([2, 9, 1], inputs, self.targets, learning_rate=1),
                        weights=[self.weights[k][:-1, :] for k in (1, 2)],
                        biases=[self.weights[k][-1, :] for k in (1, 2)])


PROGRAMS = {
    "finished-starter": NeuralNetwork,
    "seeds-neuron": SeedsNeuron,
    "derivative-of-z": DerivativeOfZ,
    "derivative-twice": DerivativeTwice,
    "no-derivative": NoDerivative,
    "ascent": Ascent,
    "bias-not-updated": BiasNotUpdated,
    "updated-weights-in-backprop": UpdatedWeightsInBackprop,
    "accumulated-gradient": AccumulatedGradient,
    "gradient-scaled": GradientScaled,
    "layer-not-learning": LayerNotLearning,
    "wrong-update-mode": WrongUpdateMode,
    "loss-formula": LossFormula,
    "derivative-of-z+bias-not-updated": DerivativeOfZAndBiasNotUpdated,
    "ludo": Ludo,
}

if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, program in PROGRAMS.items():
        network = program()
        recorder = network.recorder()
        network.train(recorder)
        recorder.save(os.path.join(out, name + ".json"))
