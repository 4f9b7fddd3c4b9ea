//! Text helpers: bounding input, sentences, quotes, negation, hedges and a language check.

/// Input beyond this many bytes is not analysed (bounded work on huge input).
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// A sentence longer than this many bytes is cut into pieces of about this size.
const MAX_SENTENCE_BYTES: usize = 1000;

/// The largest prefix of `text` that is at most `max` bytes and ends on a char boundary.
pub fn bounded(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Byte ranges of the sentences of `text`, in order. Empty pieces are skipped.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end_here = match b {
            b'\n' => Some(i + 1),
            b'.' | b'!' | b'?' => {
                // Take the run of terminators and closing quotes.
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b')') {
                    j += 1;
                }
                if j >= bytes.len() || bytes[j].is_ascii_whitespace() {
                    Some(j)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(e) = end_here {
            push_piece(text, start, e, &mut out);
            start = e;
            i = e;
            continue;
        }
        // U+2026 (…) also ends a sentence when followed by space.
        if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA6) {
            let e = i + 3;
            if e >= bytes.len() || bytes[e].is_ascii_whitespace() {
                push_piece(text, start, e, &mut out);
                start = e;
                i = e;
                continue;
            }
        }
        if i - start >= MAX_SENTENCE_BYTES && b == b' ' {
            push_piece(text, start, i, &mut out);
            start = i;
        }
        i += 1;
    }
    push_piece(text, start, text.len(), &mut out);
    out
}

fn push_piece(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if s < e {
        out.push((s, e));
    }
}

/// Byte ranges inside double quotes (straight or curly), which are treated as reported speech.
pub fn quoted_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '"') => open = Some((i, '"')),
            (None, '“') => open = Some((i, '”')),
            (Some((s, close)), c) if c == close => {
                out.push((s, i + c.len_utf8()));
                open = None;
            }
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    out
}

/// The part of a sentence prefix that belongs to the same clause as what follows it.
fn clause_tail(prefix: &str) -> &str {
    let mut cut = 0;
    for (i, c) in prefix.char_indices() {
        if matches!(c, ',' | ';' | ':' | '—' | '–' | '(') {
            cut = i + c.len_utf8();
        }
    }
    let lower_idx = find_word_ci(prefix, "but").max(find_word_ci(prefix, "and"));
    if let Some(i) = lower_idx {
        cut = cut.max(i + 3);
    }
    &prefix[cut..]
}

/// The byte index of the last whole-word, case-insensitive occurrence of `word`.
fn find_word_ci(hay: &str, word: &str) -> Option<usize> {
    let hb = hay.as_bytes();
    let wb = word.as_bytes();
    if hb.len() < wb.len() {
        return None;
    }
    let mut i = hb.len() - wb.len();
    loop {
        if hb[i..i + wb.len()].eq_ignore_ascii_case(wb) {
            let before_ok = i == 0 || !hb[i - 1].is_ascii_alphanumeric();
            let after_ok = i + wb.len() == hb.len() || !hb[i + wb.len()].is_ascii_alphanumeric();
            if before_ok && after_ok {
                return Some(i);
            }
        }
        if i == 0 {
            return None;
        }
        i -= 1;
    }
}

/// Words of `s` with curly apostrophes folded to straight ones, lower-cased.
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('’', "'").to_lowercase())
}

const NEGATORS: &[&str] = &[
    "not", "no", "never", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't",
    "won't", "wouldn't", "can't", "cannot", "couldn't", "hardly", "doubt", "nor", "dont", "doesnt",
    "didnt", "isnt", "wont", "cant", "unlikely", "stop", "stopped", "without",
];

const HEDGES: &[&str] = &[
    "maybe", "perhaps", "possibly", "might", "wonder", "unsure", "guess",
];

/// True when the last few words of the clause before a match negate it.
pub fn negated(prefix: &str) -> bool {
    let tail = clause_tail(prefix);
    let ws: Vec<String> = words(tail).collect();
    ws.iter()
        .rev()
        .take(4)
        .any(|w| NEGATORS.contains(&w.as_str()))
}

/// True when the words just before a match report someone else's view ("he thinks", "she said").
pub fn reported(prefix: &str) -> bool {
    let tail = clause_tail(prefix);
    let ws: Vec<String> = words(tail).collect();
    ws.iter().rev().take(2).any(|w| {
        matches!(
            w.as_str(),
            "think"
                | "thinks"
                | "thought"
                | "says"
                | "said"
                | "believes"
                | "calls"
                | "called"
                | "tells"
                | "told"
        )
    })
}

/// True when the clause before a match hedges it ("maybe", "I wonder if").
pub fn hedged(prefix: &str) -> bool {
    let tail = clause_tail(prefix);
    let ws: Vec<String> = words(tail).collect();
    ws.iter()
        .rev()
        .take(5)
        .any(|w| HEDGES.contains(&w.as_str()))
}

const ENGLISH: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my", "your",
    "his", "our", "their", "the", "an", "and", "or", "but", "is", "are", "was", "were", "be",
    "been", "to", "of", "in", "on", "at", "for", "with", "not", "do", "does", "did", "have", "has",
    "had", "this", "that", "so", "if", "what", "why", "can", "will", "would", "should", "just",
    "all", "i'm", "don't", "it's", "he's", "she's", "about", "from", "as", "by", "never", "always",
    "again", "because", "when", "how", "up", "out", "there", "too", "very", "feel",
];

/// Common function words of other languages written in Latin script, chosen not to collide
/// with English words.
const FOREIGN: &[&str] = &[
    // Spanish
    "que", "el", "la", "los", "las", "del", "por", "para", "con", "una", "es", "está", "pero",
    "muy", "siempre", "nunca", "él", "ella", "yo", "nos", "porque", "cuando", "como", "más",
    "también", "lo", "le", "se", "su", "y", "de", "mi", "tu", "sus", "esta", "este", "hay",
    // French
    "les", "des", "du", "et", "est", "je", "il", "elle", "nous", "vous", "pas", "ne", "qui", "pour",
    "avec", "une", "mon", "ma", "mais", "toujours", "jamais", "très", "c'est", "j'ai", "au", "aux",
    "ce", "cette", "sont", "suis", "moi", "toi", // German
    "der", "das", "und", "ist", "nicht", "ich", "du", "er", "sie", "wir", "ihr", "mit", "ein",
    "eine", "zu", "auf", "für", "immer", "nie", "mein", "meine", "aber", "wenn", "dass", "auch",
    "mich", "dich", "sich", "bin", "bist", "nur", "schon", // Portuguese and Italian
    "não", "você", "eu", "ele", "ela", "com", "uma", "mas", "sempre", "muito", "il", "che", "non",
    "sono", "mai", "perché", "della", "questo", "sei", // Dutch
    "het", "een", "niet", "ik", "je", "hij", "zij", "altijd", "nooit", "maar", "dat", "mijn",
];

/// A cheap check that a sentence is written in English: mostly Latin letters, and not more
/// function words of another language than of English.
pub fn looks_english(sentence: &str) -> bool {
    let mut letters = 0usize;
    let mut non_ascii = 0usize;
    for c in sentence.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if !c.is_ascii() {
                non_ascii += 1;
            }
        }
    }
    if letters == 0 {
        return true;
    }
    if non_ascii * 10 > letters * 3 {
        return false;
    }
    let mut en = 0usize;
    let mut foreign = 0usize;
    for w in words(sentence) {
        if ENGLISH.contains(&w.as_str()) {
            en += 1;
        } else if FOREIGN.contains(&w.as_str()) {
            foreign += 1;
        }
    }
    !(foreign >= 2 && foreign > en)
}

/// True when `range` lies entirely inside one of `quotes`.
pub fn inside(quotes: &[(usize, usize)], start: usize, end: usize) -> bool {
    quotes.iter().any(|&(s, e)| s <= start && end <= e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences() {
        let t = "They haven't texted back. They must be pulling away.";
        let s = sentences(t);
        assert_eq!(s.len(), 2);
        assert_eq!(&t[s[1].0..s[1].1], "They must be pulling away.");
    }

    #[test]
    fn negation_window() {
        assert!(negated("I don't think "));
        assert!(negated("I’m not sure "));
        assert!(!negated("He didn't call, so "));
        assert!(!negated("I know "));
    }

    #[test]
    fn language_check() {
        assert!(looks_english("She always calls her mom on Sundays."));
        assert!(!looks_english(
            "Siempre llega tarde y nunca me escucha cuando hablo."
        ));
        assert!(!looks_english("Он никогда меня не слушает."));
        assert!(!looks_english(
            "Il ne m'écoute jamais et je suis toujours seule."
        ));
        assert!(!looks_english(
            "Er hört mir nie zu und ich bin immer allein."
        ));
        assert!(looks_english(
            "Everyone else's boyfriend texts back right away."
        ));
        assert!(looks_english("Other people's partners plan surprises."));
    }

    #[test]
    fn bounded_on_char_boundary() {
        let t = "ééé";
        assert_eq!(bounded(t, 3), "é");
    }
}
