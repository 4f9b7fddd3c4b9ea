//! `steady-eval`: evaluates the analysis engine on the team's labelled sentences and on the
//! therapist-qa data set (which is read from outside the repository and never shipped).
//!
//! Usage: `steady-eval [--set heldout|tune|both] [--qa PATH] [--no-qa] [--errors]`

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use steady_analysis::eval::{self, Counts};
use steady_analysis::{analyze, text, Trap};

fn usage() -> ExitCode {
    eprintln!("usage: steady-eval [--set heldout|tune|both] [--qa PATH] [--no-qa] [--errors]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut set = "heldout".to_string();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    // The data set lives beside the repository: `../shared/...` from the repository root.
    let from_cwd = PathBuf::from("../shared/data/therapist-qa/dev.csv");
    let mut qa = Some(if from_cwd.exists() {
        from_cwd
    } else {
        root.join("../../../shared/data/therapist-qa/dev.csv")
    });
    let mut show_errors = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--set" => match args.next() {
                Some(s) if ["heldout", "tune", "both"].contains(&s.as_str()) => set = s,
                _ => return usage(),
            },
            "--qa" => match args.next() {
                Some(p) => qa = Some(PathBuf::from(p)),
                None => return usage(),
            },
            "--no-qa" => qa = None,
            "--errors" => show_errors = true,
            "-h" | "--help" => {
                usage();
                return ExitCode::SUCCESS;
            }
            _ => return usage(),
        }
    }
    let names: Vec<&str> = match set.as_str() {
        "both" => vec!["tune", "heldout"],
        s => vec![if s == "tune" { "tune" } else { "heldout" }],
    };
    for name in names {
        let path = root.join("data").join(format!("{name}.jsonl"));
        let src = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("cannot read {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        };
        let items = match eval::parse_jsonl(&src) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{name}.jsonl: {e}");
                return ExitCode::FAILURE;
            }
        };
        let rep = eval::evaluate(&items);
        println!("== team sentences: {name} ({} sentences)\n", items.len());
        print!("{}", eval::render(&rep));
        if show_errors {
            println!("\nmismatches:");
            for m in &rep.errors {
                println!(
                    "  {}\n    want {:?} tone {:?}\n    got  {:?} tone {}",
                    m.text, m.want, m.tone_want, m.got, m.tone_got
                );
            }
        }
        println!();
    }
    if let Some(p) = qa {
        match therapist_qa(&p) {
            Ok(s) => print!("{s}"),
            Err(e) => println!("== therapist-qa: skipped ({e})"),
        }
    }
    ExitCode::SUCCESS
}

fn map_label(s: &str) -> Option<&'static str> {
    Some(match s.trim() {
        "All-or-nothing thinking" => "all_or_nothing",
        "Overgeneralization" => "overgeneralization",
        "Mental filter" => "mental_filter",
        "Should statements" => "should_statements",
        "Labeling" => "labeling",
        "Personalization" => "personalization",
        "Magnification" => "catastrophizing",
        "Emotional Reasoning" => "emotional_reasoning",
        "Mind Reading" => "mind_reading",
        "Fortune-telling" => "fortune_telling",
        _ => return None,
    })
}

const QA_TYPES: &[&str] = &[
    "all_or_nothing",
    "overgeneralization",
    "mental_filter",
    "should_statements",
    "labeling",
    "personalization",
    "catastrophizing",
    "emotional_reasoning",
    "mind_reading",
    "fortune_telling",
];

fn traps_of(t: &str) -> BTreeSet<&'static str> {
    analyze(t).traps.iter().map(|f| f.id.as_str()).collect()
}

fn type_macro(
    rows: &[(BTreeSet<&'static str>, BTreeSet<&'static str>)],
) -> (f64, Vec<(&'static str, Counts)>) {
    let mut per = Vec::new();
    for ty in QA_TYPES {
        let mut c = Counts::default();
        for (pred, gold) in rows {
            c.add(pred.contains(ty), gold.contains(ty));
        }
        per.push((*ty, c));
    }
    let m = per.iter().map(|(_, c)| c.f1()).sum::<f64>() / per.len() as f64;
    (m, per)
}

fn therapist_qa(path: &std::path::Path) -> Result<String, String> {
    use std::fmt::Write as _;
    let mut rdr = csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut posts = Counts::default();
    let mut post_rows = Vec::new();
    let mut part_detect = Counts::default();
    let mut part_rows = Vec::new();
    let mut neg_sentences = Counts::default();
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        let post = rec.get(1).unwrap_or("");
        let part = rec.get(2).unwrap_or("");
        let dom = rec.get(3).unwrap_or("").trim();
        let sec = rec.get(4).unwrap_or("").trim();
        n += 1;
        let distorted = dom != "No Distortion" && !dom.is_empty();
        let gold: BTreeSet<&'static str> = [dom, sec].iter().filter_map(|s| map_label(s)).collect();
        let pred = traps_of(post);
        posts.add(!pred.is_empty(), distorted);
        post_rows.push((
            pred.iter()
                .copied()
                .filter(|t| QA_TYPES.contains(t))
                .collect(),
            gold.clone(),
        ));
        if distorted && !part.trim().is_empty() {
            let p = traps_of(part);
            part_detect.add(!p.is_empty(), true);
            part_rows.push((
                p.iter().copied().filter(|t| QA_TYPES.contains(t)).collect(),
                gold,
            ));
        }
        if !distorted {
            for (s, e) in text::sentences(post) {
                neg_sentences.add(!traps_of(&post[s..e]).is_empty(), false);
            }
        }
    }
    let mut o = String::new();
    let _ = writeln!(
        o,
        "== therapist-qa dev ({n} posts; evaluation only, never trained on)\n"
    );
    let _ = writeln!(o, "post level, distortion detected (any thinking trap):");
    let _ = writeln!(
        o,
        "  MCC {:.3}  specificity {:.3}  precision {:.3}  recall {:.3}  binary F1 {:.3}  (tp {} fp {} fn {} tn {})",
        posts.mcc(), posts.specificity(), posts.precision(), posts.recall(), posts.f1(), posts.tp, posts.fp, posts.fn_, posts.tn
    );
    let (m, per) = type_macro(&post_rows);
    let _ = writeln!(
        o,
        "  macro-F1 over the 10 mapped types (dominant or secondary counts as gold): {m:.3}"
    );
    for (ty, c) in per {
        let _ = writeln!(
            o,
            "    {:<22} p {:.3} r {:.3} f1 {:.3}",
            ty,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    let _ = writeln!(
        o,
        "\nsentence level, `Distorted part` of distorted posts ({} parts):",
        part_rows.len()
    );
    let _ = writeln!(o, "  detection rate (recall) {:.3}", part_detect.recall());
    let (m, _) = type_macro(&part_rows);
    let _ = writeln!(o, "  macro-F1 over the 10 types: {m:.3}");
    let _ = writeln!(
        o,
        "  sentences of no-distortion posts: specificity {:.3} ({} of {} flagged)",
        neg_sentences.specificity(),
        neg_sentences.fp,
        neg_sentences.fp + neg_sentences.tn
    );
    let _ = Trap::ALL;
    Ok(o)
}
