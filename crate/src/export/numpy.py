#!/usr/bin/env python3
"""A Backprop Lab run, exported to train on in NumPy, by the rules of Backprop Lab's
docs/numerics.md.

Usage: python3 backprop_lab_run.py [ITERATIONS]   (default 1000)
Prints the loss over all training rows after that many more iterations.
Needs only NumPy.
"""
import json
import sys

import numpy as np

# The run: the config (layers, activations, loss, update mode, optimizer,
# data) and where training stands (iteration, weights, optimizer state).
RUN = json.loads(r'''@RUN@''')


def activations_of(config):
    """One activation name per weight layer."""
    a = config["activations"]
    return [a] * (len(config["layers"]) - 1) if isinstance(a, str) else a


def features_of(config, x):
    """The network's inputs from the raw columns: the config's features of each row's
    x1, x2 in the order listed, or the columns themselves when it lists none."""
    names = config.get("features")
    if names is None:
        return x
    x1, x2 = x[:, 0], x[:, 1]
    table = {"x1": x1, "x2": x2, "x1^2": x1 * x1, "x2^2": x2 * x2, "x1*x2": x1 * x2,
             "sin(x1)": np.sin(x1), "sin(x2)": np.sin(x2)}
    return np.stack([table[name] for name in names], axis=1)


def f(name, z):
    """The activation a = f(z) of a layer, row by row."""
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0.0, z, 0.0)
    if name == "linear":
        return z.copy()
    if name == "softmax":  # with the row maximum subtracted, so no exp overflows
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    raise ValueError(name)


def f_prime(name, z, a):
    """f'(z) from what the forward pass kept: sigmoid a(1-a), tanh 1-a², relu 1 where z > 0, linear 1."""
    if name in ("sigmoid", "softmax"):
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return np.where(z > 0.0, 1.0, 0.0)
    return np.ones_like(z)


def forward(weights, biases, kinds, x):
    """Z_l = A_(l-1)·W_l + b_l and A_l = f_l(Z_l), for every layer."""
    zs, activations = [], [x]
    for w, b, kind in zip(weights, biases, kinds):
        z = activations[-1] @ w + b
        zs.append(z)
        activations.append(f(kind, z))
    return zs, activations


def loss(config, z, y_hat, y):
    """The loss over these rows (docs/numerics.md): sse ½Σ(ŷ−y)², mse Σ(ŷ−y)²/(n·K),
    cross-entropy from z so that it stays finite."""
    n, k = y.shape
    kind = config["loss"]
    if kind == "sse":
        return 0.5 * np.sum((y_hat - y) ** 2)
    if kind == "mse":
        return np.sum((y_hat - y) ** 2) / (n * k)
    if activations_of(config)[-1] == "softmax":
        m = z.max(axis=1, keepdims=True)
        log_sum_exp = m + np.log(np.exp(z - m).sum(axis=1, keepdims=True))
        return np.sum(y * (log_sum_exp - z)) / n
    return np.sum(np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))) / n


def output_delta(config, z, y_hat, y):
    """Δ_L = ∂loss/∂Z_L: sse (ŷ−y)·f'(z); mse 2(ŷ−y)·f'(z)/(n·K); cross-entropy (ŷ−y)/n."""
    n, k = y.shape
    kind = config["loss"]
    if kind == "cross_entropy":
        return (y_hat - y) / n
    d = (y_hat - y) * f_prime(activations_of(config)[-1], z, y_hat)
    return d if kind == "sse" else 2.0 * d / (n * k)


def backward(config, weights, zs, activations, y):
    """The deltas from the output back, then G_l = A_(l-1)ᵀ·Δ_l + λ·W_l + λ₁·sign(W_l) and g_l = column sums of Δ_l."""
    kinds = activations_of(config)
    delta = output_delta(config, zs[-1], activations[-1], y)
    grads_w, grads_b = [None] * len(weights), [None] * len(weights)
    for l in reversed(range(len(weights))):
        grads_w[l] = activations[l].T @ delta + config["l2"] * weights[l]
        if config.get("l1", 0.0):
            grads_w[l] = grads_w[l] + config["l1"] * np.sign(weights[l])
        grads_b[l] = delta.sum(axis=0) if config["bias"] else np.zeros_like(delta[0])
        if l > 0:
            delta = (delta @ weights[l].T) * f_prime(kinds[l - 1], zs[l - 1], activations[l])
    return grads_w, grads_b


def rows_of(t):
    """The rows iteration t uses: the engine's batches, one per iteration of an epoch, cycling."""
    start, end = RUN["batches"][t % len(RUN["batches"])]
    return slice(start, end)


class Optimizer:
    """sgd p ← p − η·g; momentum v ← μ·v − η·g, p ← p + v; Adam with bias correction."""

    def __init__(self, config, params, state):
        self.o = config["optimizer"]
        self.steps = state["steps"]
        self.first = unflatten(state["first"], params) if state["first"] else [np.zeros_like(p) for p in params]
        self.second = unflatten(state["second"], params) if state["second"] else [np.zeros_like(p) for p in params]

    def update(self, params, grads):
        o, kind = self.o, self.o["kind"]
        if kind == "adam":
            self.steps += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            if kind == "sgd":
                p -= o["learning_rate"] * g
            elif kind == "momentum":
                self.first[i] = o["momentum"] * self.first[i] - o["learning_rate"] * g
                p += self.first[i]
            else:
                b1, b2, t = o["beta1"], o["beta2"], self.steps
                self.first[i] = b1 * self.first[i] + (1.0 - b1) * g
                self.second[i] = b2 * self.second[i] + (1.0 - b2) * g * g
                m_hat = self.first[i] / (1.0 - b1 ** t)
                s_hat = self.second[i] / (1.0 - b2 ** t)
                p -= o["learning_rate"] * m_hat / (np.sqrt(s_hat) + o["epsilon"])


def unflatten(flat, like):
    """The engine's flat layout (each layer's weights row by row, then its biases) as arrays shaped like `like`."""
    out, at = [], 0
    for p in like:
        out.append(np.array(flat[at:at + p.size], dtype=float).reshape(p.shape))
        at += p.size
    return out


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    config = RUN
    kinds = activations_of(config)
    x = features_of(config, np.array(config["data"]["inputs"], dtype=float))
    y = np.array(config["data"]["targets"], dtype=float)
    weights = [np.array(layer["weights"], dtype=float) for layer in RUN["weights"]]
    biases = [np.array(layer["biases"], dtype=float) for layer in RUN["weights"]]
    # One list in the engine's order (W_1, b_1, W_2, b_2, …), for the optimizer's state.
    params = [p for pair in zip(weights, biases) for p in pair]
    optimizer = Optimizer(config, params, RUN["optimizer_state"])
    t = RUN["iteration"]
    for _ in range(iterations):
        rows = rows_of(t)
        zs, activations = forward(weights, biases, kinds, x[rows])
        grads_w, grads_b = backward(config, weights, zs, activations, y[rows])
        optimizer.update(params, [g for pair in zip(grads_w, grads_b) for g in pair])
        t += 1
    zs, activations = forward(weights, biases, kinds, x)
    print(repr(float(loss(config, zs[-1], activations[-1], y))))


if __name__ == "__main__":
    main()
