"""The seed exercise's programs (a single sigmoid neuron, then a 3-5-4-1 network), run with NumPy, printing the figures
that crate/tests/seed_figures.rs checks. Run: python3 scripts/seed_reference.py
"""
import numpy as np

X = np.array([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]], dtype=float)
Y = np.array([[0, 1, 1, 0]]).T


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def single_neuron():
    np.random.seed(1)
    w = 2 * np.random.random((3, 1)) - 1
    for _ in range(10000):
        out = sigmoid(X @ w)
        w += X.T @ ((Y - out) * out * (1 - out))
    print("single neuron weights:", [repr(float(v)) for v in w.ravel()])
    print("single neuron [1, 0, 0] ->", repr(float(sigmoid(np.array([1, 0, 0]) @ w)[0])))


def three_layer():
    np.random.seed(1)
    w1 = 2 * np.random.random((3, 5)) - 1
    w2 = 2 * np.random.random((5, 4)) - 1
    w3 = 2 * np.random.random((4, 1)) - 1

    def think(x):
        return sigmoid(sigmoid(sigmoid(x @ w1) @ w2) @ w3)

    def loss():
        return 0.5 * ((think(X) - Y) ** 2).sum()

    for it in range(10000):
        a2 = sigmoid(X @ w1)
        a3 = sigmoid(a2 @ w2)
        out = sigmoid(a3 @ w3)
        d4 = (Y - out) * out * (1 - out)
        d3 = (w3 @ d4.T) * (a3 * (1 - a3)).T
        d2 = (w2 @ d3) * (a2 * (1 - a2)).T
        w3 += a3.T @ d4
        w2 += a2.T @ d3.T
        w1 += X.T @ d2.T
        if it + 1 in (1, 5):
            print(f"three-layer loss after {it + 1}:", repr(float(loss())))
    for name, w in (("w1", w1), ("w2", w2), ("w3", w3)):
        print(f"three-layer {name}:", [repr(float(v)) for v in w.ravel()])
    print("three-layer loss after 10000:", repr(float(loss())))
    print("three-layer [1, 0, 0] ->", repr(float(think(np.array([1, 0, 0]))[0])))


if __name__ == "__main__":
    single_neuron()
    three_layer()
