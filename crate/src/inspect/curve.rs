//! One neuron's activation curve: f and f' over a range of z, and where the
//! rows of the next update put that neuron's z, so that a learner sees which
//! rows sit where f' is small (a saturated sigmoid learns slowly).

use std::ops::Range;

use crate::data::dataset::Dataset;
use crate::nn::activation::Activation;
use crate::nn::network::{Network, Pass};

/// The z of neuron `neuron` of weight layer `layer` (from 0) for each row of
/// `rows`, in row order. The error names what does not exist.
pub fn neuron_z(
    network: &Network,
    data: &Dataset,
    rows: Range<usize>,
    layer: usize,
    neuron: usize,
    pass: &mut Pass,
) -> Result<Vec<f64>, String> {
    let layers = network.layers();
    let Some(shape) = layers.get(layer) else {
        return Err(format!(
            "weight layer {} does not exist; the network has {}",
            layer + 1,
            layers.len()
        ));
    };
    if neuron >= shape.outputs {
        return Err(format!(
            "neuron {} does not exist; its layer has {}",
            neuron + 1,
            shape.outputs
        ));
    }
    let width = shape.outputs;
    let mut z = Vec::with_capacity(rows.len());
    network.forward_blocks(data.inputs(0..data.rows()), rows, pass, |block, pass| {
        let values = pass.z(layer);
        z.extend((0..block.len()).map(|r| values[r * width + neuron]));
    });
    Ok(z)
}

/// The curve of the activation called `name` (the page's names).
pub fn named(name: &str, z: &[f64]) -> Result<Vec<f64>, String> {
    let activation =
        Activation::from_name(name).ok_or_else(|| format!("no activation is called \"{name}\""))?;
    curve(activation, z)
}

/// f(z) for each z, then f'(z) for each: the engine's own formulas. Softmax
/// couples a layer's neurons, so one neuron has no curve of its own.
pub fn curve(activation: Activation, z: &[f64]) -> Result<Vec<f64>, String> {
    if activation == Activation::Softmax {
        return Err(
            "a softmax neuron's output depends on its whole layer: it has no curve of its own"
                .into(),
        );
    }
    let mut out = vec![0.0; 2 * z.len()];
    let (f, slope) = out.split_at_mut(z.len());
    for ((a, d), &z) in f.iter_mut().zip(slope.iter_mut()).zip(z) {
        let mut one = [0.0];
        activation.apply(&[z], &mut one);
        *a = one[0];
        *d = activation.derivative(z, one[0]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::presets::preset;
    use crate::Trainer;

    #[test]
    fn the_curve_is_f_then_its_slope() {
        let z = [-2.0, 0.0, 3.0];
        let s = curve(Activation::Sigmoid, &z).unwrap();
        let sig = |z: f64| crate::nn::activation::sigmoid(z);
        assert_eq!(s[..3], z.map(sig));
        assert_eq!(s[3..], z.map(|z| sig(z) * (1.0 - sig(z))));
        let relu = curve(Activation::Relu, &z).unwrap();
        assert_eq!(relu, [0.0, 0.0, 3.0, 0.0, 0.0, 1.0]);
        assert!(curve(Activation::Softmax, &z).is_err());
    }

    #[test]
    fn each_rows_z_is_the_forward_pass_s() {
        let mut t = Trainer::new(preset("xor").unwrap());
        t.run(5).unwrap();
        let (network, data) = (t.network(), t.config().data());
        let mut pass = Pass::new(network, 2);
        let z = neuron_z(network, data, 1..4, 0, 2, &mut pass).unwrap();
        for (k, row) in (1..4).enumerate() {
            let mut one = Pass::new(network, 1);
            network.forward(data.inputs(row..row + 1), 1, &mut one);
            assert_eq!(z[k], one.z(0)[2], "row {row}");
        }
        assert!(neuron_z(network, data, 0..4, 2, 0, &mut pass).is_err());
        assert!(neuron_z(network, data, 0..4, 1, 1, &mut pass).is_err());
    }
}
