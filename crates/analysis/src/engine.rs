//! The analysis engine: rules compiled once, applied per sentence, findings aggregated.

use std::sync::LazyLock;

use regex::{Regex, RegexSet, RegexSetBuilder};

use crate::content;
use crate::rewrite;
use crate::rules::{expand, RuleId, ALONE, NEG, REPORTED, RULES};
use crate::text;
use crate::types::*;

/// Findings below this confidence are not listed.
const THRESHOLD: f64 = 0.5;
/// At most this many spans are kept per finding.
const MAX_SPANS: usize = 16;

struct Compiled {
    set: RegexSet,
    rules: Vec<Regex>,
    vetoes: Vec<Option<Regex>>,
    come_back: Regex,
    tone_set: RegexSet,
    tone_weights: Vec<f32>,
    addressed: Regex,
    events: Vec<(EventKind, Regex)>,
    partner: Regex,
    third_person: Regex,
}

#[allow(clippy::expect_used)]
fn compile(p: &str) -> Regex {
    Regex::new(&expand(p)).expect("built-in pattern compiles")
}

/// Start-up tone features: (pattern, weight). Positive is gentle, negative is harsh.
const TONE: &[(&str, f32)] = &[
    (
        r"\bi(?:'m| am)? feel(?:ing)?\b|\bi(?:'ve| have) been feeling\b",
        0.3,
    ),
    (
        r"\bi (?:need|would like|'d like|would love|'d love|want us to|wish we could|miss you|miss us|miss our)\b|\bi'd (?:like|love|really like|really love)\b|\bi would really\b",
        0.3,
    ),
    (
        r"\b(?:could|can|would|shall) we\b|\bcould you\b|\bwould you (?:mind|be willing|like)\b|\blet's\b",
        0.3,
    ),
    (r"\bplease\b", 0.1),
    (
        r"\b(?:thank you|thanks|i appreciate|i love|i'm grateful|grateful|i'm proud of you)\b",
        0.45,
    ),
    (
        r"\b(?:i'm sorry|i am sorry|i apologi[sz]e|i overreacted|i was wrong|sorry i)\b",
        0.4,
    ),
    (
        r"\bwhen you (?:get|have) a (?:moment|minute|chance)\b|\bwhen you're free\b",
        0.2,
    ),
    (
        r"\bi worry\b|\bi get (?:anxious|worried|lonely|nervous|scared|sad)\b|\bi (?:noticed|realised|realized) i\b",
        0.2,
    ),
    (
        r"\b(?:fuck\w*|shit\w*|damn|wtf|stfu|bullshit|asshole|bitch|screw you)\b",
        -0.5,
    ),
    (r"!!", -0.2),
    (
        r"\bi feel like (?:he|she|they|you|i|it|nobody|no one|everyone)\b",
        -0.3,
    ),
    (
        r"\byou (?:made|make) me\b|\b(?:it's|this is|that's)(?: all)? your fault\b",
        -0.4,
    ),
];

static C: LazyLock<Compiled> = LazyLock::new(|| {
    let expanded: Vec<String> = RULES.iter().map(|r| expand(r.pattern)).collect();
    #[allow(clippy::expect_used)]
    let set = RegexSetBuilder::new(&expanded)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .expect("built-in patterns compile");
    #[allow(clippy::expect_used)]
    let rules = expanded
        .iter()
        .map(|p| Regex::new(p).expect("built-in pattern compiles"))
        .collect();
    let vetoes = RULES.iter().map(|r| r.veto.map(compile)).collect();
    #[allow(clippy::expect_used)]
    let tone_set =
        RegexSet::new(TONE.iter().map(|(p, _)| expand(p))).expect("built-in patterns compile");
    let events = vec![
        (
            EventKind::NoReply,
            compile(
                r"\b(?:hasn't|haven't|hadn't|didn't|doesn't|don't|won't|isn't|not|never|still hasn't|still not|stopped) (?:\w+ )?(?:texted|text|texting|replied|reply|replying|answered|answer|answering|responded|respond|responding|called|call|calling|messaged|message|got back|gotten back|written|write|read my)\b|\bno (?:reply|answer|response|text|message|call)\b|\bleft me on read\b|\bon read\b|\bignor(?:ing|ed|es) my (?:texts|messages|calls)\b|\bunanswered\b",
            ),
        ),
        (
            EventKind::CancelledPlans,
            compile(
                r"\b(?:cancel(?:l)?ed|cancel(?:l)?ing|cancels|bailed|called off|rescheduled|postponed|flaked|stood me up)\b",
            ),
        ),
        (
            EventKind::Forgot,
            compile(
                r"\b(?:forgot|forgets|forgotten|didn't remember|doesn't remember|forget about)\b",
            ),
        ),
        (
            EventKind::Late,
            compile(
                r"\b(?:is late|was late|running late|be late|always late|hasn't come home|not home yet|still not home|isn't home|late again|hours late|late home)\b",
            ),
        ),
        (
            EventKind::OnPhone,
            compile(
                r"\bon (?:his|her|their|the|your) phone\b|\bscrolling\b|\btexting (?:someone|other|his|her)\b|\bglued to\b",
            ),
        ),
        (
            EventKind::WithFriends,
            compile(
                r"\b(?:out with (?:his|her|their|your)? ?(?:friends|mates|colleagues|coworkers|the guys|the girls|the boys)|with (?:his|her|their|your) friends|at a party|night out|at the (?:bar|pub|club)|with the (?:guys|girls|boys)|friends (?:first|over me))\b",
            ),
        ),
        (
            EventKind::Busy,
            compile(
                r"\b(?:busy|working late|deadline|swamped|at work|in a meeting|stressed with work|overworked)\b",
            ),
        ),
        (
            EventKind::Quiet,
            compile(
                r"\b(?:quiet|silent|silence|not talking|barely (?:said|spoke|talked|talks)|short answers|one-word|hardly (?:says|said|talks|talked))\b",
            ),
        ),
        (
            EventKind::Distant,
            compile(
                r"\b(?:distant|cold|pulling away|withdrawn|far away|drifting|less affectionate|not (?:as )?affectionate|lost interest|losing interest|growing apart|doesn't want to (?:see|be with) me)\b",
            ),
        ),
    ];
    Compiled {
        set,
        rules,
        vetoes,
        come_back: compile(
            r"\b(?:then|after (?:that|dinner|lunch|a|the)|later|come back|pick (?:this|it) up|keep talking|talk (?:later|again|after|tonight|tomorrow|soon|it through)|in (?:\d+|a few|ten|twenty|thirty|an|half an) (?:minutes?|hours?|mins?)|\d+ minutes|a (?:break|minute|few minutes|moment|breather)|calm down|cool off|for now)\b",
        ),
        tone_set,
        tone_weights: TONE.iter().map(|(_, w)| *w).collect(),
        addressed: compile(r"\b(?:you|your|you're|you've|you'd|you'll|u)\b"),
        events,
        partner: compile(
            r"\b(?:he|she|they|him|her|them|his|their|you|your|partner|boyfriend|girlfriend|husband|wife|bf|gf|fianc[eé]e?)\b",
        ),
        third_person: compile(
            r"\b(?:he|she|they|him|her|them|his|their|partner|boyfriend|girlfriend|husband|wife|bf|gf)\b",
        ),
    }
});

/// Forces the patterns to compile now rather than on first use.
pub fn warm_up() {
    LazyLock::force(&C);
}

struct Hit {
    id: RuleId,
    confidence: f64,
    start: usize,
    end: usize,
}

/// Analyses `input`. See the crate documentation.
pub fn analyze(input: &str) -> Analysis {
    let c = &*C;
    let text = text::bounded(input, text::MAX_INPUT_BYTES);
    let sentences = text::sentences(text);
    let mut english: Vec<Option<bool>> = vec![None; sentences.len()];
    let mut hits: Vec<Hit> = Vec::new();

    let matched = c.set.matches(text);
    if matched.matched_any() {
        let quotes = if text.contains('"') || text.contains('“') {
            text::quoted_ranges(text)
        } else {
            Vec::new()
        };
        for idx in matched.iter() {
            let def = &RULES[idx];
            for m in c.rules[idx].find_iter(text) {
                if m.start() == m.end() {
                    continue;
                }
                let si = match sentences.binary_search_by(|&(s, e)| {
                    if e <= m.start() {
                        std::cmp::Ordering::Less
                    } else if s > m.start() {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                }) {
                    Ok(i) => i,
                    Err(_) => continue,
                };
                let (ss, se) = sentences[si];
                let is_english =
                    *english[si].get_or_insert_with(|| text::looks_english(&text[ss..se]));
                if !is_english {
                    continue;
                }
                let is_safety = matches!(def.id, RuleId::Safety(_));
                if !is_safety && text::inside(&quotes, m.start(), m.end()) {
                    continue;
                }
                let sentence = &text[ss..se];
                if def.flags & ALONE != 0 {
                    let strip = |s: &str| s.trim_matches(|ch: char| !ch.is_alphanumeric()).len();
                    if strip(sentence) != strip(m.as_str()) {
                        continue;
                    }
                }
                let end_in_sentence = se.max(m.end());
                if let Some(v) = &c.vetoes[idx] {
                    if v.is_match(&text[m.start()..end_in_sentence]) {
                        continue;
                    }
                }
                let prefix = &text[ss..m.start()];
                if def.flags & NEG != 0 && text::negated(prefix) {
                    continue;
                }
                if def.flags & REPORTED != 0 && text::reported(prefix) {
                    continue;
                }
                let mut confidence = f64::from(def.confidence);
                if let RuleId::Trap(_) = def.id {
                    if text::hedged(prefix) {
                        confidence -= 0.25;
                    }
                    if sentence.trim_end().ends_with('?') {
                        confidence -= 0.15;
                    }
                }
                if confidence < THRESHOLD {
                    continue;
                }
                hits.push(Hit {
                    id: def.id,
                    confidence,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }

    // A break that promises to come back is self-soothing, not stonewalling.
    if hits
        .iter()
        .any(|h| h.id == RuleId::Horseman(Horseman::Stonewalling))
        && c.come_back.is_match(text)
    {
        hits.retain(|h| h.id != RuleId::Horseman(Horseman::Stonewalling));
    }

    // A trap found inside the span of a different trap is part of that larger pattern
    // ("Either she loves me completely or she doesn't love me at all").
    let trap_spans: Vec<(RuleId, usize, usize)> = hits
        .iter()
        .filter(|h| matches!(h.id, RuleId::Trap(_)))
        .map(|h| (h.id, h.start, h.end))
        .collect();
    hits.retain(|h| {
        !matches!(h.id, RuleId::Trap(_))
            || !trap_spans.iter().any(|&(id, s, e)| {
                id != h.id && s <= h.start && h.end <= e && (e - s) > (h.end - h.start)
            })
    });

    let mut analysis = Analysis {
        traps: Vec::new(),
        communication: Communication {
            horsemen: Vec::new(),
            indirect: Vec::new(),
            startup: Startup {
                tone: Tone::Neutral,
                score: 0.0,
            },
        },
        safety: Vec::new(),
        event: None,
        rewrites: Vec::new(),
    };
    aggregate(text, &mut hits, &mut analysis);

    // Start-up tone.
    let mut score: f64 = 0.0;
    let english_text = text::looks_english(text);
    if english_text {
        for i in c.tone_set.matches(text).iter() {
            score += f64::from(c.tone_weights[i]);
        }
    }
    let addressed = c.addressed.is_match(text);
    for h in &analysis.communication.horsemen {
        score -= match h.id {
            Horseman::Criticism => 0.7,
            Horseman::Contempt => 0.8,
            Horseman::Defensiveness => 0.6,
            Horseman::Stonewalling => 0.6,
        };
    }
    for f in &analysis.communication.indirect {
        score -= match f.id {
            Indirect::Hinting => 0.5,
            Indirect::Testing if addressed => 0.4,
            Indirect::Testing => 0.0,
            Indirect::ExpectingMindReading => 0.5,
        };
    }
    let caps_words = text
        .split(|ch: char| !ch.is_alphabetic())
        .filter(|w| w.len() >= 3 && w.chars().all(|ch| ch.is_ascii_uppercase()))
        .count();
    if caps_words >= 2 && addressed {
        score -= 0.3;
    }
    let score = (score.clamp(-1.0, 1.0) * 100.0).round() / 100.0;
    let tone = if score <= -0.25 {
        Tone::Harsh
    } else if score >= 0.25 {
        Tone::Gentle
    } else {
        Tone::Neutral
    };
    analysis.communication.startup = Startup { tone, score };

    if analysis.safety.is_empty() {
        analysis.event = detect_event(c, text, &sentences, &analysis);
        if tone == Tone::Harsh {
            analysis.rewrites = rewrite::rewrites(text);
        }
    }
    analysis
}

fn detect_event(
    c: &Compiled,
    text: &str,
    sentences: &[(usize, usize)],
    a: &Analysis,
) -> Option<Event> {
    for (kind, re) in &c.events {
        for &(s, e) in sentences {
            let sentence = &text[s..e];
            if re.is_match(sentence)
                && c.partner.is_match(sentence)
                && text::looks_english(sentence)
            {
                return Some(Event {
                    kind: *kind,
                    alternatives: content::alternatives(*kind).to_vec(),
                });
            }
        }
    }
    let worried = a.traps.iter().any(|t| {
        matches!(
            t.id,
            Trap::MindReading
                | Trap::FortuneTelling
                | Trap::Personalization
                | Trap::DiscountingPositive
        )
    });
    if worried && c.third_person.is_match(text) {
        return Some(Event {
            kind: EventKind::Other,
            alternatives: content::alternatives(EventKind::Other).to_vec(),
        });
    }
    None
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn aggregate(text: &str, hits: &mut [Hit], a: &mut Analysis) {
    hits.sort_by(|x, y| x.start.cmp(&y.start).then(y.end.cmp(&x.end)));
    let mut order: Vec<RuleId> = Vec::new();
    for h in hits.iter() {
        if !order.contains(&h.id) {
            order.push(h.id);
        }
    }
    for id in order {
        let mut spans: Vec<Span> = Vec::new();
        let mut conf: f64 = 0.0;
        let mut count = 0usize;
        for h in hits.iter().filter(|h| h.id == id) {
            conf = conf.max(h.confidence);
            count += 1;
            // Skip a span contained in the previous one; merge overlaps.
            if let Some(last) = spans.last_mut() {
                if h.start < last.end {
                    if h.end > last.end {
                        last.end = h.end;
                        last.text = text[last.start..last.end].to_string();
                    }
                    continue;
                }
            }
            if spans.len() < MAX_SPANS {
                spans.push(Span {
                    start: h.start,
                    end: h.end,
                    text: text[h.start..h.end].to_string(),
                });
            }
        }
        if count > 1 {
            conf = (conf + 0.05).min(0.95);
        }
        let confidence = round2(conf);
        match id {
            RuleId::Trap(t) => a.traps.push(TrapFinding {
                id: t,
                confidence,
                spans,
                explanation: content::trap_explanation(t),
                question: content::trap_question(t),
            }),
            RuleId::Horseman(h) => a.communication.horsemen.push(HorsemanFinding {
                id: h,
                confidence,
                spans,
                explanation: content::horseman_explanation(h),
                antidote: content::horseman_antidote(h),
            }),
            RuleId::Indirect(i) => a.communication.indirect.push(IndirectFinding {
                id: i,
                confidence,
                spans,
                explanation: content::indirect_explanation(i),
            }),
            RuleId::Safety(s) => a.safety.push(SafetyFinding {
                id: s,
                confidence,
                spans,
            }),
        }
    }
}
