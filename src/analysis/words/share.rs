//! The words the scope-share reader knows: service levels, completion,
//! positions, parts of a whole and time.

pub const SERVICE_LEVEL_WORDS: &[&str] = &[
    "availability",
    "available",
    "uptime",
    "downtime",
    "slo",
    "slos",
    "sla",
    "slas",
    "sli",
    "slis",
    "latency",
    "latencies",
    "percentile",
    "percentiles",
    "durability",
    "apdex",
    "error",
    "errors",
    "success",
    "successful",
    "succeed",
    "failure",
    "failures",
    "utilization",
    "utilisation",
    "accuracy",
    "precision",
    "recall",
    "satisfaction",
    "nps",
    "csat",
    "budget",
    "burn",
    "reliability",
    "flaky",
    "flakiness",
];

pub const TIME_BOUND_UNITS: &[&str] = &[
    "ms", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "h", "hour",
    "hours", "day", "days",
];

pub const LOWERING_OR_HOLDING: &[&str] = &[
    "reduce",
    "cut",
    "lower",
    "decrease",
    "drop",
    "shrink",
    "trim",
    "halve",
    "minimize",
    "minimise",
    "eliminate",
    "limit",
    "cap",
    "keep",
    "hold",
    "maintain",
    "sustain",
    "stay",
    "remain",
    "save",
    "reclaim",
    "free",
    "allocate",
    "spend",
    "dedicate",
    "reserve",
    "invest",
];

pub const CEILINGS: &[&str] = &[
    "below", "under", "than", "most", "max", "maximum", "within", "at", "by",
];

pub const COMPLETION: &[&str] = &[
    "complete",
    "completed",
    "done",
    "migrated",
    "migration",
    "adopted",
    "adoption",
    "coverage",
    "covered",
    "rolled",
    "onboarded",
    "finished",
    "deployed",
    "compliant",
    "compliance",
    "converted",
    "moved",
];

pub const RELATIVE_CHANGE: &[&str] = &[
    "more",
    "less",
    "fewer",
    "faster",
    "slower",
    "higher",
    "lower",
    "cheaper",
    "smaller",
    "larger",
    "bigger",
    "increase",
    "decrease",
    "reduction",
    "improvement",
    "growth",
];

pub const POSITIONS: &[&str] = &[
    "phase",
    "step",
    "stage",
    "milestone",
    "part",
    "wave",
    "sprint",
    "week",
    "month",
    "quarter",
    "day",
    "year",
    "chapter",
    "item",
    "page",
    "level",
    "tier",
    "batch",
    "round",
    "release",
    "version",
    "iteration",
    "no",
    "number",
    "kr",
    "okr",
];

pub const SHARE_DETERMINERS: &[&str] = &[
    "the", "our", "its", "their", "these", "those", "all", "your",
];

pub const REPEATED_THINGS: &[&str] = &[
    "days",
    "weeks",
    "months",
    "quarters",
    "years",
    "hours",
    "minutes",
    "seconds",
    "sprints",
    "releases",
    "builds",
    "deploys",
    "deployments",
    "runs",
];

/// "Pick one of the 3 vendors" is a choice, not a share of the work.
pub const CHOOSING: &[&str] = &[
    "choose",
    "pick",
    "select",
    "decide",
    "shortlist",
    "recommend",
];

pub const PART_OF: &[&str] = &[
    "subset", "portion", "handful", "fraction", "minority", "majority", "bulk",
];

pub const SOME_OF: &[&str] = &["some", "several", "many", "few"];

pub const FRACTIONS: &[&str] = &[
    "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
];

pub const TIME_BEFORE: &[&str] = &[
    "in", "by", "within", "after", "for", "every", "each", "per", "over", "than",
];

pub const ORDINALS: &[&str] = &[
    "first", "second", "last", "next", "latter", "former", "h1", "h2",
];

pub const TIME_NOUNS: &[&str] = &[
    "quarter", "year", "month", "week", "sprint", "cycle", "period", "day", "fy", "q1", "q2", "q3",
    "q4", "h1", "h2", "launch", "release",
];

pub const NOUN_PHRASE_STOPS: &[&str] = &[
    "from", "to", "in", "on", "by", "with", "for", "and", "or", "under", "within", "into", "onto",
    "at", "through", "via", "across", "before", "after", "over", "behind", "using", "per", "is",
    "are", "that", "which", "who", "while", "without", "during", "of", "as", "than", "but",
];

pub const NOUN_PHRASE_LEADING: &[&str] = &[
    "the", "our", "its", "their", "these", "those", "all", "your", "a", "an",
];
