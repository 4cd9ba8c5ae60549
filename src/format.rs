//! Numbers and dates as readers see them. Formatting happens here, in Rust,
//! so templates only place strings.

use jiff::civil::Date;

/// `2026-10-30` as `30 Oct 2026`.
pub fn date(d: Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}

/// `n` of `noun`, in the singular for one: `1 decision`, `3 stories`,
/// `0 backlog items`. Every count printed to readers goes through here.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let stem = noun.strip_suffix('y');
    let plural = match stem {
        Some(stem) if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{stem}ies"),
        _ if noun.ends_with(['s', 'x']) || noun.ends_with("ch") || noun.ends_with("sh") => {
            format!("{noun}es")
        }
        _ => format!("{noun}s"),
    };
    format!("{n} {plural}")
}

/// A number with thousands separators and at most two decimals, no
/// trailing zeros: `40000` -> `40,000`, `2.50` -> `2.5`.
pub fn number(n: f64) -> String {
    let negative = n < 0.0;
    let rounded = (n.abs() * 100.0).round() / 100.0;
    let whole = rounded.trunc() as u64;
    let cents = ((rounded - rounded.trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if cents > 0 {
        let frac = format!("{cents:02}");
        out.push('.');
        out.push_str(frac.trim_end_matches('0'));
    }
    if negative && (whole > 0 || cents > 0) {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(40000.0), "40,000");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(6666.666), "6,666.67");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(1234567.0), "1,234,567");
    }

    #[test]
    fn counts_read_right() {
        assert_eq!(count(1, "decision"), "1 decision");
        assert_eq!(count(2, "decision"), "2 decisions");
        assert_eq!(count(0, "backlog item"), "0 backlog items");
        assert_eq!(count(3, "story"), "3 stories");
        assert_eq!(count(1, "story"), "1 story");
        assert_eq!(count(7, "day"), "7 days");
        assert_eq!(count(2, "match"), "2 matches");
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(date(jiff::civil::date(2026, 9, 4)), "4 Sep 2026");
    }
}
