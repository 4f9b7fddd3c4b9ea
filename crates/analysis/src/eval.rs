//! Evaluation: per-id precision, recall and F1, macro-F1, specificity on clean sentences and
//! start-up tone accuracy, for labelled sentences in the team's jsonl format:
//! `{"text": "…", "labels": ["mind_reading"], "tone": "harsh"}` (`tone` is optional; an empty
//! `labels` list marks a clean sentence).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use crate::{analyze, Horseman, Indirect, Safety, Trap};

/// One labelled sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// The sentence.
    pub text: String,
    /// The expected finding ids (traps, horsemen, indirect, safety).
    pub labels: Vec<String>,
    /// The expected start-up tone, when labelled.
    pub tone: Option<String>,
}

/// Every finding id that can be labelled.
pub fn all_ids() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Trap::ALL.iter().map(|t| t.as_str()).collect();
    v.extend(Horseman::ALL.iter().map(|t| t.as_str()));
    v.extend(Indirect::ALL.iter().map(|t| t.as_str()));
    v.extend(Safety::ALL.iter().map(|t| t.as_str()));
    v
}

/// Parses labelled jsonl. Unknown ids and malformed lines are errors.
pub fn parse_jsonl(src: &str) -> Result<Vec<Labelled>, String> {
    let known = all_ids();
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        let text = v["text"]
            .as_str()
            .ok_or(format!("line {}: no text", i + 1))?
            .to_string();
        let mut labels = Vec::new();
        for l in v["labels"]
            .as_array()
            .ok_or(format!("line {}: no labels", i + 1))?
        {
            let l = l
                .as_str()
                .ok_or(format!("line {}: label is not a string", i + 1))?;
            if !known.contains(&l) {
                return Err(format!("line {}: unknown id {l}", i + 1));
            }
            labels.push(l.to_string());
        }
        let tone = v["tone"].as_str().map(str::to_string);
        out.push(Labelled { text, labels, tone });
    }
    Ok(out)
}

/// A confusion count.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// True positives.
    pub tp: u64,
    /// False positives.
    pub fp: u64,
    /// False negatives.
    pub fn_: u64,
    /// True negatives.
    pub tn: u64,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Counts {
    /// Adds one decision.
    pub fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Specificity (true negative rate).
    pub fn specificity(&self) -> f64 {
        ratio(self.tn, self.tn + self.fp)
    }
    /// Matthews correlation coefficient.
    pub fn mcc(&self) -> f64 {
        let (tp, fp, fn_, tn) = (
            self.tp as f64,
            self.fp as f64,
            self.fn_ as f64,
            self.tn as f64,
        );
        let d = ((tp + fp) * (tp + fn_) * (tn + fp) * (tn + fn_)).sqrt();
        if d == 0.0 {
            0.0
        } else {
            (tp * tn - fp * fn_) / d
        }
    }
}

/// A sentence whose findings or tone differ from its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The sentence.
    pub text: String,
    /// The labelled ids.
    pub want: Vec<String>,
    /// The ids found.
    pub got: Vec<String>,
    /// The labelled tone, if any.
    pub tone_want: Option<String>,
    /// The tone found.
    pub tone_got: String,
}

/// The result of evaluating a labelled set.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Per-id counts.
    pub per_id: BTreeMap<&'static str, Counts>,
    /// Clean sentences, and how many came back with no finding.
    pub clean: (u64, u64),
    /// Tone-labelled sentences, and how many got the labelled tone.
    pub tone: (u64, u64),
    /// Sentences evaluated.
    pub n: u64,
    /// Sentences whose findings or tone differ from their labels.
    pub errors: Vec<Mismatch>,
}

impl Report {
    /// Macro-F1 over `ids`.
    pub fn macro_f1(&self, ids: &[&str]) -> f64 {
        if ids.is_empty() {
            return 0.0;
        }
        ids.iter()
            .map(|id| self.per_id.get(id).map(Counts::f1).unwrap_or(0.0))
            .sum::<f64>()
            / ids.len() as f64
    }
    /// Specificity on clean sentences.
    pub fn clean_specificity(&self) -> f64 {
        ratio(self.clean.1, self.clean.0)
    }
    /// Start-up tone accuracy.
    pub fn tone_accuracy(&self) -> f64 {
        ratio(self.tone.1, self.tone.0)
    }
}

/// Evaluates the engine on labelled sentences.
pub fn evaluate(items: &[Labelled]) -> Report {
    let ids = all_ids();
    let mut rep = Report::default();
    for id in &ids {
        rep.per_id.insert(id, Counts::default());
    }
    for item in items {
        let a = analyze(&item.text);
        let got = a.finding_ids();
        rep.n += 1;
        for id in &ids {
            let c = rep.per_id.entry(id).or_default();
            c.add(got.contains(id), item.labels.iter().any(|l| l == id));
        }
        if item.labels.is_empty() {
            rep.clean.0 += 1;
            if got.is_empty() {
                rep.clean.1 += 1;
            }
        }
        let tone_got = a.communication.startup.tone.as_str().to_string();
        let mut tone_wrong = false;
        if let Some(t) = &item.tone {
            rep.tone.0 += 1;
            if *t == tone_got {
                rep.tone.1 += 1;
            } else {
                tone_wrong = true;
            }
        }
        let mut want: Vec<String> = item.labels.clone();
        want.sort();
        let mut have: Vec<String> = got.iter().map(|s| s.to_string()).collect();
        have.sort();
        if want != have || tone_wrong {
            rep.errors.push(Mismatch {
                text: item.text.clone(),
                want,
                got: have,
                tone_want: item.tone.clone(),
                tone_got,
            });
        }
    }
    rep
}

/// The ids of each category, for macro-F1.
pub fn categories() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (
            "thinking traps",
            Trap::ALL.iter().map(|t| t.as_str()).collect(),
        ),
        (
            "four horsemen",
            Horseman::ALL.iter().map(|t| t.as_str()).collect(),
        ),
        (
            "indirect",
            Indirect::ALL.iter().map(|t| t.as_str()).collect(),
        ),
        ("safety", Safety::ALL.iter().map(|t| t.as_str()).collect()),
    ]
}

/// A printable table of a report.
pub fn render(rep: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{:<24} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
        "id", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    for (cat, ids) in categories() {
        for id in &ids {
            let c = rep.per_id.get(id).copied().unwrap_or_default();
            let _ = writeln!(
                o,
                "{:<24} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
                id,
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
        let _ = writeln!(o, "{:<24} macro-F1 {:.3}\n", cat, rep.macro_f1(&ids));
    }
    let _ = writeln!(o, "sentences: {}", rep.n);
    let _ = writeln!(
        o,
        "clean-sentence specificity: {:.3} ({}/{})",
        rep.clean_specificity(),
        rep.clean.1,
        rep.clean.0
    );
    let _ = writeln!(
        o,
        "start-up tone accuracy: {:.3} ({}/{})",
        rep.tone_accuracy(),
        rep.tone.1,
        rep.tone.0
    );
    o
}
