"""Checks an exported ONNX model and runs it: `python onnx_check.py MODEL ROWS`, ROWS a JSON file
of input rows. Prints JSON: the model's opset and its outputs for the rows (doubles)."""
import json
import sys

import numpy as np
import onnx
import onnxruntime

model_path, rows_path = sys.argv[1], sys.argv[2]
model = onnx.load(model_path)
onnx.checker.check_model(model, full_check=True)
with open(rows_path, encoding="utf8") as f:
    x = np.array(json.load(f), dtype=np.float64)
session = onnxruntime.InferenceSession(model_path, providers=["CPUExecutionProvider"])
(y_hat,) = session.run(["y_hat"], {"x": x})
print(json.dumps({"opset": model.opset_import[0].version, "y_hat": y_hat.tolist()}))
