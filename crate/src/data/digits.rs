//! The UCI handwritten digits (`crate/data/digits.txt`, from scikit-learn's
//! copy): 1,797 images of 8 × 8 pixels in grey levels 0–16, and the digit
//! each shows. Inputs are the pixels scaled to [0, 1] row by row, targets a
//! one-hot row of ten; every fourth image is held out for testing.

use serde_json::{json, Value};

const TEXT: &str = include_str!("../../data/digits.txt");

/// Pixels per side of an image.
pub const SIDE: usize = 8;
/// The darkest grey level.
const LEVELS: f64 = 16.0;

/// One image: its 64 pixels in [0, 1], row by row, and the digit it shows.
pub struct Image {
    pub pixels: Vec<f64>,
    pub digit: usize,
}

/// Every image, in the file's order.
pub fn images() -> Vec<Image> {
    TEXT.lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let (pixels, digit) = line.split_at(SIDE * SIDE);
            let level =
                |c: char| c.to_digit(17).expect("the file holds levels 0-g") as f64 / LEVELS;
            Image {
                pixels: pixels.chars().map(level).collect(),
                digit: digit.parse().expect("each line ends with its digit"),
            }
        })
        .collect()
}

/// The training images (`test` false) or the held-out ones, as config data.
pub fn rows(test: bool) -> Value {
    let (inputs, targets): (Vec<Vec<f64>>, Vec<Vec<f64>>) = images()
        .into_iter()
        .enumerate()
        .filter(|(i, _)| crate::data::split::every_fourth(*i) == test)
        .map(|(_, image)| {
            let mut one_hot = vec![0.0; 10];
            one_hot[image.digit] = 1.0;
            (image.pixels, one_hot)
        })
        .unzip();
    json!({ "inputs": inputs, "targets": targets })
}

/// The Digits preset: the training images on a 64-32-10 network (tanh, then
/// softmax with cross-entropy: ten classes), Adam in mini-batches of 32,
/// which passes 95 % on the held-out images within a few thousand iterations.
pub fn preset() -> Value {
    json!({
        "version": 1,
        "seed": 1,
        "layers": [SIDE * SIDE, 32, 10],
        "activations": ["tanh", "softmax"],
        "bias": true,
        "init": "xavier",
        "loss": "cross_entropy",
        "l2": 0.0,
        "update": { "mode": "minibatch", "size": 32 },
        "optimizer": { "kind": "adam", "learning_rate": 0.01 },
        "data": rows(false)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_holds_1797_images_of_every_digit() {
        let all = images();
        assert_eq!(all.len(), 1797);
        for d in 0..10 {
            assert!(
                all.iter().filter(|i| i.digit == d).count() >= 174,
                "digit {d}"
            );
        }
        // scikit-learn's first image: a 0, its first row 0 0 5 13 9 1 0 0.
        assert_eq!(all[0].digit, 0);
        let first_row: Vec<f64> = all[0].pixels[..8].iter().map(|p| p * 16.0).collect();
        assert_eq!(first_row, [0.0, 0.0, 5.0, 13.0, 9.0, 1.0, 0.0, 0.0]);
        assert!(all
            .iter()
            .all(|i| i.pixels.len() == 64 && i.pixels.iter().all(|p| (0.0..=1.0).contains(p))));
    }

    #[test]
    fn a_quarter_is_held_out() {
        let count = |test| rows(test)["inputs"].as_array().unwrap().len();
        assert_eq!((count(false), count(true)), (1348, 449));
    }
}
