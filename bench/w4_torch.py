"""W4 in PyTorch, the other side of bench/w4.mjs: the run exported by Backprop Lab's
PyTorch export (the same network, first weights, batches and Adam), trained in float64
on one CPU thread. Usage: python w4_torch.py SCRIPT CHECK_ITERATIONS SECONDS. Prints JSON:
the loss over all rows after CHECK_ITERATIONS (to compare with the engine's: the same
run), then training's speed over SECONDS more: iterations and samples a second."""
import importlib.util
import json
import sys
import time

import torch


def main():
    script, check, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    torch.set_num_threads(1)
    spec = importlib.util.spec_from_file_location("run", script)
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    config, device = run.RUN, torch.device("cpu")
    x = torch.tensor(config["data"]["inputs"], dtype=torch.float64)
    y = torch.tensor(config["data"]["targets"], dtype=torch.float64)
    model = run.build_model(config)
    run.load_run(model, device)
    optimizer = run.make_optimizer(config, model, device)
    hidden, output = model[:-1], model[-1]

    def step(t):
        rows = run.rows_of(t)
        optimizer.zero_grad()
        z = hidden(x[rows])
        run.loss_of(config, z, output(z), y[rows]).backward()
        optimizer.step()
        return rows.stop - rows.start

    for t in range(check):
        step(t)
    with torch.no_grad():
        z = hidden(x)
        loss = float(run.loss_of(config, z, output(z), y))

    t, samples, start = check, 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(50):
            samples += step(t)
            t += 1
    elapsed = time.perf_counter() - start
    print(json.dumps({"loss_after_check": loss, "iterations_per_s": (t - check) / elapsed,
                      "samples_per_s": samples / elapsed}))


if __name__ == "__main__":
    main()
