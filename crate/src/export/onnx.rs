//! The trained network as an ONNX model (onnx/onnx.proto): per layer a Gemm
//! (X·W + b, the engine's own layout, so no transpose) and its activation
//! operator (Sigmoid, Tanh, Relu, Softmax; linear is none), the weights as
//! double initializers, input "x" and output "y_hat" of any number of rows.
//! With input features, "x" is the raw x1, x2 and the model computes the
//! features first (Gather of each column, Mul, Sin, Concat).
//! Doubles keep the engine's numbers: onnxruntime runs every one of these
//! operators on double tensors, so its outputs equal the page's ŷ to about
//! 1e-15.

use super::protobuf::Message;
use crate::data::features::{Feature, Features};
use crate::nn::activation::Activation;
use crate::nn::network::Network;

/// ONNX's IR version 10 and operator set 21 (onnx 1.16, 2024): recent, and
/// read by every onnxruntime since 1.18.
const IR_VERSION: u64 = 10;
const OPSET: u64 = 21;
/// TensorProto.DataType.DOUBLE and INT64.
const DOUBLE: u64 = 11;
const INT64: u64 = 7;
/// AttributeProto.AttributeType.INT.
const ATTRIBUTE_INT: u64 = 2;

/// The model's bytes, for `network` seeing `features` of the raw x1, x2 if
/// any (described in `doc`).
pub fn model(network: &Network, features: Option<&Features>, doc: &str) -> Vec<u8> {
    let layers = network.layers();
    let mut graph = Message::new();
    let mut input = "x".to_string();
    if let Some(features) = features {
        input = feature_nodes(&mut graph, features);
    }
    for (l, layer) in layers.iter().enumerate() {
        let n = l + 1;
        let (w, b) = (format!("W{n}"), format!("b{n}"));
        let last = n == layers.len();
        let activated = layer.activation != Activation::Linear;
        let z = if last && !activated {
            "y_hat".to_string()
        } else {
            format!("z{n}")
        };
        graph.message(
            1,
            node(&format!("layer{n}_gemm"), "Gemm", &[&input, &w, &b], &z),
        );
        input = z;
        if activated {
            let a = if last {
                "y_hat".to_string()
            } else {
                format!("a{n}")
            };
            let op = match layer.activation {
                Activation::Sigmoid => "Sigmoid",
                Activation::Tanh => "Tanh",
                Activation::Relu => "Relu",
                // Over the last axis (opset 13 on), each row's outputs.
                Activation::Softmax => "Softmax",
                Activation::Linear => unreachable!("no operator for linear"),
            };
            graph.message(
                1,
                node(
                    &format!("layer{n}_{}", layer.activation.name()),
                    op,
                    &[&input],
                    &a,
                ),
            );
            input = a;
        }
    }
    graph.string(2, "backprop_lab");
    for (l, layer) in layers.iter().enumerate() {
        let n = l + 1;
        let dims = [layer.inputs as u64, layer.outputs as u64];
        graph.message(5, tensor(&format!("W{n}"), &dims, network.weights(l)));
        graph.message(5, tensor(&format!("b{n}"), &dims[1..], network.biases(l)));
    }
    graph.string(10, doc);
    let inputs = match features {
        Some(_) => Features::RAW_COLUMNS,
        None => layers[0].inputs,
    };
    let outputs = layers[layers.len() - 1].outputs;
    graph.message(11, value_info("x", inputs));
    graph.message(12, value_info("y_hat", outputs));

    let mut opset = Message::new();
    opset.string(1, "").int(2, OPSET);
    let mut model = Message::new();
    model
        .int(1, IR_VERSION)
        .string(2, "Backprop Lab")
        .string(3, env!("CARGO_PKG_VERSION"))
        .message(7, graph)
        .message(8, opset);
    model.into_bytes()
}

/// The nodes that compute `features` from "x" (their initializers too);
/// returns the name of their matrix, rows × features.
fn feature_nodes(graph: &mut Message, features: &Features) -> String {
    // Each raw column as rows × 1: Gather along axis 1 at index 0 or 1.
    for (column, name) in ["x1", "x2"].into_iter().enumerate() {
        let index = format!("{name}_index");
        let mut indices = Message::new();
        indices.int(1, 1).int(2, INT64).string(8, &index);
        indices.bytes(9, &(column as i64).to_le_bytes());
        graph.message(5, indices);
        let mut gather = node(&format!("{name}_column"), "Gather", &["x", &index], name);
        gather.message(5, int_attribute("axis", 1));
        graph.message(1, gather);
    }
    let mut columns = Vec::new();
    for feature in features.list() {
        // The columns themselves need no node.
        let (name, op, inputs): (&str, &str, &[&str]) = match feature {
            Feature::X1 => ("x1", "", &[]),
            Feature::X2 => ("x2", "", &[]),
            Feature::X1Squared => ("x1_squared", "Mul", &["x1", "x1"]),
            Feature::X2Squared => ("x2_squared", "Mul", &["x2", "x2"]),
            Feature::X1TimesX2 => ("x1_times_x2", "Mul", &["x1", "x2"]),
            Feature::SinX1 => ("sin_x1", "Sin", &["x1"]),
            Feature::SinX2 => ("sin_x2", "Sin", &["x2"]),
        };
        if !op.is_empty() {
            graph.message(1, node(name, op, inputs, name));
        }
        columns.push(name);
    }
    let mut concat = node("features", "Concat", &columns, "features");
    concat.message(5, int_attribute("axis", 1));
    graph.message(1, concat);
    "features".to_string()
}

/// AttributeProto of one integer.
fn int_attribute(name: &str, value: u64) -> Message {
    let mut attribute = Message::new();
    attribute
        .string(1, name)
        .int(3, value)
        .int(20, ATTRIBUTE_INT);
    attribute
}

/// NodeProto: inputs, one output, a name and an operator.
fn node(name: &str, op_type: &str, inputs: &[&str], output: &str) -> Message {
    let mut node = Message::new();
    for input in inputs {
        node.string(1, input);
    }
    node.string(2, output).string(3, name).string(4, op_type);
    node
}

/// TensorProto of doubles, little-endian in raw_data.
fn tensor(name: &str, dims: &[u64], values: &[f64]) -> Message {
    let mut tensor = Message::new();
    for &d in dims {
        tensor.int(1, d);
    }
    let raw: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    tensor.int(2, DOUBLE).string(8, name).bytes(9, &raw);
    tensor
}

/// ValueInfoProto of a double matrix of "rows" × `width`.
fn value_info(name: &str, width: usize) -> Message {
    let mut rows = Message::new();
    rows.string(2, "rows");
    let mut columns = Message::new();
    columns.int(1, width as u64);
    let mut shape = Message::new();
    shape.message(1, rows).message(1, columns);
    let mut tensor_type = Message::new();
    tensor_type.int(1, DOUBLE).message(2, shape);
    let mut type_proto = Message::new();
    type_proto.message(1, tensor_type);
    let mut info = Message::new();
    info.string(1, name).message(2, type_proto);
    info
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset;
    use crate::Trainer;

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_model_names_its_operators_and_holds_every_weight_bit_for_bit() {
        let trainer = Trainer::new(preset("xor").unwrap());
        let bytes = model(trainer.network(), None, "xor");
        for op in [
            "Gemm",
            "Sigmoid",
            "layer2_sigmoid",
            "y_hat",
            "W1",
            "b2",
            "rows",
        ] {
            assert!(contains(&bytes, op.as_bytes()), "{op}");
        }
        let w1 = trainer.network().weights(0);
        let raw: Vec<u8> = w1.iter().flat_map(|v| v.to_le_bytes()).collect();
        assert!(contains(&bytes, &raw));
        // A linear output's Gemm writes y_hat itself.
        let mut value = crate::config::presets::preset_value("plane").unwrap();
        value["activations"] = serde_json::json!(["tanh", "tanh", "linear"]);
        let t = Trainer::new(crate::config::Config::from_value(&value).unwrap());
        let bytes = model(t.network(), None, "plane");
        assert!(!contains(&bytes, b"linear"));
        assert!(contains(&bytes, b"layer3_gemm"));
    }
}
