"""record.py: writes what your program did, for Backprop Lab's "Check my code".

Call it from your training loop; it needs NumPy and the standard library only.

    from record import Recorder, config

    recorder = Recorder(config(layers=[3, 5, 4, 1], inputs=training_set_inputs,
                               targets=training_set_outputs, learning_rate=1, bias=False),
                        weights=[synaptic_weights1, synaptic_weights2, synaptic_weights3])
    for iteration in range(60000):
        ...  # your forward pass, deltas and updates
        recorder.iteration(iteration, loss=loss,
                           layers=[dict(z=z1, a=a1, delta=delta1, weights_after=synaptic_weights1), ...])
    recorder.save("record.json")

Then drop record.json on the page's "Check my code" panel, or run
`backprop-lab check record.json`. The lab replays your run from the same
weights and says where your numbers first differ from backpropagation's,
and which mistake gives your numbers.

Every field is optional: record what you have. Deltas and gradients may be
∂loss/∂z (ŷ − y) or its negative (y − ŷ, as the seed's programs keep them).
Full detail costs space: by default every field of the first `detail`
iterations is kept, and only the loss after that.
"""

import json
import math

import numpy as np

QUANTITIES = ("z", "a", "delta", "grad_weights", "grad_biases", "weights_after", "biases_after")


def config(layers, inputs, targets, learning_rate=1.0, bias=True, activation="sigmoid", loss="sse", update="batch"):
    """The run's settings in Backprop Lab's config format (version 1)."""
    return {
        "version": 1,
        "layers": list(layers),
        "activations": activation,
        "bias": bias,
        "loss": loss,
        "update": {"mode": update},
        "optimizer": {"kind": "sgd", "learning_rate": learning_rate},
        "data": {"inputs": _numbers(inputs), "targets": _numbers(targets)},
    }


class Recorder:
    def __init__(self, config, weights, biases=None, detail=100):
        """`weights`: each layer's starting n_in × n_out matrix (as dot(inputs, weights) uses it);
        `biases`: each layer's starting biases, if the network has them."""
        self.record = {
            "format": "backprop-lab-record",
            "version": 1,
            "config": config,
            "initial": [
                {"weights": _numbers(w), **({"biases": _numbers(np.ravel(biases[k]))} if biases is not None else {})}
                for k, w in enumerate(weights)
            ],
            "iterations": [],
        }
        self.detail = detail

    def iteration(self, iteration, loss=None, layers=None):
        """What iteration `iteration` (0 is the first update) computed: its loss over the rows it
        used (before the update), and per layer any of z, a, delta, grad_weights, grad_biases,
        weights_after, biases_after."""
        entry = {"iteration": int(iteration)}
        if loss is not None:
            entry["loss"] = _number(float(loss))
        if layers is not None and iteration < self.detail:
            entry["layers"] = [
                {q: _numbers(np.ravel(v) if q.endswith("biases") or q == "biases_after" else v)
                 for q, v in layer.items() if q in QUANTITIES and v is not None}
                for layer in layers
            ]
        if len(entry) > 1:
            self.record["iterations"].append(entry)

    def save(self, path="record.json"):
        with open(path, "w") as f:
            json.dump(self.record, f, allow_nan=False)


def _number(x):
    """JSON has no NaN: a number that is not finite is written as null."""
    return x if math.isfinite(x) else None


def _numbers(values):
    values = np.asarray(values, dtype=float)
    if values.ndim == 0:
        return _number(float(values))
    return [_numbers(v) for v in values]
