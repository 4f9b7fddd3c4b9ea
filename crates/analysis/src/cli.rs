//! The logic behind `steady analyze`: the readable report, JSON, and the streaming jsonl loop.
//! Kept here so it can be tested and benchmarked without the rest of the program.

use std::io::{self, BufRead, Write};

use serde_json::{Map, Value};

use crate::content::SAFETY_MESSAGE;
use crate::types::{Analysis, Span};
use crate::{analyze, Tone};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const YELLOW: &str = "\x1b[1;33m";
const RED: &str = "\x1b[1;31m";
const MAGENTA: &str = "\x1b[1;35m";
const CYAN: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";

/// The analysis as a JSON value (the public shape).
pub fn to_json(a: &Analysis) -> Value {
    serde_json::to_value(a).unwrap_or(Value::Null)
}

/// The analysis as one line of JSON.
pub fn to_json_string(a: &Analysis) -> String {
    serde_json::to_string(a)
        .unwrap_or_else(|e| format!("{{\"error\":{}}}", Value::String(e.to_string())))
}

fn title(id: &str) -> String {
    let s = id.replace('_', " ");
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
        None => String::new(),
    }
}

/// The text with every span marked: coloured when `color`, in [brackets] otherwise.
fn highlight(text: &str, a: &Analysis, color: bool) -> String {
    // (start, end, colour); safety first, then horsemen, then traps, then indirect.
    let mut marks: Vec<(usize, usize, &str)> = Vec::new();
    let mut add = |spans: &[Span], col: &'static str| {
        for s in spans {
            if !marks.iter().any(|&(a, b, _)| s.start < b && a < s.end) {
                marks.push((s.start, s.end, col));
            }
        }
    };
    for f in &a.safety {
        add(&f.spans, MAGENTA);
    }
    for f in &a.communication.horsemen {
        add(&f.spans, RED);
    }
    for f in &a.traps {
        add(&f.spans, YELLOW);
    }
    for f in &a.communication.indirect {
        add(&f.spans, CYAN);
    }
    marks.sort();
    let mut out = String::with_capacity(text.len() + marks.len() * 12);
    let mut pos = 0;
    for (s, e, col) in marks {
        if s < pos || e > text.len() {
            continue;
        }
        out.push_str(&text[pos..s]);
        if color {
            out.push_str(col);
            out.push_str(&text[s..e]);
            out.push_str(RESET);
        } else {
            out.push('[');
            out.push_str(&text[s..e]);
            out.push(']');
        }
        pos = e;
    }
    out.push_str(&text[pos..]);
    out
}

fn quote_spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| format!("\"{}\"", s.text))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A readable report of the analysis of `text`, with the spans highlighted.
pub fn render_text(text: &str, a: &Analysis, color: bool) -> String {
    let (b, r, d) = if color {
        (BOLD, RESET, DIM)
    } else {
        ("", "", "")
    };
    let mut o = String::new();
    o.push_str(&highlight(text, a, color));
    o.push_str("\n\n");
    if a.needs_support() {
        o.push_str(&format!(
            "{b}Your safety comes first{r}\n  {SAFETY_MESSAGE}\n"
        ));
        for f in &a.safety {
            o.push_str(&format!(
                "  - {} ({:.0}%): {}\n",
                title(f.id.as_str()),
                f.confidence * 100.0,
                quote_spans(&f.spans)
            ));
        }
        o.push('\n');
    }
    if !a.traps.is_empty() {
        o.push_str(&format!("{b}Thinking traps{r}\n"));
        for f in &a.traps {
            o.push_str(&format!(
                "  - {b}{}{r} {d}({:.0}%){r}: {}\n",
                title(f.id.as_str()),
                f.confidence * 100.0,
                quote_spans(&f.spans)
            ));
            o.push_str(&format!("    {}\n", f.explanation));
            if !a.needs_support() {
                o.push_str(&format!("    Ask yourself: {}\n", f.question));
            }
        }
        o.push('\n');
    }
    let c = &a.communication;
    if !c.horsemen.is_empty() || !c.indirect.is_empty() || c.startup.tone != Tone::Neutral {
        o.push_str(&format!("{b}Communication{r}\n"));
        o.push_str(&format!(
            "  Start-up: {} (score {:+.2})\n",
            c.startup.tone, c.startup.score
        ));
        for f in &c.horsemen {
            o.push_str(&format!(
                "  - {b}{}{r} {d}({:.0}%){r}: {}\n",
                title(f.id.as_str()),
                f.confidence * 100.0,
                quote_spans(&f.spans)
            ));
            o.push_str(&format!(
                "    {}\n    Instead: {}\n",
                f.explanation, f.antidote
            ));
        }
        for f in &c.indirect {
            o.push_str(&format!(
                "  - {b}{}{r} {d}({:.0}%){r}: {}\n",
                title(f.id.as_str()),
                f.confidence * 100.0,
                quote_spans(&f.spans)
            ));
            o.push_str(&format!("    {}\n", f.explanation));
        }
        o.push('\n');
    }
    if let Some(e) = &a.event {
        o.push_str(&format!(
            "{b}What happened:{r} {}\n  Other possibilities to consider:\n",
            e.kind.as_str().replace('_', " ")
        ));
        for alt in &e.alternatives {
            o.push_str(&format!("  - {alt}\n"));
        }
        o.push('\n');
    }
    if !a.rewrites.is_empty() {
        o.push_str(&format!("{b}A gentler way to start{r}\n"));
        for w in &a.rewrites {
            o.push_str(&format!("  - {w}\n"));
        }
        o.push('\n');
    }
    if a.is_clean() && a.event.is_none() && c.startup.tone == Tone::Neutral {
        o.push_str("Nothing to flag here.\n");
    }
    o
}

/// Counts from a jsonl run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct JsonlStats {
    /// Lines read.
    pub lines: usize,
    /// Lines that produced an `"error"` object.
    pub errors: usize,
}

/// The output object for one jsonl input line (without the trailing newline).
pub fn jsonl_line(line_no: usize, raw: &[u8]) -> (String, bool) {
    let error = |msg: String, echo: Option<Map<String, Value>>| {
        let mut obj = echo.unwrap_or_default();
        obj.insert("line".into(), Value::from(line_no));
        obj.insert("error".into(), Value::String(msg));
        (Value::Object(obj).to_string(), true)
    };
    let line = match std::str::from_utf8(raw) {
        Ok(s) => s.trim_end_matches(['\n', '\r']),
        Err(_) => return error("line is not valid UTF-8".into(), None),
    };
    if line.trim_start().starts_with('{') {
        let mut obj = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(m)) => m,
            Ok(_) => return error("expected a JSON object".into(), None),
            Err(e) => return error(format!("invalid JSON: {e}"), None),
        };
        let text = match obj.remove("text") {
            Some(Value::String(s)) => s,
            Some(_) => return error("\"text\" must be a string".into(), Some(obj)),
            None => return error("missing \"text\" field".into(), Some(obj)),
        };
        let body = to_json_string(&analyze(&text));
        // Echoed fields first, in input order, then the analysis; the analysis wins on a clash.
        let mut out = String::with_capacity(body.len() + 64);
        out.push('{');
        for (k, v) in &obj {
            if ANALYSIS_KEYS.contains(&k.as_str()) {
                continue;
            }
            out.push_str(&Value::String(k.clone()).to_string());
            out.push(':');
            out.push_str(&v.to_string());
            out.push(',');
        }
        out.push_str(body.strip_prefix('{').unwrap_or(&body));
        (out, false)
    } else {
        (to_json_string(&analyze(line)), false)
    }
}

const ANALYSIS_KEYS: &[&str] = &["traps", "communication", "safety", "event", "rewrites"];

/// Reads `input` line by line and writes one JSON object per line to `output`, in order,
/// flushing after each line so results stream. A bad line yields an object with an `"error"`
/// field and the stream goes on.
pub fn run_jsonl<R: BufRead, W: Write>(mut input: R, mut output: W) -> io::Result<JsonlStats> {
    let mut stats = JsonlStats::default();
    let mut buf = Vec::with_capacity(256);
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        stats.lines += 1;
        let (line, is_error) = jsonl_line(stats.lines, &buf);
        if is_error {
            stats.errors += 1;
        }
        output.write_all(line.as_bytes())?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_echoes_fields_and_reports_errors() {
        let input = "{\"id\": 7, \"text\": \"You never listen to me.\"}\nplain text line\n{bad json\n{\"id\": \"x\"}\n";
        let mut out = Vec::new();
        let stats = run_jsonl(input.as_bytes(), &mut out).expect("in-memory io");
        assert_eq!(
            stats,
            JsonlStats {
                lines: 4,
                errors: 2
            }
        );
        let lines: Vec<Value> = String::from_utf8(out)
            .expect("utf8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0]["id"], 7);
        assert_eq!(lines[0]["communication"]["horsemen"][0]["id"], "criticism");
        assert!(lines[1]["traps"].is_array());
        assert!(lines[1]["event"].is_null());
        assert!(lines[2]["error"].is_string());
        assert_eq!(lines[3]["id"], "x");
        assert!(lines[3]["error"].is_string());
    }

    #[test]
    fn invalid_utf8_line_is_an_error_and_stream_goes_on() {
        let input: &[u8] = b"\xff\xfe\nhello\n";
        let mut out = Vec::new();
        let stats = run_jsonl(input, &mut out).expect("in-memory io");
        assert_eq!(stats.lines, 2);
        assert_eq!(stats.errors, 1);
    }

    #[test]
    fn plain_report_brackets_spans() {
        let t = "They haven't texted back. They must be pulling away.";
        let r = render_text(t, &analyze(t), false);
        assert!(r.contains("[They must be pulling away]"));
        assert!(r.contains("Mind reading"));
        assert!(!r.contains('\x1b'));
        let coloured = render_text(t, &analyze(t), true);
        assert!(coloured.contains('\x1b'));
    }
}
