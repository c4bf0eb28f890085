#!/usr/bin/env python3
"""A Backprop Lab run, exported to train on in PyTorch: the same network, weights,
optimizer state and data, and the same rules (Backprop Lab's docs/numerics.md), so
that it goes on exactly where the page stood. Autograd computes the gradients.

Usage: python3 backprop_lab_run_torch.py [ITERATIONS] [--device cpu|cuda]
Prints the loss over all training rows after that many more iterations (default
1000). Needs PyTorch.

To take it further:
- bigger layers: change SIZES below (the weights then start from PyTorch's own
  initialisation: build the model without load_run's weights);
- more data: put it in a torch.utils.data.TensorDataset and iterate a
  DataLoader(dataset, batch_size=..., shuffle=True) instead of rows_of;
- several GPUs or machines: start it with torchrun, call
  torch.distributed.init_process_group("nccl"), wrap the model in
  torch.nn.parallel.DistributedDataParallel and give the DataLoader a
  DistributedSampler.
"""
import argparse
import json

import torch
from torch import nn

# The run: the config (layers, activations, loss, update mode, optimizer,
# data) and where training stands (iteration, weights, optimizer state).
RUN = json.loads(r'''@RUN@''')
SIZES = RUN["layers"]


def activations_of(config):
    """One activation name per weight layer."""
    a = config["activations"]
    return [a] * (len(config["layers"]) - 1) if isinstance(a, str) else a


def activation(name):
    return {
        "sigmoid": nn.Sigmoid,
        "tanh": nn.Tanh,
        "relu": nn.ReLU,
        "linear": nn.Identity,
        "softmax": lambda: nn.Softmax(dim=1),
    }[name]()


class Features(nn.Module):
    """The network's inputs from the raw columns x1, x2: the config's features, in the
    order listed (docs/numerics.md, features), so that the model takes raw rows."""

    def __init__(self, names):
        super().__init__()
        self.names = names

    def forward(self, x):
        x1, x2 = x[:, 0], x[:, 1]
        table = {"x1": x1, "x2": x2, "x1^2": x1 * x1, "x2^2": x2 * x2, "x1*x2": x1 * x2,
                 "sin(x1)": torch.sin(x1), "sin(x2)": torch.sin(x2)}
        return torch.stack([table[name] for name in self.names], dim=1)


def build_model(config):
    """nn.Linear and its activation, layer by layer, in float64 (after the features, if any)."""
    layers = [Features(config["features"])] if "features" in config else []
    for n_in, n_out, kind in zip(SIZES, SIZES[1:], activations_of(config)):
        layers += [nn.Linear(n_in, n_out, bias=config["bias"], dtype=torch.float64), activation(kind)]
    return nn.Sequential(*layers)


def linears(model):
    return [m for m in model if isinstance(m, nn.Linear)]


def load_run(model, device):
    """The run's weights. The engine keeps W as inputs × outputs; nn.Linear as outputs × inputs."""
    with torch.no_grad():
        for linear, saved in zip(linears(model), RUN["weights"]):
            linear.weight.copy_(torch.tensor(saved["weights"], dtype=torch.float64, device=device).T)
            if linear.bias is not None:
                linear.bias.copy_(torch.tensor(saved["biases"], dtype=torch.float64, device=device))


def loss_of(config, z, y_hat, y):
    """The loss over these rows (docs/numerics.md): sse ½Σ(ŷ−y)², mse Σ(ŷ−y)²/(n·K), cross-entropy
    from the output layer's z (softmax: Σ y·(log Σ e^z − z)/n; sigmoid: the logistic loss summed over
    outputs, /n)."""
    n, k = y.shape
    kind = config["loss"]
    if kind == "sse":
        return 0.5 * ((y_hat - y) ** 2).sum()
    if kind == "mse":
        return ((y_hat - y) ** 2).sum() / (n * k)
    if activations_of(config)[-1] == "softmax":
        return nn.functional.cross_entropy(z, y, reduction="sum") / n
    return nn.functional.binary_cross_entropy_with_logits(z, y, reduction="sum") / n


def rows_of(t):
    """The rows iteration t uses: the engine's batches, one per iteration of an epoch, cycling."""
    start, end = RUN["batches"][t % len(RUN["batches"])]
    return slice(start, end)


def engine_order(model):
    """The parameters in the engine's flat order (W_1, b_1, W_2, b_2, …), with the shape the engine
    gives each (W as inputs × outputs); a net without biases still has their places."""
    out = []
    for linear in linears(model):
        out.append((linear.weight, (linear.in_features, linear.out_features), True))
        out.append((linear.bias, (linear.out_features,), False))
    return out


def state_tensors(flat, model, device):
    """The engine's flat optimizer state as one tensor per parameter (None for an absent bias)."""
    tensors, at = {}, 0
    for p, shape, is_weight in engine_order(model):
        size = shape[0] * (shape[1] if len(shape) > 1 else 1)
        if p is not None:
            t = torch.tensor(flat[at:at + size], dtype=torch.float64, device=device).reshape(shape)
            tensors[p] = t.T.contiguous() if is_weight else t
        at += size
    return tensors


def make_optimizer(config, model, device):
    """torch.optim for the run's optimizer, with L2 (λ·W on the weights' gradients, not the biases')
    as weight_decay, and the run's optimizer state carried over."""
    o, state = config["optimizer"], RUN["optimizer_state"]
    weights = [m.weight for m in linears(model)]
    biases = [m.bias for m in linears(model) if m.bias is not None]
    groups = [{"params": weights, "weight_decay": config["l2"]}, {"params": biases, "weight_decay": 0.0}]
    lr = o["learning_rate"]
    if o["kind"] == "sgd":
        return torch.optim.SGD(groups, lr=lr)
    if o["kind"] == "momentum":
        # The engine: v ← μ·v − η·g, p ← p + v. PyTorch: b ← μ·b + g, p ← p − η·b. So b = −v/η.
        optimizer = torch.optim.SGD(groups, lr=lr, momentum=o["momentum"], dampening=0.0)
        if state["first"]:
            for p, v in state_tensors(state["first"], model, device).items():
                optimizer.state[p]["momentum_buffer"] = -v / lr
        return optimizer
    optimizer = torch.optim.Adam(groups, lr=lr, betas=(o["beta1"], o["beta2"]), eps=o["epsilon"])
    if state["steps"] > 0:
        first = state_tensors(state["first"], model, device)
        second = state_tensors(state["second"], model, device)
        for p in first:
            optimizer.state[p] = {
                "step": torch.tensor(float(state["steps"])),
                "exp_avg": first[p],
                "exp_avg_sq": second[p],
            }
    return optimizer


def main():
    parser = argparse.ArgumentParser(description="Train a Backprop Lab run on in PyTorch.")
    parser.add_argument("iterations", nargs="?", type=int, default=1000)
    parser.add_argument("--device", default="cpu", help="cpu, or cuda where PyTorch has a GPU")
    args = parser.parse_args()
    device = torch.device(args.device)
    config = RUN
    x = torch.tensor(config["data"]["inputs"], dtype=torch.float64, device=device)
    y = torch.tensor(config["data"]["targets"], dtype=torch.float64, device=device)
    model = build_model(config).to(device)
    load_run(model, device)
    optimizer = make_optimizer(config, model, device)
    hidden, output = model[:-1], model[-1]
    t = RUN["iteration"]
    for _ in range(args.iterations):
        rows = rows_of(t)
        optimizer.zero_grad()
        z = hidden(x[rows])
        loss = loss_of(config, z, output(z), y[rows])
        if config.get("l1", 0.0):
            # λ₁·Σ|w| over the weights: its gradient is λ₁·sign(w), 0 at 0.
            loss = loss + config["l1"] * sum(m.weight.abs().sum() for m in linears(model))
        loss.backward()
        optimizer.step()
        t += 1
    with torch.no_grad():
        z = hidden(x)
        print(repr(float(loss_of(config, z, output(z), y))))


if __name__ == "__main__":
    main()
