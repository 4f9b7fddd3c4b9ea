//! Criterion benchmarks: one short sentence, a 1,000-word post, and jsonl throughput.
//! Run with `cargo bench -p steady-analysis`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use steady_analysis::{analyze, cli, warm_up};

const SHORT: &str = "They haven't texted back. They must be pulling away.";

const PIECES: &[&str] = &[
    "We had a quiet dinner and then he went to bed early because of work.",
    "He hasn't replied since this afternoon, and I keep checking my phone.",
    "She must be bored of me, I can tell from the way she answers.",
    "I know that is a guess, and I am trying to look at the evidence for it.",
    "Last week he planned a picnic and remembered the cheese I like.",
    "He brought me flowers, but he was probably just being nice.",
    "My friend said I should write down what actually happened before deciding anything.",
    "I feel anxious, so something must be going on.",
    "Then again, I felt the same way in my last relationship, and that was about something else.",
    "You never ask about my day, and it makes me feel invisible.",
    "I'd like us to have one evening a week without phones.",
    "I took a walk by the river and felt a little calmer afterwards.",
];

fn post(words: usize) -> String {
    let mut s = String::new();
    let mut n = 0;
    let mut i = 0;
    while n < words {
        let p = PIECES[i % PIECES.len()];
        n += p.split_whitespace().count();
        s.push_str(p);
        s.push(' ');
        i += 1;
    }
    s
}

fn benches(c: &mut Criterion) {
    warm_up();
    c.bench_function("short sentence", |b| b.iter(|| analyze(black_box(SHORT))));

    let long = post(1000);
    c.bench_function("1000-word post", |b| b.iter(|| analyze(black_box(&long))));

    let lines: Vec<String> = (0..1000)
        .map(|i| {
            let p = PIECES[i % PIECES.len()];
            if i % 2 == 0 {
                format!(
                    "{{\"id\":{i},\"text\":{}}}",
                    serde_json::Value::String(p.to_string())
                )
            } else {
                p.to_string()
            }
        })
        .collect();
    let input = lines.join("\n") + "\n";
    let mut g = c.benchmark_group("jsonl");
    g.throughput(Throughput::Elements(1000));
    g.bench_function("1000 short lines", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            cli::run_jsonl(black_box(input.as_bytes()), &mut out).expect("in-memory io");
            out
        })
    });
    g.finish();
}

criterion_group!(analysis, benches);
criterion_main!(analysis);
