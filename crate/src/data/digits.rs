//! The UCI handwritten digits (`crate/data/digits.txt`, from scikit-learn's
//! copy): 1,797 images of 8 × 8 pixels in grey levels 0–16, and the digit
//! each shows. Inputs are the pixels scaled to [0, 1] row by row, targets a
//! one-hot row of ten; every fourth image is held out for testing.

use crate::words::{Refusal, Words};
use serde_json::{json, Value};

/// The images as the command line (and the tests) carry them. The page's
/// engine does not (the page fetches the file when Digits is chosen), which
/// keeps its .wasm small.
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn bundled() -> &'static str {
    include_str!("../../data/digits.txt")
}

/// Pixels per side of an image.
pub const SIDE: usize = 8;
/// The darkest grey level.
const LEVELS: f64 = 16.0;
/// Images in the file.
pub const IMAGES: usize = 1797;

/// One image: its 64 pixels in [0, 1], row by row, and the digit it shows.
#[derive(Debug)]
pub struct Image {
    pub pixels: Vec<f64>,
    pub digit: usize,
}

/// Every image of the file's `text`, in its order: one a line, 64 grey
/// levels written 0–9 a–g, then its digit (`#` lines are comments). A text
/// that is not the digits' file is an error naming its line.
pub fn images(text: &str) -> Result<Vec<Image>, Refusal> {
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#'));
    let images = lines
        .map(|(n, line)| {
            let bad = || {
                let words = Words::new("digits.line", &[("line", &(n + 1))]);
                Refusal::new(
                    words,
                    format!("line {}: expected 64 grey levels 0-g and a digit", n + 1),
                )
            };
            let (pixels, digit) = line.split_at_checked(SIDE * SIDE).ok_or_else(bad)?;
            let pixels = pixels
                .chars()
                .map(|c| c.to_digit(17).map(|l| l as f64 / LEVELS).ok_or_else(bad))
                .collect::<Result<Vec<f64>, Refusal>>()?;
            let digit = digit
                .parse::<usize>()
                .ok()
                .filter(|&d| d < 10)
                .ok_or_else(bad)?;
            Ok(Image { pixels, digit })
        })
        .collect::<Result<Vec<Image>, Refusal>>()?;
    if images.len() != IMAGES {
        let words = Words::new(
            "digits.images",
            &[("images", &IMAGES), ("got", &images.len())],
        );
        return Err(Refusal::new(
            words,
            format!(
                "the digits file has {IMAGES} images, this one {}",
                images.len()
            ),
        ));
    }
    Ok(images)
}

/// The training images (`test` false) or the held-out ones, as config data.
fn rows(images: &[Image], test: bool) -> Value {
    let (inputs, targets): (Vec<&[f64]>, Vec<Vec<f64>>) = images
        .iter()
        .enumerate()
        .filter(|(i, _)| crate::data::split::every_fourth(*i) == test)
        .map(|(_, image)| {
            let mut one_hot = vec![0.0; 10];
            one_hot[image.digit] = 1.0;
            (image.pixels.as_slice(), one_hot)
        })
        .unzip();
    json!({ "inputs": inputs, "targets": targets })
}

/// The Digits preset made from the file's `text`: `{"config", "test"}`, the
/// config training on three quarters of the images and the held-out rest.
pub fn preset_of(text: &str) -> Result<Value, Refusal> {
    let images = images(text)?;
    Ok(json!({ "config": config(rows(&images, false)), "test": rows(&images, true) }))
}

/// The Digits preset's config, from the bundled file (the command line's).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn preset() -> Value {
    let images = images(bundled()).expect("the bundled digits are valid");
    config(rows(&images, false))
}

/// The Digits network for the training images `data`: 64-32-10 (tanh, then
/// softmax with cross-entropy: ten classes), Adam in mini-batches of 32,
/// which passes 95 % on the held-out images within a few thousand iterations.
fn config(data: Value) -> Value {
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
        "data": data
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_holds_1797_images_of_every_digit() {
        let all = images(bundled()).unwrap();
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
        let value = preset_of(bundled()).unwrap();
        let count = |rows: &Value| rows["inputs"].as_array().unwrap().len();
        assert_eq!(
            (count(&value["config"]["data"]), count(&value["test"])),
            (1348, 449)
        );
        assert_eq!(value["config"], preset());
    }

    #[test]
    fn a_file_that_is_not_the_digits_is_refused_with_its_line() {
        assert!(images("0123\n").unwrap_err().message.starts_with("line 1:"));
        let text = bundled();
        let short = &text[..text.trim_end().rfind('\n').unwrap()];
        assert!(images(short)
            .unwrap_err()
            .message
            .contains("1797 images, this one 1796"));
        let wine = crate::data::tables::bundled("wine").unwrap();
        assert!(images(wine).unwrap_err().message.starts_with("line 1:"));
        let level = text.replacen("00", "0z", 1);
        assert!(images(&level).is_err());
    }
}
