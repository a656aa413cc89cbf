//! Words about quantities, dates and versions: what the number reader needs
//! to tell a count from a label, a date or a version.

/// Units that may follow digits directly (`200ms`, `$40k`, `1M`, `64GB`).
pub const UNIT_SUFFIXES: &[&str] = &[
    "k", "m", "b", "bn", "mm", "ms", "us", "ns", "s", "sec", "secs", "min", "mins", "h", "hr",
    "hrs", "d", "w", "wk", "wks", "mo", "y", "yr", "yrs", "x", "kb", "mb", "gb", "tb", "pb", "kib",
    "mib", "gib", "tib", "bps", "kbps", "mbps", "gbps", "rps", "qps", "tps", "rpm", "vcpu",
    "vcpus", "cpu", "cpus", "pp",
];

/// Measures that keep a hyphenated number a number (`30-day`, `4-hour`),
/// unlike a qualifier such as `8-GPU` or `one-click`.
pub const MEASURE_WORDS: &[&str] = &[
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "ms", "percent", "fold", "x",
];

/// Words that make the number after them a label (`tier 1`, `week 6`,
/// `phase 2`), not a quantity.
pub const LABEL_WORDS: &[&str] = &[
    "tier",
    "phase",
    "step",
    "stage",
    "level",
    "sev",
    "severity",
    "priority",
    "week",
    "month",
    "day",
    "sprint",
    "wave",
    "milestone",
    "version",
    "release",
    "gen",
    "generation",
    "round",
    "iteration",
    "part",
    "chapter",
    "section",
    "layer",
    "item",
    "number",
    "no",
];

/// Month names in full; [`crate::analysis::numbers::is_month`] also takes their abbreviations.
pub const MONTH_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

pub const QUARTER_LABELS: &[&str] = &["q1", "q2", "q3", "q4", "h1", "h2", "fy", "cy"];

/// Words after which a four-digit number is a year (`in 2026`, `Q2 2026`).
pub const YEAR_CONTEXT: &[&str] = &[
    "in", "by", "of", "since", "until", "till", "through", "before", "after", "during", "for",
    "end", "early", "mid", "late", "q1", "q2", "q3", "q4", "h1", "h2", "fy", "cy", "spring",
    "summer", "autumn", "fall", "winter",
];

pub const CURRENCY_WORDS: &[&str] = &["usd", "eur", "gbp", "chf", "dollars", "euros"];

/// Number words as rules.md counts them, plus multipliers that state how
/// much on their own ("double", "halve").
pub const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "half",
    "halve",
    "double",
    "triple",
    "quadruple",
    "twice",
    "tenfold",
];

/// Words for no quantity left, a target after "to" ("from 6 per month to
/// none").
pub const NONE_LEFT: &[&str] = &["none", "nothing", "nil"];

/// Words that say a plain number pair is a version upgrade, not a measure.
pub const VERSION_WORDS: &[&str] = &[
    "upgrade",
    "upgrades",
    "upgraded",
    "upgrading",
    "update",
    "updates",
    "updated",
    "updating",
    "bump",
    "bumps",
    "bumped",
    "version",
    "versions",
];

pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
