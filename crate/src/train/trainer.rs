//! The trainer: a network, its data, the optimizer's state and the counters;
//! one iteration at a time, exactly as docs/numerics.md's "One iteration" says.
//!
//! The buffers of the forward and backward passes live here and are reused,
//! so an iteration allocates nothing. In batch mode the forward pass that
//! measures the loss after an update is also the next iteration's forward
//! pass, so it is done once.

use std::fmt;
use std::ops::Range;

use crate::config::{Config, Update};
use crate::data::dataset::Dataset;
use crate::nn::network::{Network, Pass};
use crate::nn::optimizer::OptimizerState;
use crate::train::history::LossHistory;
use crate::train::snapshots::Snapshots;
use crate::train::trace::{layer_traces, Trace};

/// The most iterations a run counts: 2^53, the largest count that JavaScript
/// (the page, and any JSON reader built on doubles) holds exactly.
pub const MAX_ITERATIONS: u64 = 1 << 53;

/// Why training cannot go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrainError {
    /// A loss or a weight became NaN or infinite.
    Diverged { iteration: u64 },
    /// The iteration count reached MAX_ITERATIONS.
    CountExhausted,
}

impl crate::words::Worded for TrainError {
    fn words(&self) -> crate::words::Words {
        use crate::words::Words;
        match self {
            TrainError::Diverged { iteration } => {
                Words::new("engine.diverged", &[("iteration", iteration)])
            }
            TrainError::CountExhausted => {
                Words::new("engine.count-exhausted", &[("most", &MAX_ITERATIONS)])
            }
        }
    }
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainError::Diverged { iteration } => write!(
                f,
                "training diverged at iteration {iteration}: the loss or a weight became \
                 infinite or NaN; try a smaller learning rate, then reset"
            ),
            TrainError::CountExhausted => write!(
                f,
                "the iteration count reached {MAX_ITERATIONS} (2^53), the largest it can show \
                 exactly; reset to train again"
            ),
        }
    }
}

impl std::error::Error for TrainError {}

/// How a `run` ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub iterations: u64,
    pub reached_stop_loss: bool,
}

/// What the pass buffers hold for the next iteration's rows and the current weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Ready {
    Nothing,
    Forward,
    Gradients,
}

#[derive(Clone, Debug)]
pub struct Trainer {
    pub(crate) config: Config,
    pub(crate) network: Network,
    pub(crate) state: OptimizerState,
    pub(crate) pass: Pass,
    pub(crate) grads: Vec<f64>,
    pub(crate) iteration: u64,
    pub(crate) iterations_per_epoch: u64,
    pub(crate) ready: Ready,
    /// The loss of the rows in `pass`, without the l2 term (valid from `Ready::Forward`).
    pub(crate) rows_loss: f64,
    /// The same before normalisation: the sum of the rows' `row_sum`s.
    pub(crate) rows_sum: f64,
    /// Σ of `rows_sum` over the current epoch's updates so far (online and
    /// mini-batch modes): every row once, as the epoch met it.
    pub(crate) epoch_sum: f64,
    /// The reported loss (all rows) of the current weights, once known.
    pub(crate) loss: Option<f64>,
    pub(crate) history: LossHistory,
    pub(crate) diverged: Option<u64>,
    /// Kept only when asked for (`keep_snapshots`): the page's time travel.
    pub(crate) snapshots: Option<Snapshots>,
    /// Whether a parameter was set by hand since the weights were drawn.
    pub(crate) hand_edited: bool,
    /// Rows held out from training, their pass buffers, and their loss at
    /// the epochs the history keeps.
    pub(crate) test: Option<(Dataset, Pass)>,
    pub(crate) test_history: LossHistory,
}

impl Trainer {
    /// A trainer with the config's network drawn from its seed, at iteration 0.
    pub fn new(config: Config) -> Trainer {
        let network = Network::new(&config.layers, &config.activations, config.bias);
        let rows = config.data.rows();
        let parameters = network.params().len();
        let mut trainer = Trainer {
            state: OptimizerState::new(&config.optimizer, parameters),
            pass: Pass::new(&network, config.update.block(rows)),
            grads: vec![0.0; parameters],
            iteration: 0,
            iterations_per_epoch: config.update.iterations_per_epoch(rows),
            ready: Ready::Nothing,
            rows_loss: 0.0,
            rows_sum: 0.0,
            epoch_sum: 0.0,
            loss: None,
            history: LossHistory::default(),
            diverged: None,
            snapshots: None,
            hand_edited: false,
            test: None,
            test_history: LossHistory::default(),
            network,
            config,
        };
        trainer.reset();
        trainer
    }

    /// Weights from the seed again, iteration 0, optimizer state and history cleared.
    pub fn reset(&mut self) {
        self.network.initialise(self.config.init, self.config.seed);
        self.state.clear();
        self.iteration = 0;
        self.epoch_sum = 0.0;
        self.weights_changed();
        self.diverged = None;
        self.history.clear();
        self.hand_edited = false;
        let loss = self.loss();
        self.history.record(0, loss);
        self.test_history.clear();
        self.record_test_loss(0);
        if let Some(snapshots) = &mut self.snapshots {
            snapshots.clear();
        }
        self.take_snapshot();
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Takes a new config. When it differs only in the optimizer's settings,
    /// l2 or stop_loss, training goes on from the current weights (so that a
    /// learner can lower the learning rate mid-run); the optimizer's state
    /// starts afresh if its kind changed. Any other change starts again from
    /// the seed. Returns whether the weights were kept.
    pub fn set_config(&mut self, config: Config) -> bool {
        let tuning_only = Config {
            optimizer: self.config.optimizer,
            l2: self.config.l2,
            l1: self.config.l1,
            stop_loss: self.config.stop_loss,
            ..config.clone()
        } == self.config;
        if !tuning_only {
            let keep = self.snapshots.is_some();
            // Test rows belong to their training rows: new data drops them.
            let same_data = config.data.same_rows(&self.config.data);
            let test = self.test.take().map(|(data, _)| data);
            *self = Trainer::new(config);
            if keep {
                self.keep_snapshots();
            }
            if same_data {
                // Dropped if the network no longer fits their widths.
                let _ = self.set_test_data(test);
            }
            return false;
        }
        if config.optimizer.kind() != self.config.optimizer.kind() {
            self.state = OptimizerState::new(&config.optimizer, self.grads.len());
        }
        self.config = config;
        // l2 changes the gradients; the forward pass and the loss stay.
        self.ready = self.ready.min(Ready::Forward);
        true
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Iterations (weight updates) so far.
    pub fn iterations(&self) -> u64 {
        self.iteration
    }

    /// Complete passes over all rows so far.
    pub fn epochs(&self) -> u64 {
        self.iteration / self.iterations_per_epoch
    }

    pub fn iterations_per_epoch(&self) -> u64 {
        self.iterations_per_epoch
    }

    /// What the optimizer remembers between iterations (momentum's velocity,
    /// Adam's moments and step count).
    pub fn optimizer_state(&self) -> &OptimizerState {
        &self.state
    }

    pub fn history(&self) -> &LossHistory {
        &self.history
    }

    /// The iteration at which training diverged, if it did (until `reset`).
    pub fn diverged(&self) -> Option<u64> {
        self.diverged
    }

    /// The data rows the next iteration uses.
    pub fn next_rows(&self) -> Range<usize> {
        self.config
            .update
            .rows(self.iteration, self.config.data.rows())
    }

    /// The reported loss: the loss over all rows with the current weights,
    /// without the l2 term.
    pub fn loss(&mut self) -> f64 {
        if let Some(loss) = self.loss {
            return loss;
        }
        let loss = if self.config.update == Update::Batch {
            self.prepare(Ready::Forward);
            self.rows_loss
        } else {
            self.ready = Ready::Nothing;
            evaluate(&self.network, &self.config, &mut self.pass)
        };
        self.loss = Some(loss);
        loss
    }

    /// One iteration: one weight update from the next rows.
    pub fn step(&mut self) -> Result<(), TrainError> {
        if let Some(iteration) = self.diverged {
            return Err(TrainError::Diverged { iteration });
        }
        if self.iteration >= MAX_ITERATIONS {
            return Err(TrainError::CountExhausted);
        }
        self.prepare(Ready::Gradients);
        if !self.rows_loss.is_finite() {
            return self.diverge(self.iteration + 1);
        }
        let finite =
            self.config
                .optimizer
                .update(&mut self.state, self.network.params_mut(), &self.grads);
        self.iteration += 1;
        self.epoch_sum += self.rows_sum;
        self.weights_changed();
        if !finite {
            return self.diverge(self.iteration);
        }
        let batch = self.config.update == Update::Batch;
        if batch {
            self.loss();
        }
        if self.iteration % self.iterations_per_epoch == 0 {
            let epoch = self.epochs();
            // Batch mode: the reported loss, which the next forward pass gives
            // for free. Other modes: the epoch's loss as it met each row (each
            // row once, with the weights of its update), which costs nothing,
            // where the reported loss would cost a pass over all rows every
            // epoch. Keras reports epochs the same way.
            let point = if batch {
                self.loss()
            } else {
                let data = &self.config.data;
                self.config
                    .loss
                    .finish(self.epoch_sum, data.rows(), data.target_width())
            };
            self.epoch_sum = 0.0;
            if self.history.wants(epoch) {
                self.history.record(epoch, point);
                self.record_test_loss(epoch);
            }
            if !point.is_finite() {
                return self.diverge(self.iteration);
            }
            self.take_snapshot();
        }
        match self.loss {
            Some(loss) if !loss.is_finite() => self.diverge(self.iteration),
            _ => Ok(()),
        }
    }

    /// One pass over all rows: as many iterations as an epoch has.
    pub fn epoch(&mut self) -> Result<u64, TrainError> {
        for _ in 0..self.iterations_per_epoch {
            self.step()?;
        }
        Ok(self.iterations_per_epoch)
    }

    /// Up to `iterations` iterations; fewer when the reported loss reaches
    /// the config's `stop_loss`.
    pub fn run(&mut self, iterations: u64) -> Result<Run, TrainError> {
        for done in 1..=iterations {
            self.step()?;
            if self.reached_stop_loss() {
                return Ok(Run {
                    iterations: done,
                    reached_stop_loss: true,
                });
            }
        }
        Ok(Run {
            iterations,
            reached_stop_loss: false,
        })
    }

    /// Whether the config sets `stop_loss` and the reported loss is at or below it.
    pub fn reached_stop_loss(&mut self) -> bool {
        match self.config.stop_loss {
            Some(stop) => self.loss() <= stop,
            None => false,
        }
    }

    /// Sets one parameter (in the flat layout) by hand. A value that is not
    /// finite, or an index past the end, is refused and nothing changes.
    pub fn set_param(&mut self, index: usize, value: f64) -> Result<(), String> {
        let count = self.network.params().len();
        if index >= count {
            return Err(format!(
                "parameter {index} does not exist; the network has {count}"
            ));
        }
        if !value.is_finite() {
            return Err("expected a finite number".to_string());
        }
        if !self.network.has_bias() && self.is_bias(index) {
            return Err("this network has no biases".to_string());
        }
        self.network.params_mut()[index] = value;
        self.weights_changed();
        self.hand_edited = true;
        Ok(())
    }

    fn is_bias(&self, index: usize) -> bool {
        self.network
            .layers()
            .iter()
            .any(|l| l.bias_range().contains(&index))
    }

    /// Stands the trainer where a saved run stood: `iteration` iterations
    /// done, with these parameters (the seed's if none) and optimizer state
    /// (a fresh one if none, or if it does not fit this optimizer). The
    /// history and snapshots start again from here. The caller checked the
    /// parameters' count (`saved.rs`).
    pub fn load(&mut self, iteration: u64, params: Option<&[f64]>, state: Option<OptimizerState>) {
        self.reset();
        if let Some(params) = params {
            self.network.params_mut().copy_from_slice(params);
        }
        let fresh = OptimizerState::new(&self.config.optimizer, self.grads.len());
        self.state = match state {
            Some(s)
                if s.first.len() == fresh.first.len() && s.second.len() == fresh.second.len() =>
            {
                s
            }
            _ => fresh,
        };
        self.iteration = iteration;
        self.weights_changed();
        self.history.clear();
        let loss = self.loss();
        self.history.record(self.epochs(), loss);
        self.test_history.clear();
        self.record_test_loss(self.epochs());
        if let Some(snapshots) = &mut self.snapshots {
            snapshots.clear();
        }
        self.take_snapshot();
    }

    /// Whether a parameter was set by hand since the weights were drawn.
    pub fn hand_edited(&self) -> bool {
        self.hand_edited
    }

    /// Every number of the next iteration, without performing it. The numbers
    /// are the very buffers the next `step` applies; `weights_after` comes
    /// from the same optimizer update run on a copy of the weights.
    pub fn trace(&mut self) -> Result<Trace, TrainError> {
        if let Some(iteration) = self.diverged {
            return Err(TrainError::Diverged { iteration });
        }
        let loss_before = self.loss();
        self.prepare(Ready::Gradients);
        let mut after = self.network.clone();
        let mut state = self.state.clone();
        self.config
            .optimizer
            .update(&mut state, after.params_mut(), &self.grads);
        let mut scratch = Pass::new(&after, self.pass.capacity());
        let loss_after = evaluate(&after, &self.config, &mut scratch);
        Ok(Trace {
            iteration: self.iteration,
            rows: self.next_rows().collect(),
            loss_before,
            loss_after,
            rows_loss: self.rows_loss,
            layers: layer_traces(&self.pass, &self.grads, &self.network, &after),
            state_before: self.state.clone(),
            state_after: state,
        })
    }

    /// The gradients last computed: those of the last update, or of the next
    /// one after `trace` or `gradients`. Laid out like the parameters.
    pub fn last_gradients(&self) -> &[f64] {
        &self.grads
    }

    /// ∂/∂p of what the next iteration minimises (its rows' loss plus the l2
    /// term), for every parameter, by backpropagation.
    pub fn gradients(&mut self) -> &[f64] {
        self.prepare(Ready::Gradients);
        &self.grads
    }

    /// The weights changed (or the rows they meet): nothing computed with
    /// the old ones stands, neither the pass buffers nor the reported loss.
    pub(crate) fn weights_changed(&mut self) {
        self.ready = Ready::Nothing;
        self.loss = None;
    }

    /// Brings the pass buffers up to `want` for the next iteration's rows.
    pub(crate) fn prepare(&mut self, want: Ready) {
        let rows = self.next_rows();
        let data = &self.config.data;
        let (inputs, targets) = (data.inputs(rows.clone()), data.targets(rows.clone()));
        if self.ready < Ready::Forward {
            self.network.forward(inputs, rows.len(), &mut self.pass);
            let sum = self
                .network
                .loss_sum(self.config.loss, &self.pass, targets, 0.0);
            self.rows_sum = sum;
            self.rows_loss = self
                .config
                .loss
                .finish(sum, rows.len(), data.target_width());
            self.ready = Ready::Forward;
        }
        if want == Ready::Gradients && self.ready < Ready::Gradients {
            let (loss, penalty) = (self.config.loss, self.config.penalty());
            self.network.backward(
                inputs,
                targets,
                loss,
                penalty,
                &mut self.pass,
                &mut self.grads,
            );
            self.ready = Ready::Gradients;
        }
    }

    fn diverge(&mut self, iteration: u64) -> Result<(), TrainError> {
        self.diverged = Some(iteration);
        Err(TrainError::Diverged { iteration })
    }
}

/// The reported loss of `network` over all rows, in blocks of the pass's
/// capacity, summed in row order so that the block size does not change a bit.
fn evaluate(network: &Network, config: &Config, pass: &mut Pass) -> f64 {
    evaluate_on(network, config.loss, &config.data, pass)
}

/// The loss over every row of `data` (no l2 term), in blocks of the pass's size.
pub(crate) fn evaluate_on(
    network: &Network,
    loss: crate::nn::loss::Loss,
    data: &Dataset,
    pass: &mut Pass,
) -> f64 {
    let rows = data.rows();
    let mut sum = 0.0;
    network.forward_blocks(data.inputs(0..rows), 0..rows, pass, |block, pass| {
        sum = network.loss_sum(loss, pass, data.targets(block), sum);
    });
    loss.finish(sum, rows, data.target_width())
}
