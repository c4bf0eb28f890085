//! An iteration allocates nothing: a counting global allocator sees no
//! allocation in `step()` after the first call, in every mode and optimizer.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use backprop_lab::config::presets::NAMES;
use common::trainer;
use serde_json::json;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> u64 {
    ALLOCATIONS.with(Cell::get)
}

#[test]
fn steps_after_the_first_allocate_nothing() {
    let updates = [
        json!({"mode": "batch"}),
        json!({"mode": "online"}),
        json!({"mode": "minibatch", "size": 3}),
    ];
    let optimizers = [
        json!({"kind": "sgd", "learning_rate": 0.5}),
        json!({"kind": "momentum"}),
        json!({"kind": "adam"}),
    ];
    for name in NAMES {
        for update in &updates {
            for optimizer in &optimizers {
                let mut value = common::any_preset(name);
                value["update"] = update.clone();
                value["optimizer"] = optimizer.clone();
                value["stop_loss"] = json!(1e-12);
                // A large dataset's first 100 rows allocate as all of them would (Digits: 1,348).
                for side in ["inputs", "targets"] {
                    value["data"][side].as_array_mut().unwrap().truncate(100);
                }
                let mut t = trainer(value);
                t.step().unwrap();
                let before = allocations();
                // A linear output at these rates may diverge: that ends the
                // run (without allocating), not the test.
                for _ in 0..2_000 {
                    if t.step().is_err() {
                        break;
                    }
                    t.loss();
                }
                let _ = t.epoch();
                let _ = t.run(500);
                let during = allocations() - before;
                assert_eq!(
                    during, 0,
                    "{name} {update} {optimizer}: {during} allocations"
                );
            }
        }
    }
}

#[test]
fn the_counter_sees_allocations() {
    let before = allocations();
    let v = std::hint::black_box(vec![1u8; 64]);
    assert!(allocations() > before);
    drop(v);
}
