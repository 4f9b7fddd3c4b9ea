//! WhatsApp's "Export chat" .txt files, from iOS and Android, in many locales.
//!
//! The parse runs in passes over the lines, each linear in the input:
//!
//! 1. find the lines that look like a message header (date, time, then `]` or ` - `);
//! 2. keep only the headers of the file's dominant shape (brackets or dash, seconds or not,
//!    12- or 24-hour clock): a header of another shape cannot have been written by the same
//!    exporter, so it is text someone pasted into a message;
//! 3. work out the date order from all those headers together (or take the caller's);
//! 4. drop headers whose time goes backwards and comes back within a few headers: such a line
//!    sits inside a multi-line message and is a quoted or forged header, not a message;
//! 5. gather continuation lines and classify each message (text, media, deleted, call, system).

use std::sync::OnceLock;

use jiff::civil::{Date, DateTime, Time};
use regex::Regex;

use crate::error::ChatError;
use crate::types::{
    participants_of, Call, Chat, DateOrder, DateOrderUsed, ExportFormat, Message, MessageKind,
    Notes,
};
use crate::ParseOptions;

/// How many headers in a row may go backwards and still be taken as text inside the message
/// before them, when the time then comes back. Longer runs are real (a clock change).
const FORGED_RUN_MAX: usize = 4;

/// How much of a line the header pattern looks at (a header is far shorter).
const HEADER_SCAN_BYTES: usize = 160;

/// The longest sender name accepted; a longer "name" is a system line that contains `: `.
const MAX_SENDER_CHARS: usize = 100;

/// Direction marks and the byte-order mark: invisible, and written by WhatsApp in odd places.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

fn header_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Spaces may be plain, no-break (U+00A0) or narrow no-break (U+202F).
        #[allow(clippy::expect_used)] // a constant pattern, covered by every test
        Regex::new(
            r"(?x)
            ^[\u{200E}\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{FEFF}]*
            (?P<open>\[)?
            [\u{200E}\u{200F}]*
            (?P<date>
              (?P<a>\d{1,4})(?P<s1>[./-])[\ \u{00A0}]?(?P<b>\d{1,2})(?P<s2>[./-])[\ \u{00A0}]?(?P<c>\d{1,4})
            )\.?
            ,?[\ \u{00A0}\u{202F}]+
            (?:klo\ )?
            (?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?
            (?:[\ \u{00A0}\u{202F}]*(?P<ap>[aApP])\.?[\ \u{00A0}\u{202F}]?[mM]\.?)?
            [\u{200E}\u{200F}]*
            (?:
              (?P<close>\])[\ \u{00A0}\u{202F}]?
              |
              [\ \u{00A0}\u{202F}]+[-\u{2013}][\ \u{00A0}\u{202F}]
              |
              (?P<colon>:)\ 
            )
            ",
        )
        .expect("header pattern compiles")
    })
}

/// The parts of a line that looks like a header, before the date order is known.
#[derive(Debug, Clone)]
struct RawHeader<'a> {
    line: usize,
    shape: Shape,
    date_text: &'a str,
    a: u32,
    b: u32,
    c: u32,
    c_digits: usize,
    hour: u32,
    minute: u32,
    second: u32,
    pm: Option<bool>,
    rest: &'a str,
}

/// What stays the same on every header line one exporter writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Shape {
    bracket: bool,
    year_first: bool,
    seconds: bool,
    twelve_hour: bool,
    separator: char,
    colon: bool,
}

fn raw_header(line_no: usize, line: &str) -> Option<RawHeader<'_>> {
    // A header is short: the regex only ever sees the start of a line, however long it is.
    let mut cut = line.len().min(HEADER_SCAN_BYTES);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    let caps = header_regex().captures(&line[..cut])?;
    let whole = caps.get(0)?;
    let bracket = caps.name("open").is_some();
    if bracket != caps.name("close").is_some() {
        return None;
    }
    let s1 = caps.name("s1")?.as_str();
    if s1 != caps.name("s2")?.as_str() {
        return None;
    }
    let a_text = caps.name("a")?.as_str();
    let c_text = caps.name("c")?.as_str();
    let year_first = a_text.len() == 4;
    let plausible = if year_first {
        c_text.len() <= 2
    } else {
        a_text.len() <= 2 && (c_text.len() == 2 || c_text.len() == 4)
    };
    if !plausible {
        return None;
    }
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let pm = caps
        .name("ap")
        .map(|m| m.as_str().eq_ignore_ascii_case("p"));
    Some(RawHeader {
        line: line_no,
        shape: Shape {
            bracket,
            year_first,
            seconds: caps.name("s").is_some(),
            twelve_hour: pm.is_some(),
            separator: s1.chars().next().unwrap_or('/'),
            colon: caps.name("colon").is_some(),
        },
        date_text: caps.name("date")?.as_str(),
        a: num("a")?,
        b: num("b")?,
        c: num("c")?,
        c_digits: c_text.len(),
        hour: num("h")?,
        minute: num("mi")?,
        second: num("s").unwrap_or(0),
        pm,
        rest: line.get(whole.end()..)?,
    })
}

/// Which orders the first two numbers of a (not year-first) date allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    DayFirst,
    MonthFirst,
    Either,
    Neither,
}

fn evidence(h: &RawHeader<'_>) -> Evidence {
    let day_first = (1..=31).contains(&h.a) && (1..=12).contains(&h.b);
    let month_first = (1..=12).contains(&h.a) && (1..=31).contains(&h.b);
    match (day_first, month_first) {
        (true, true) => Evidence::Either,
        (true, false) => Evidence::DayFirst,
        (false, true) => Evidence::MonthFirst,
        (false, false) => Evidence::Neither,
    }
}

fn choose_order(
    headers: &[RawHeader<'_>],
    year_first: bool,
    given: Option<DateOrder>,
) -> Result<DateOrderUsed, ChatError> {
    let example = |e: Evidence| {
        headers
            .iter()
            .find(|h| evidence(h) == e)
            .map(|h| h.date_text.to_string())
            .unwrap_or_default()
    };
    if year_first {
        return match given {
            None | Some(DateOrder::YearMonthDay) => Ok(DateOrderUsed {
                order: DateOrder::YearMonthDay,
                given: given.is_some(),
            }),
            Some(g) => Err(ChatError::DateOrderMismatch {
                given: g,
                example: headers
                    .first()
                    .map(|h| h.date_text.to_string())
                    .unwrap_or_default(),
            }),
        };
    }
    let day_first = headers
        .iter()
        .filter(|h| evidence(h) == Evidence::DayFirst)
        .count();
    let month_first = headers
        .iter()
        .filter(|h| evidence(h) == Evidence::MonthFirst)
        .count();
    if let Some(g) = given {
        let contradicted = match g {
            DateOrder::DayMonthYear => day_first == 0 && month_first > 0,
            DateOrder::MonthDayYear => month_first == 0 && day_first > 0,
            DateOrder::YearMonthDay => true,
        };
        if contradicted {
            let e = if g == DateOrder::DayMonthYear {
                Evidence::MonthFirst
            } else {
                Evidence::DayFirst
            };
            let example = headers
                .iter()
                .find(|h| g == DateOrder::YearMonthDay || evidence(h) == e)
                .map(|h| h.date_text.to_string())
                .unwrap_or_default();
            return Err(ChatError::DateOrderMismatch { given: g, example });
        }
        return Ok(DateOrderUsed {
            order: g,
            given: true,
        });
    }
    let order = match (day_first, month_first) {
        (0, 0) => {
            return Err(ChatError::AmbiguousDateOrder {
                example: example(Evidence::Either),
            })
        }
        (d, m) if d > m => DateOrder::DayMonthYear,
        (d, m) if m > d => DateOrder::MonthDayYear,
        (d, m) => {
            return Err(ChatError::ConflictingDateOrder {
                day_first: d,
                day_first_example: example(Evidence::DayFirst),
                month_first: m,
                month_first_example: example(Evidence::MonthFirst),
            })
        }
    };
    Ok(DateOrderUsed {
        order,
        given: false,
    })
}

/// The header's civil date-time under `order`, or `None` when it is not a valid one.
fn civil(h: &RawHeader<'_>, order: DateOrder, buddhist: bool) -> Option<DateTime> {
    let (y, m, d) = match order {
        DateOrder::DayMonthYear => (h.c, h.b, h.a),
        DateOrder::MonthDayYear => (h.c, h.a, h.b),
        DateOrder::YearMonthDay => (h.a, h.b, h.c),
    };
    let digits = if order == DateOrder::YearMonthDay {
        4
    } else {
        h.c_digits
    };
    let mut year = if digits == 2 { 2000 + y } else { y };
    if buddhist {
        year = year.checked_sub(543)?;
    }
    let hour = match h.pm {
        None => h.hour,
        // Some locales write 00:08 a. m.; 12 a.m. is midnight and 12 p.m. is noon.
        Some(pm) => {
            if h.hour > 12 {
                return None;
            }
            (h.hour % 12) + if pm { 12 } else { 0 }
        }
    };
    let date = Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()?;
    let time = Time::new(
        i8::try_from(hour).ok()?,
        i8::try_from(h.minute).ok()?,
        i8::try_from(h.second).ok()?,
        0,
    )
    .ok()?;
    Some(date.to_datetime(time))
}

pub(crate) fn parse(text: &str, options: &ParseOptions) -> Result<Chat, ChatError> {
    if text.len() > options.max_bytes {
        return Err(ChatError::TooLarge {
            size: text.len(),
            limit: options.max_bytes,
        });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ChatError::Empty);
    }
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut notes = Notes::default();

    // Pass 1: every line that looks like a header.
    let raw: Vec<RawHeader<'_>> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| raw_header(i + 1, l))
        .collect();
    if raw.is_empty() {
        return Err(ChatError::NotWhatsApp);
    }

    // Pass 2: the dominant shape.
    let mut counts: Vec<(Shape, usize)> = Vec::new();
    for h in &raw {
        match counts.iter_mut().find(|(s, _)| *s == h.shape) {
            Some((_, n)) => *n += 1,
            None => counts.push((h.shape, 1)),
        }
    }
    let mut shape = counts[0].0;
    let mut best = 0;
    for (s, n) in &counts {
        if *n > best {
            best = *n;
            shape = *s;
        }
    }
    let mut headers: Vec<RawHeader<'_>> = Vec::with_capacity(raw.len());
    for h in raw {
        if h.shape == shape {
            headers.push(h);
        } else {
            notes.push(
                Some(h.line),
                "this line looks like a message header but is written differently from the \
                 export's own headers, so it is read as part of the message before it",
            );
        }
    }

    // Pass 3: the date order.
    let order = choose_order(&headers, shape.year_first, options.date_order)?;
    let buddhist = !headers.is_empty()
        && headers.iter().all(|h| {
            let year = match order.order {
                DateOrder::YearMonthDay => h.a,
                _ if h.c_digits == 4 => h.c,
                _ => 0,
            };
            year >= 2400
        });
    if buddhist {
        notes.push(
            None,
            "the years are in the Buddhist era (543 years ahead); they were converted",
        );
    }
    let mut timed: Vec<(RawHeader<'_>, DateTime)> = Vec::with_capacity(headers.len());
    for h in headers {
        match civil(&h, order.order, buddhist) {
            Some(at) => timed.push((h, at)),
            None => notes.push(
                Some(h.line),
                format!(
                    "`{}` is not a valid date and time when read as {}, so this line is read \
                     as part of the message before it",
                    h.date_text, order.order
                ),
            ),
        }
    }
    if timed.is_empty() {
        return Err(ChatError::NotWhatsApp);
    }

    // Pass 4: headers that go backwards and come back are text inside the previous message.
    let mut accepted: Vec<(RawHeader<'_>, DateTime)> = Vec::with_capacity(timed.len());
    let mut i = 0;
    while i < timed.len() {
        let at = timed[i].1;
        let Some(last) = accepted.last().map(|(h, t)| (h.line, *t)) else {
            accepted.push(timed[i].clone());
            i += 1;
            continue;
        };
        // Nobody can type inside a line the app wrote, so a header after one is real.
        let after_system = accepted
            .last()
            .is_some_and(|(h, _)| match split_sender(h.rest) {
                None => true,
                Some((_, text)) => is_encryption_notice(trim_marks(text)),
            });
        if at >= last.1 || after_system {
            accepted.push(timed[i].clone());
            i += 1;
            continue;
        }
        let back = (i + 1..timed.len().min(i + FORGED_RUN_MAX + 1)).find(|&j| timed[j].1 >= last.1);
        match back {
            Some(j) => {
                for (h, t) in &timed[i..j] {
                    notes.push(
                        Some(h.line),
                        format!(
                            "this line looks like a message header ({t}) but its time is \
                             earlier than the message it follows (line {}, {}) and the next \
                             message is later again, so it is read as quoted text inside that \
                             message",
                            last.0, last.1
                        ),
                    );
                }
                i = j;
            }
            None => {
                notes.push(
                    Some(timed[i].0.line),
                    format!("the time goes backwards here ({} after {})", at, last.1),
                );
                accepted.push(timed[i].clone());
                i += 1;
            }
        }
    }

    // Pass 5: bodies and kinds.
    let first_line = accepted[0].0.line;
    if lines[..first_line - 1].iter().any(|l| !l.trim().is_empty()) {
        notes.push(
            Some(1),
            format!(
                "lines 1 to {} come before the first message and were skipped",
                first_line - 1
            ),
        );
    }
    let ios = shape.bracket;
    let mut messages = Vec::with_capacity(accepted.len());
    for (k, (h, at)) in accepted.iter().enumerate() {
        let end = accepted
            .get(k + 1)
            .map(|(n, _)| n.line - 1)
            .unwrap_or(lines.len());
        let continuation = lines.get(h.line..end).unwrap_or(&[]);
        let mut m = classify(h.rest, continuation, *at, ios);
        m.line = Some(h.line);
        messages.push(m);
    }

    Ok(Chat {
        format: if ios {
            ExportFormat::WhatsAppIos
        } else {
            ExportFormat::WhatsAppAndroid
        },
        name: None,
        participants: participants_of(&messages),
        messages,
        date_order: Some(order),
        notes: notes.finish(),
    })
}

fn trim_marks(s: &str) -> &str {
    s.trim_matches(|c: char| is_mark(c) || c.is_whitespace())
}

/// Splits `Name: text` into the sender and the text, or `None` for a system line.
fn split_sender(rest: &str) -> Option<(&str, &str)> {
    let (name, text) = match rest.find(": ") {
        Some(i) => (&rest[..i], &rest[i + 2..]),
        None => (rest.strip_suffix(':')?, ""),
    };
    let name = trim_marks(name);
    if name.is_empty() || name.chars().count() > MAX_SENDER_CHARS {
        return None;
    }
    // A group-change line can contain `: ` inside quotes; no name does.
    const CHANGE: &[&str] = &[
        " created group ",
        " changed the subject",
        " changed the group name",
        " changed the group description",
        " changed this group's",
        " hat den Betreff",
        " cambió el asunto",
    ];
    // …and no name has an unclosed quote, as `Kim created group "Trip: July"` would.
    let quotes = name
        .chars()
        .filter(|c| matches!(c, '"' | '“' | '”'))
        .count();
    if quotes % 2 == 1 || CHANGE.iter().any(|p| name.contains(p)) {
        return None;
    }
    Some((name, text))
}

fn strip_edited(text: &str) -> Option<&str> {
    const MARKERS: &[&str] = &[
        "<This message was edited>",
        "<Diese Nachricht wurde bearbeitet>",
        "<Se editó este mensaje.>",
        "<Ce message a été modifié>",
    ];
    let trimmed = text.trim_end();
    MARKERS.iter().find_map(|m| {
        trimmed
            .strip_suffix(m)
            .map(|t| t.trim_end_matches(|c: char| is_mark(c) || c.is_whitespace()))
    })
}

fn is_encryption_notice(text: &str) -> bool {
    const NOTICES: &[&str] = &[
        "Messages and calls are end-to-end encrypted",
        "Messages to this group are now secured with end-to-end encryption",
        "Messages to this chat and calls are now secured with end-to-end encryption",
        "Messages you send to this chat and calls are now secured with end-to-end encryption",
        "Your security code with ",
        "Los mensajes y las llamadas están cifrados de extremo a extremo",
        "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
        "Les messages et les appels sont chiffrés de bout en bout",
    ];
    NOTICES.iter().any(|n| text.starts_with(n))
}

fn is_deleted(text: &str) -> bool {
    const DELETED: &[&str] = &[
        "This message was deleted",
        "You deleted this message",
        "Diese Nachricht wurde gelöscht",
        "Du hast diese Nachricht gelöscht",
        "Se eliminó este mensaje",
        "Eliminaste este mensaje",
        "Ce message a été supprimé",
        "Vous avez supprimé ce message",
    ];
    let t = text.trim_end_matches('.');
    DELETED.contains(&t)
}

fn is_media_omitted(text: &str) -> bool {
    const OMITTED: &[&str] = &[
        "<Media omitted>",
        "<Medien ausgeschlossen>",
        "<Multimedia omitido>",
        "<Médias omis>",
        "<Media weggelaten>",
        "<Mídia oculta>",
        "<Media omessi>",
        // Android writes `null` for view-once media.
        "null",
    ];
    if OMITTED.contains(&text) {
        return true;
    }
    // iOS: "image omitted", "video omitted", "sticker omitted", "Contact card omitted"…
    const IOS: &[&str] = &[
        "image",
        "video",
        "audio",
        "sticker",
        "GIF",
        "document",
        "Contact card",
    ];
    text.strip_suffix(" omitted")
        .is_some_and(|what| IOS.contains(&what))
}

/// The file name of an attachment line, if it is one.
fn attachment(first: &str) -> Option<&str> {
    let first = first.trim();
    if let Some(inner) = first.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        if let Some(file) = trim_marks(inner).strip_prefix("attached:") {
            return Some(trim_marks(file));
        }
    }
    const SUFFIXES: &[&str] = &[
        "(file attached)",
        "(Datei angehängt)",
        "(archivo adjunto)",
        "(fichier joint)",
        "(arquivo anexado)",
        "(file allegato)",
        "<attached>",
        "<\u{200E}attached>",
    ];
    SUFFIXES.iter().find_map(|s| {
        first
            .strip_suffix(s)
            .map(trim_marks)
            .filter(|f| !f.is_empty())
    })
}

fn call(text: &str) -> Option<Call> {
    let lower = text.to_lowercase();
    let (missed, rest) = match lower.strip_prefix("missed ") {
        Some(r) => (true, r),
        None => (false, lower.as_str()),
    };
    let rest = rest.strip_prefix("group ").unwrap_or(rest);
    let (video, rest) = if let Some(r) = rest.strip_prefix("voice call") {
        (false, r)
    } else if let Some(r) = rest.strip_prefix("video call") {
        (true, r)
    } else {
        return None;
    };
    let rest = trim_marks(rest);
    if !(rest.is_empty() || rest.starts_with(',')) {
        return None;
    }
    let duration_seconds = duration(rest);
    Some(Call {
        missed: missed || rest.contains("no answer"),
        video,
        duration_seconds,
    })
}

/// "12 min", "45 sec", "1 hr" after a call, best effort.
fn duration(rest: &str) -> Option<u64> {
    let words: Vec<&str> = rest
        .split(|c: char| c == ',' || c.is_whitespace() || is_mark(c))
        .filter(|w| !w.is_empty())
        .collect();
    let mut total: Option<u64> = None;
    for pair in words.windows(2) {
        let Ok(n) = pair[0].parse::<u64>() else {
            continue;
        };
        let unit = match pair[1] {
            u if u.starts_with("sec") => 1,
            u if u.starts_with("min") => 60,
            u if u.starts_with("hr") || u.starts_with("hour") => 3600,
            _ => continue,
        };
        total = Some(total.unwrap_or(0).saturating_add(n.saturating_mul(unit)));
    }
    total
}

fn classify(rest: &str, continuation: &[&str], at: DateTime, ios: bool) -> Message {
    let mut body = String::with_capacity(rest.len());
    body.push_str(rest);
    for l in continuation {
        body.push('\n');
        body.push_str(l);
    }
    let body_end = body.trim_end_matches(['\n', '\r']).len();
    body.truncate(body_end);

    let Some((sender, text)) = split_sender(&body) else {
        return Message::new(None, at, trim_marks(&body).to_string(), MessageKind::System);
    };
    let sender = sender.to_string();
    // iOS starts app-written text (media, deleted, system) with a left-to-right mark.
    let marked = text.starts_with('\u{200E}');
    let text = text.trim_start_matches(is_mark);
    let (text, edited) = match strip_edited(text) {
        Some(t) => (t, true),
        None => (text, false),
    };
    let (first, after) = match text.split_once('\n') {
        Some((f, a)) => (f, Some(a)),
        None => (text, None),
    };
    let first_clean = trim_marks(first);

    let mut m = if is_encryption_notice(first_clean) {
        Message::new(None, at, text.to_string(), MessageKind::System)
    } else if after.is_none() && is_deleted(first_clean) {
        Message::new(Some(sender), at, String::new(), MessageKind::Deleted)
    } else if is_media_omitted(first_clean) {
        Message::new(
            Some(sender),
            at,
            after.unwrap_or("").to_string(),
            MessageKind::Media,
        )
    } else if let Some(file) = attachment(first_clean) {
        let mut m = Message::new(
            Some(sender),
            at,
            after.unwrap_or("").to_string(),
            MessageKind::Media,
        );
        m.attachment = Some(file.to_string());
        m
    } else if let Some(c) = after.is_none().then(|| call(first_clean)).flatten() {
        let mut m = Message::new(Some(sender), at, String::new(), MessageKind::Call);
        m.call = Some(c);
        m
    } else if ios && marked {
        Message::new(None, at, text.to_string(), MessageKind::System)
    } else {
        Message::new(Some(sender), at, text.to_string(), MessageKind::Text)
    };
    m.edited = edited;
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ParseOptions {
        ParseOptions::default()
    }

    fn dt(s: &str) -> DateTime {
        s.parse().unwrap()
    }

    #[test]
    fn android_24h_day_first() {
        let chat = parse(
            "14/02/2024, 09:03 - Mia: morning!\n14/02/2024, 09:10 - Theo: hi\nhow did you sleep?\n",
            &opts(),
        )
        .unwrap();
        assert_eq!(chat.format, ExportFormat::WhatsAppAndroid);
        assert_eq!(chat.participants, ["Mia", "Theo"]);
        assert_eq!(chat.messages.len(), 2);
        assert_eq!(chat.messages[1].text, "hi\nhow did you sleep?");
        assert_eq!(chat.messages[1].at, dt("2024-02-14T09:10:00"));
        assert_eq!(chat.messages[1].line, Some(2));
        assert_eq!(chat.date_order.unwrap().order, DateOrder::DayMonthYear);
        assert!(!chat.date_order.unwrap().given);
    }

    #[test]
    fn ios_12h_month_first_with_narrow_spaces_and_marks() {
        let text = "[2/14/24, 9:03:05\u{202F}PM] Mia: hey\r\n\u{200E}[2/14/24, 9:04:00\u{202F}PM] Theo: \u{200E}video omitted\r\n[2/15/24, 12:01:00\u{202F}AM] Mia: night\r\n";
        let chat = parse(text, &opts()).unwrap();
        assert_eq!(chat.format, ExportFormat::WhatsAppIos);
        assert_eq!(chat.messages.len(), 3);
        assert_eq!(chat.messages[0].at, dt("2024-02-14T21:03:05"));
        assert_eq!(chat.messages[1].kind, MessageKind::Media);
        assert_eq!(chat.messages[1].sender.as_deref(), Some("Theo"));
        assert_eq!(chat.messages[2].at, dt("2024-02-15T00:01:00"));
        assert_eq!(chat.date_order.unwrap().order, DateOrder::MonthDayYear);
    }

    #[test]
    fn spanish_p_m_with_no_break_space() {
        let text =
            "20/3/2022 8:15 p.\u{00A0}m. - Lu: hola\n20/3/2022 12:30 a.\u{00A0}m. - Lu: ups\n";
        let chat = parse(text, &opts()).unwrap();
        assert_eq!(chat.messages[0].at, dt("2022-03-20T20:15:00"));
        assert_eq!(chat.messages[1].at, dt("2022-03-20T00:30:00"));
        assert_eq!(chat.notes.len(), 1, "backwards time is noted");
    }

    #[test]
    fn year_first_and_dotted_dates() {
        let chat = parse("2023-07-01, 18:00 - A: x\n", &opts()).unwrap();
        assert_eq!(chat.messages[0].at, dt("2023-07-01T18:00:00"));
        let chat = parse("01.07.23, 18:00 - A: x\n30.07.23, 18:00 - B: y\n", &opts()).unwrap();
        assert_eq!(chat.messages[0].at, dt("2023-07-01T18:00:00"));
    }

    #[test]
    fn ambiguous_order_is_reported_and_can_be_given() {
        let text = "02/03/22, 10:00 - A: one\n05/03/22, 10:00 - B: two\n";
        let err = parse(text, &opts()).unwrap_err();
        assert!(matches!(err, ChatError::AmbiguousDateOrder { .. }), "{err}");
        assert!(err.to_string().contains("02/03/22"));
        let given = ParseOptions {
            date_order: Some(DateOrder::MonthDayYear),
            ..opts()
        };
        let chat = parse(text, &given).unwrap();
        assert_eq!(chat.messages[1].at, dt("2022-05-03T10:00:00"));
        assert!(chat.date_order.unwrap().given);
    }

    #[test]
    fn a_given_order_that_cannot_fit_is_an_error() {
        let given = ParseOptions {
            date_order: Some(DateOrder::MonthDayYear),
            ..opts()
        };
        let err = parse("25/03/22, 10:00 - A: one\n", &given).unwrap_err();
        assert!(matches!(err, ChatError::DateOrderMismatch { .. }), "{err}");
    }

    #[test]
    fn system_lines_have_no_sender() {
        let text =
            "09/08/21, 10:00 - Messages and calls are end-to-end encrypted. Tap to learn more.\n\
                    09/08/21, 10:01 - Kim created group \"Trip: July\"\n\
                    09/08/21, 10:02 - Kim changed the subject from \"a\" to \"Trip: August\"\n\
                    09/08/21, 10:03 - Kim: I added the dates\n\
                    25/08/21, 10:04 - Jo left\n";
        let chat = parse(text, &opts()).unwrap();
        let kinds: Vec<_> = chat.messages.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                MessageKind::System,
                MessageKind::System,
                MessageKind::System,
                MessageKind::Text,
                MessageKind::System
            ]
        );
        assert_eq!(chat.participants, ["Kim"]);
        assert_eq!(chat.messages[4].text, "Jo left");
    }

    #[test]
    fn ios_encryption_notice_from_the_other_person_is_system() {
        let text =
            "[13/05/2022, 08:00:00] Rae: \u{200E}Messages and calls are end-to-end encrypted.\n\
                    [13/05/2022, 08:01:00] Sol: hi\n";
        let chat = parse(text, &opts()).unwrap();
        assert_eq!(chat.messages[0].sender, None);
        assert_eq!(chat.messages[0].kind, MessageKind::System);
        assert_eq!(chat.participants, ["Sol"]);
    }

    #[test]
    fn media_deleted_edited_and_calls() {
        let text = "13/05/2022, 08:00 - Rae: <Media omitted>\n\
                    13/05/2022, 08:01 - Rae: This message was deleted\n\
                    13/05/2022, 08:02 - Sol: see you <This message was edited>\n\
                    13/05/2022, 08:03 - Sol: PTT-20220513-WA0003.opus (file attached)\n\
                    13/05/2022, 08:04 - Rae: Missed voice call\n";
        let chat = parse(text, &opts()).unwrap();
        let m = &chat.messages;
        assert_eq!(m[0].kind, MessageKind::Media);
        assert_eq!(m[0].text, "");
        assert_eq!(m[1].kind, MessageKind::Deleted);
        assert_eq!(m[1].sender.as_deref(), Some("Rae"));
        assert_eq!((m[2].text.as_str(), m[2].edited), ("see you", true));
        assert_eq!(m[3].attachment.as_deref(), Some("PTT-20220513-WA0003.opus"));
        assert_eq!(m[4].kind, MessageKind::Call);
        assert!(m[4].call.unwrap().missed);
    }

    #[test]
    fn words_like_added_or_left_in_a_message_are_not_system() {
        let text = "13/05/2022, 08:00 - Rae: I left it, you added it\n";
        let chat = parse(text, &opts()).unwrap();
        assert_eq!(chat.messages[0].kind, MessageKind::Text);
    }

    #[test]
    fn a_quoted_header_that_goes_back_in_time_stays_inside_the_message() {
        let text = "13/05/2022, 20:00 - Rae: he wrote this:\n\
                    13/05/2022, 19:00 - Sol: forged words\n\
                    13/05/2022, 20:05 - Sol: what?\n";
        let chat = parse(text, &opts()).unwrap();
        assert_eq!(chat.messages.len(), 2);
        assert_eq!(
            chat.messages[0].text,
            "he wrote this:\n13/05/2022, 19:00 - Sol: forged words"
        );
        assert_eq!(chat.notes[0].line, Some(2));
    }

    #[test]
    fn a_clock_that_goes_back_for_good_is_believed() {
        let mut text = String::from("13/05/2022, 20:00 - Rae: a\n");
        for m in 0..6 {
            text.push_str(&format!("13/05/2022, 19:0{m} - Sol: b{m}\n"));
        }
        let chat = parse(&text, &opts()).unwrap();
        assert_eq!(chat.messages.len(), 7);
    }

    #[test]
    fn a_header_of_another_shape_is_text() {
        let text = "13/05/2022, 20:00 - Rae: look\n[13/05/2022, 20:01:00] Sol: fake\n13/05/2022, 20:05 - Sol: ok\n";
        let chat = parse(text, &opts()).unwrap();
        assert_eq!(chat.messages.len(), 2);
        assert!(chat.messages[0].text.ends_with("Sol: fake"));
    }

    #[test]
    fn invalid_dates_are_text() {
        let text = "31/01/2022, 20:00 - Rae: a\n31/02/2022, 20:00 - Sol: b\n";
        let chat = parse(text, &opts()).unwrap();
        assert_eq!(chat.messages.len(), 1);
    }

    #[test]
    fn buddhist_years_are_converted() {
        let chat = parse("13/05/2565, 20:00 - Rae: a\n", &opts()).unwrap();
        assert_eq!(chat.messages[0].at, dt("2022-05-13T20:00:00"));
    }

    #[test]
    fn errors() {
        assert_eq!(parse("", &opts()).unwrap_err(), ChatError::Empty);
        assert_eq!(
            parse("hello\nworld", &opts()).unwrap_err(),
            ChatError::NotWhatsApp
        );
        let small = ParseOptions {
            max_bytes: 4,
            ..opts()
        };
        assert!(matches!(
            parse("13/05/2022, 20:00 - Rae: a", &small).unwrap_err(),
            ChatError::TooLarge { .. }
        ));
    }

    #[test]
    fn lines_before_the_first_header_are_noted() {
        let chat = parse("junk\n13/05/2022, 20:00 - Rae: a\n", &opts()).unwrap();
        assert_eq!(chat.messages.len(), 1);
        assert_eq!(chat.notes[0].line, Some(1));
    }

    #[test]
    fn call_durations() {
        let c = call("Voice call, \u{200E}12 min").unwrap();
        assert_eq!(c.duration_seconds, Some(720));
        assert!(!c.missed);
        assert!(call("Video call").unwrap().video);
        assert!(call("voice call me later").is_none());
    }
}
