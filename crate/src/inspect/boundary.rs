//! The decision boundary: every neuron's activation over a grid of the input
//! plane, for a network of two inputs. The page draws the output neurons as
//! the boundary and the hidden ones as each neuron's map; it asks for a band
//! of grid rows at a time so that a deep network's grid spreads over frames.

use std::ops::Range;

use crate::data::features::Features;
use crate::nn::network::{Network, Pass};

/// Cells per block of the forward pass.
const BLOCK: usize = 256;
/// The finest grid that may be asked for (cells per side).
pub const MAX_CELLS: usize = 200;

/// The rectangle [xmin, xmax] × [ymin, ymax] of the plane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    pub xmin: f64,
    pub xmax: f64,
    pub ymin: f64,
    pub ymax: f64,
}

impl Extent {
    /// From the page's `[xmin, xmax, ymin, ymax]`.
    pub fn from_slice(values: &[f64]) -> Result<Extent, String> {
        let [xmin, xmax, ymin, ymax] = values
            .try_into()
            .map_err(|_| format!("the plane's extent is 4 numbers, not {}", values.len()))?;
        Ok(Extent {
            xmin,
            xmax,
            ymin,
            ymax,
        })
    }

    /// The centre of cell `i` of `n` from `lo` to `hi`.
    fn centre(lo: f64, hi: f64, i: usize, n: usize) -> f64 {
        lo + (hi - lo) * (i as f64 + 0.5) / n as f64
    }

    /// The x1, x2 of cell `cell` of an `n` × `n` grid, row 0 at the top.
    fn cell(&self, cell: usize, n: usize) -> (f64, f64) {
        let (row, column) = (cell / n, cell % n);
        (
            Extent::centre(self.xmin, self.xmax, column, n),
            Extent::centre(self.ymax, self.ymin, row, n),
        )
    }
}

/// The grid's buffers, reused from one band to the next.
#[derive(Clone, Debug)]
pub struct Boundary {
    pass: Pass,
    /// Neuron by neuron (layer by layer, input layer excluded), each grid row-major.
    grid: Vec<f64>,
    /// A block of cells' x1, x2.
    plane: Vec<f64>,
    /// The same cells' features, when the network sees features.
    features: Vec<f64>,
}

impl Boundary {
    pub fn new(network: &Network) -> Boundary {
        Boundary {
            pass: Pass::new(network, BLOCK),
            grid: Vec::new(),
            plane: vec![0.0; 2 * BLOCK],
            features: Vec::new(),
        }
    }

    /// Computes grid rows `rows` of a `cells` × `cells` grid (cell centres,
    /// row 0 at the top) and returns the whole grid; rows not asked for keep
    /// what they held; with `features`, the network sees those of each cell's
    /// x1, x2. The error says why the plane cannot be drawn.
    pub fn compute(
        &mut self,
        network: &Network,
        features: Option<&Features>,
        cells: usize,
        extent: Extent,
        rows: Range<usize>,
    ) -> Result<&[f64], String> {
        if features.is_none() && network.inputs() != 2 {
            return Err("the decision boundary needs a network of 2 inputs".into());
        }
        let Extent {
            xmin,
            xmax,
            ymin,
            ymax,
        } = extent;
        let finite = [xmin, xmax, ymin, ymax].iter().all(|v| v.is_finite());
        if !finite || xmax <= xmin || ymax <= ymin {
            return Err("the plane's extent must be finite, with max above min".into());
        }
        let n = cells.clamp(2, MAX_CELLS);
        let neurons: usize = network.layers().iter().map(|l| l.outputs).sum();
        self.grid.resize(neurons * n * n, 0.0);
        let cells_asked = rows.start.min(n) * n..rows.end.min(n) * n;
        for start in cells_asked.clone().step_by(BLOCK) {
            let block = start..(start + BLOCK).min(cells_asked.end);
            for (k, cell) in block.clone().enumerate() {
                (self.plane[2 * k], self.plane[2 * k + 1]) = extent.cell(cell, n);
            }
            let plane = &self.plane[..2 * block.len()];
            let inputs = match features {
                Some(f) => {
                    self.features.clear();
                    f.apply(plane, &mut self.features);
                    &self.features
                }
                None => plane,
            };
            network.forward(inputs, block.len(), &mut self.pass);
            let mut neuron = 0;
            for (l, layer) in network.layers().iter().enumerate() {
                let a = self.pass.a(l);
                for j in 0..layer.outputs {
                    let map = &mut self.grid[(neuron + j) * n * n..(neuron + j + 1) * n * n];
                    for (k, cell) in block.clone().enumerate() {
                        map[cell] = a[k * layer.outputs + j];
                    }
                }
                neuron += layer.outputs;
            }
        }
        Ok(&self.grid)
    }
}

/// Each feature's value over a `cells` × `cells` grid of the plane (cell
/// centres, row 0 at the top), feature by feature: the input column's maps.
pub fn feature_maps(features: &Features, cells: usize, extent: Extent) -> Vec<f64> {
    let n = cells.clamp(2, MAX_CELLS);
    let mut maps = Vec::with_capacity(features.len() * n * n);
    for feature in features.list() {
        maps.extend((0..n * n).map(|cell| {
            let (x1, x2) = extent.cell(cell, n);
            feature.value(x1, x2)
        }));
    }
    maps
}

/// The colours of the map, as the page's palette gives them (RGB): light
/// where an output is undecided, blue and orange at the ends of a single
/// output's scale, one colour per class for several outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    pub light: [u8; 3],
    pub negative: [u8; 3],
    pub positive: [u8; 3],
    pub classes: Vec<[u8; 3]>,
}

impl Palette {
    /// From the page's flat list: light, negative, positive, then the classes (3 bytes each).
    pub fn from_bytes(bytes: &[u8]) -> Result<Palette, String> {
        let colours: Vec<[u8; 3]> = bytes.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect();
        if bytes.len() % 3 != 0 || colours.len() < 4 {
            return Err("the palette needs light, negative, positive and at least one class colour (RGB each)".into());
        }
        Ok(Palette {
            light: colours[0],
            negative: colours[1],
            positive: colours[2],
            classes: colours[3..].to_vec(),
        })
    }
}

/// A byte as a Uint8ClampedArray stores a number: clamped, rounded half to even.
fn clamped(x: f64) -> u8 {
    x.clamp(0.0, 255.0).round_ties_even() as u8
}

impl Boundary {
    /// The output neurons' map as RGBA pixels (`cells` × `cells`, row 0 at
    /// the top) from the last grid computed: one output on the diverging
    /// scale (where −1 and 1 are its ends: 2a − 1 for sigmoid, a for tanh,
    /// a / `scale` otherwise), several by the winning class's colour, paler
    /// where it wins narrowly. `discrete`: two colours, one each side of the
    /// middle (a = 0.5 for sigmoid, 0 for tanh, `scale` / 2 otherwise), or
    /// the winning class's at one strength.
    pub fn paint(
        &self,
        network: &Network,
        cells: usize,
        palette: &Palette,
        scale: f64,
        discrete: bool,
        pixels: &mut Vec<u8>,
    ) {
        let n = cells.clamp(2, MAX_CELLS);
        let area = n * n;
        let outputs = network.outputs();
        let first = self.grid.len().saturating_sub(outputs * area);
        let maps = &self.grid[first..];
        pixels.resize(4 * area, 255);
        let activation = network.layers().last().map(|l| l.activation);
        for (c, pixel) in pixels
            .chunks_exact_mut(4)
            .enumerate()
            .take(maps.len().min(area))
        {
            let rgb: [f64; 3] = if outputs > 1 {
                let best = (1..outputs).fold(0, |b, k| {
                    if maps[k * area + c] > maps[b * area + c] {
                        k
                    } else {
                        b
                    }
                });
                let strength = match discrete {
                    true => 0.85,
                    false => 0.25 + 0.6 * maps[best * area + c].clamp(0.0, 1.0),
                };
                let base = palette.classes[best % palette.classes.len()];
                let light = 245.0;
                base.map(|v| light + (v as f64 - light) * strength)
            } else {
                let v = maps[c];
                let t = match activation {
                    Some(crate::Activation::Sigmoid | crate::Activation::Softmax) => 2.0 * v - 1.0,
                    Some(crate::Activation::Tanh) => v,
                    _ if scale > 0.0 && discrete => 2.0 * v / scale - 1.0,
                    _ if scale > 0.0 => v / scale,
                    _ => 0.0,
                };
                // Discrete: either end of the scale, by the side of the middle.
                let t = match discrete && t.is_finite() {
                    true if t < 0.0 => -1.0,
                    true => 1.0,
                    false => t,
                };
                if !t.is_finite() {
                    [220.0, 0.0, 0.0]
                } else {
                    let x = 0.85 * t.abs().min(1.0);
                    let end = if t < 0.0 {
                        palette.negative
                    } else {
                        palette.positive
                    };
                    let light = palette.light;
                    [0, 1, 2].map(|i| light[i] as f64 + (end[i] as f64 - light[i] as f64) * x)
                }
            };
            for (byte, value) in pixel.iter_mut().zip(rgb) {
                *byte = clamped(value);
            }
            pixel[3] = 255;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::activation::Activation;

    fn plane() -> Extent {
        Extent {
            xmin: -1.0,
            xmax: 1.0,
            ymin: -2.0,
            ymax: 2.0,
        }
    }

    #[test]
    fn each_neuron_map_holds_its_activation_at_each_cell_centre() {
        let mut net = Network::new(&[2, 2, 1], &[Activation::Tanh, Activation::Sigmoid], true);
        net.initialise(crate::nn::network::Init::Uniform, 3);
        let mut boundary = Boundary::new(&net);
        let n = 10;
        let grid = boundary
            .compute(&net, None, n, plane(), 0..n)
            .unwrap()
            .to_vec();
        assert_eq!(grid.len(), 3 * n * n);
        // Row 2, column 7: x from the left, y from the top.
        let (x, y) = (-1.0 + 2.0 * 7.5 / 10.0, 2.0 - 4.0 * 2.5 / 10.0);
        let mut pass = Pass::new(&net, 1);
        net.forward(&[x, y], 1, &mut pass);
        let cell = 2 * n + 7;
        assert_eq!(grid[cell], pass.a(0)[0]);
        assert_eq!(grid[n * n + cell], pass.a(0)[1]);
        assert_eq!(grid[2 * n * n + cell], pass.a(1)[0]);
    }

    #[test]
    fn bands_give_the_whole_grid_and_bad_planes_are_refused() {
        let mut net = Network::new(&[2, 3, 1], &[Activation::Relu, Activation::Linear], true);
        net.initialise(crate::nn::network::Init::He, 5);
        let whole = Boundary::new(&net)
            .compute(&net, None, 40, plane(), 0..40)
            .unwrap()
            .to_vec();
        let mut banded = Boundary::new(&net);
        for band in (0..40).step_by(7) {
            banded
                .compute(&net, None, 40, plane(), band..band + 7)
                .unwrap();
        }
        assert_eq!(
            banded.compute(&net, None, 40, plane(), 0..0).unwrap(),
            whole
        );
        let flat = Extent {
            ymax: -2.0,
            ..plane()
        };
        assert!(banded
            .compute(&net, None, 40, flat, 0..1)
            .unwrap_err()
            .contains("max above min"));
        let three = Network::new(&[3, 1], &[Activation::Linear], false);
        assert!(Boundary::new(&three)
            .compute(&three, None, 4, plane(), 0..4)
            .unwrap_err()
            .contains("2 inputs"));
    }

    /// Light, blue, orange, and the two classes blue and orange.
    fn palette() -> Palette {
        Palette::from_bytes(&[
            245, 246, 248, 47, 109, 181, 224, 123, 16, 47, 109, 181, 224, 123, 16,
        ])
        .unwrap()
    }

    #[test]
    fn the_map_is_painted_from_the_output_neurons() {
        let palette = palette();
        let mut net = Network::new(&[2, 1], &[Activation::Tanh], true);
        // Output = tanh(x): negative on the left, positive on the right.
        net.params_mut().copy_from_slice(&[3.0, 0.0, 0.0]);
        let mut boundary = Boundary::new(&net);
        let n = 4;
        boundary.compute(&net, None, n, plane(), 0..n).unwrap();
        let mut pixels = Vec::new();
        boundary.paint(&net, n, &palette, 1.0, false, &mut pixels);
        assert_eq!(pixels.len(), 4 * n * n);
        let left = &pixels[0..4];
        let right = &pixels[4 * (n - 1)..4 * n];
        assert!(left[2] > left[0], "blue on the left: {left:?}");
        assert!(right[0] > right[2], "orange on the right: {right:?}");
        assert!(pixels.chunks(4).all(|p| p[3] == 255));
        assert!(Palette::from_bytes(&[1, 2, 3]).is_err());

        // Discrete: two colours only, split where the output crosses 0.
        let mut two = Vec::new();
        boundary.paint(&net, n, &palette, 1.0, true, &mut two);
        let mut colours: Vec<&[u8]> = two.chunks(4).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), 2, "{colours:?}");
        assert_eq!(&two[0..4], &two[4..8], "both left cells are one colour");
        assert_ne!(&two[4..8], &two[8..12], "the middle splits them");
    }

    #[test]
    fn a_discrete_linear_output_splits_at_half_its_scale() {
        let palette = palette();
        // Output = x1 + 2 over x1 in [-1, 1]: from 1 to 3; with scale 4 the middle is 2.
        let mut net = Network::new(&[2, 1], &[Activation::Linear], true);
        net.params_mut().copy_from_slice(&[1.0, 0.0, 2.0]);
        let mut boundary = Boundary::new(&net);
        boundary.compute(&net, None, 4, plane(), 0..4).unwrap();
        let mut pixels = Vec::new();
        boundary.paint(&net, 4, &palette, 4.0, true, &mut pixels);
        // 0.85 of the way from light to blue, and to orange (as a strong undiscretised value).
        assert_eq!(pixels[0..3], [77, 130, 191], "x1 = -0.75: output 1.25 < 2");
        assert_eq!(pixels[4..7], [77, 130, 191], "x1 = -0.25: output 1.75 < 2");
        assert_eq!(pixels[8..11], [227, 141, 51], "x1 = 0.25: output 2.25 > 2");
    }
}
