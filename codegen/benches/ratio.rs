//! The generator's time as a multiple of the floor's, measured in alternation.
//!
//! ```sh
//! cargo bench -p codegen --bench ratio                  # every tree, about a minute
//! RATIO_SECONDS=5 cargo bench -p codegen --bench ratio  # a shorter budget per tree
//! ```
//!
//! The `pipeline` benchmark times the floor and the generator one after the other, a few
//! seconds apart. On a shared machine whose speed drifts by a third within a minute, their
//! ratio then says as much about the neighbours as about the generator. Here each round times
//! the floor and the pipeline back to back, in alternating order, so both see the same machine;
//! the report gives each one's fastest and median time and the median of the rounds' ratios.
//!
//! Then how the time grows from 1,000 to 10,000 files, measured the same way: each round times
//! both trees back to back, so the growth is the median of the rounds' own growths. Comparing
//! the fastest of many rounds of the small tree with the fastest of a few rounds of the large
//! one, taken a minute apart, overstated the growth by as much as a tenth. The floor and the
//! pipeline are the same functions as in the `pipeline` benchmark.

mod trees;

use std::time::{Duration, Instant};

use trees::{ALL, config_for, generate, tree_dir};

/// The allocator `cargo xtask codegen` runs with, as in the `pipeline` benchmark.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The rounds each tree gets at most, and at least however long they take.
const MAX_ROUNDS: usize = 60;
const MIN_ROUNDS: usize = 5;

fn main() {
    // `cargo bench` passes `--bench`; a filter, if given, picks trees by name.
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let budget = std::env::var("RATIO_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(12.0);
    println!("rayon threads: {}; up to {budget} s per tree", rayon::current_num_threads());
    println!(
        "{:<14} {:>7} {:>12} {:>12} {:>12} {:>12} {:>8} {:>8}",
        "tree", "rounds", "floor min", "floor med", "pipe min", "pipe med", "min/min", "med ratio"
    );
    let mut fastest = Vec::new();
    for tree in ALL.iter().filter(|t| filter.is_empty() || filter.iter().any(|f| t.contains(f))) {
        let rounds = measure(tree, Duration::from_secs_f64(budget));
        let floor_min = min(rounds.iter().map(|r| r.floor));
        let pipeline_min = min(rounds.iter().map(|r| r.pipeline));
        let ratios = median(rounds.iter().map(|r| r.pipeline / r.floor));
        println!(
            "{tree:<14} {:>7} {:>12} {:>12} {:>12} {:>12} {:>7.2}x {:>7.2}x",
            rounds.len(),
            millis(floor_min),
            millis(median(rounds.iter().map(|r| r.floor))),
            millis(pipeline_min),
            millis(median(rounds.iter().map(|r| r.pipeline))),
            pipeline_min / floor_min,
            ratios,
        );
        fastest.push((*tree, floor_min, pipeline_min));
    }
    let measured = |name: &str| fastest.iter().any(|(tree, ..)| *tree == name);
    if measured("corpus-1000") && measured("corpus-10000") {
        let growth = measure_growth(Duration::from_secs_f64(budget));
        println!(
            "10,000 / 1,000 files, median of {} rounds: pipeline {:.1}x, floor {:.1}x",
            growth.len(),
            median(growth.iter().map(|r| r.pipeline)),
            median(growth.iter().map(|r| r.floor)),
        );
    }
}

/// Rounds that each time the floor and the pipeline on 1,000 and on 10,000 files, in turn;
/// each gives how many times as long the large tree took as the small one, for both.
fn measure_growth(budget: Duration) -> Vec<Round> {
    let trees: Vec<_> = ["corpus-1000", "corpus-10000"]
        .into_iter()
        .map(|tree| (tree_dir(tree), config_for(tree)))
        .collect();
    let floor = |at: usize| time(|| trees::floor(trees[at].0));
    let pipeline = |at: usize| {
        let (dir, config) = &trees[at];
        time(|| generate(dir, config.as_deref()).files.len())
    };
    let start = Instant::now();
    let mut rounds = Vec::new();
    while rounds.len() < MAX_ROUNDS && (rounds.len() < MIN_ROUNDS || start.elapsed() < budget) {
        // The large tree goes first in every other round, as the floor does above.
        let order = if rounds.len() % 2 == 0 { [0, 1] } else { [1, 0] };
        let mut floors = [0.0; 2];
        let mut pipelines = [0.0; 2];
        for at in order {
            floors[at] = floor(at);
            pipelines[at] = pipeline(at);
        }
        rounds.push(Round { floor: floors[1] / floors[0], pipeline: pipelines[1] / pipelines[0] });
    }
    rounds
}

/// One round: the floor's and the pipeline's time, in seconds, or in a growth round how many
/// times as long each took on the large tree.
struct Round {
    floor: f64,
    pipeline: f64,
}

/// Rounds until the budget is spent, after one unmeasured round that warms the file cache and
/// the allocator.
fn measure(tree: &str, budget: Duration) -> Vec<Round> {
    let dir = tree_dir(tree);
    let config = config_for(tree);
    let floor = || time(|| trees::floor(dir));
    let pipeline = || time(|| generate(dir, config.as_deref()).files.len());
    floor();
    pipeline();
    let start = Instant::now();
    let mut rounds = Vec::new();
    while rounds.len() < MAX_ROUNDS && (rounds.len() < MIN_ROUNDS || start.elapsed() < budget) {
        // Which goes first alternates, so neither always runs on a machine the other warmed.
        let round = if rounds.len() % 2 == 0 {
            let floor = floor();
            Round { floor, pipeline: pipeline() }
        } else {
            let pipeline = pipeline();
            Round { floor: floor(), pipeline }
        };
        rounds.push(round);
    }
    rounds
}

/// Seconds `work` takes; what it returns is kept from the optimiser.
fn time<T>(work: impl FnOnce() -> T) -> f64 {
    let start = Instant::now();
    std::hint::black_box(work());
    start.elapsed().as_secs_f64()
}

fn min(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(f64::INFINITY, f64::min)
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn millis(seconds: f64) -> String {
    format!("{:.2} ms", seconds * 1000.0)
}
