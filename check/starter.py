# The seed's challenge: a 3-layer feedforward network with backpropagation,
# using only NumPy. Fill in the blanks (each `...`), run `python3 starter.py`,
# then check the record it writes: drop record.json on Backprop Lab's
# "Check my code" panel, or run `backprop-lab check record.json`.
#
# 种子课程的挑战:只用 NumPy 写一个带反向传播的三层前馈神经网络。
# 把每个 `...` 填好,运行 `python3 starter.py`,再把生成的 record.json
# 拖到 Backprop Lab 的 "Check my code" 面板,或运行 `backprop-lab check record.json`。

from numpy import exp, array, random, dot

from record import Recorder, config


class NeuralNetwork():
    def __init__(self):
        random.seed(1)
        # 3 inputs, a layer of 5 neurons, a layer of 4, one output; no biases, as in the seed.
        layer2 = 5
        layer3 = 4
        self.synaptic_weights1 = 2 * random.random((3, layer2)) - 1
        self.synaptic_weights2 = 2 * random.random((layer2, layer3)) - 1
        self.synaptic_weights3 = 2 * random.random((layer3, 1)) - 1

    def __sigmoid(self, x):
        return 1 / (1 + exp(-x))

    # The derivative of the sigmoid, from its output: σ'(z) = a(1 − a) where a = σ(z).
    def __sigmoid_derivative(self, a):
        return a * (1 - a)

    def train(self, training_set_inputs, training_set_outputs, number_of_training_iterations, recorder):
        for iteration in range(number_of_training_iterations):
            # The forward pass: each layer's weighted sums z and activations a.
            z2 = dot(training_set_inputs, self.synaptic_weights1)
            activation_values2 = self.__sigmoid(z2)
            z3 = ...  # blank: the second layer's weighted sums
            activation_values3 = ...  # blank: its activations
            z4 = ...  # blank: the output's weighted sum
            output = self.__sigmoid(z4)

            # The loss: ½·Σ(ŷ − y)², as the seed measures it.
            error = training_set_outputs - output
            loss = 0.5 * (error ** 2).sum()

            # Backpropagation: each layer's delta, from the output down
            # (error = y − ŷ, as in the seed: the deltas are −∂loss/∂z).
            delta4 = error * self.__sigmoid_derivative(output)
            delta3 = ...  # blank: delta4 sent back through synaptic_weights3, times the derivative
            delta2 = ...  # blank: the same one layer further down

            # The updates (every delta above used the weights from before them).
            self.synaptic_weights3 += dot(activation_values3.T, delta4)
            self.synaptic_weights2 += ...  # blank
            self.synaptic_weights1 += ...  # blank

            recorder.iteration(iteration, loss=loss, layers=[
                dict(z=z2, a=activation_values2, delta=delta2, weights_after=self.synaptic_weights1),
                dict(z=z3, a=activation_values3, delta=delta3, weights_after=self.synaptic_weights2),
                dict(z=z4, a=output, delta=delta4, weights_after=self.synaptic_weights3),
            ])

    def think(self, inputs):
        activation_values2 = self.__sigmoid(dot(inputs, self.synaptic_weights1))
        activation_values3 = self.__sigmoid(dot(activation_values2, self.synaptic_weights2))
        return self.__sigmoid(dot(activation_values3, self.synaptic_weights3))


if __name__ == "__main__":
    neural_network = NeuralNetwork()
    training_set_inputs = array([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]])
    training_set_outputs = array([[0, 1, 1, 0]]).T

    recorder = Recorder(
        config([3, 5, 4, 1], training_set_inputs, training_set_outputs, learning_rate=1, bias=False),
        weights=[neural_network.synaptic_weights1, neural_network.synaptic_weights2, neural_network.synaptic_weights3],
    )
    neural_network.train(training_set_inputs, training_set_outputs, 60000, recorder)
    recorder.save("record.json")

    print("Considering new situation [1, 0, 0] -> ?: ")
    print(neural_network.think(array([1, 0, 0])))
    print("Wrote record.json: check it on the page (Check my code) or with `backprop-lab check record.json`.")
