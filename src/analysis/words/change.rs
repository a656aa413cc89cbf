//! Wording of change: vague verbs and comparatives, and the words that
//! rule out a vague sense.

/// Wording of change that promises movement without saying how much.
///
/// Each entry also matches its regular inflections (`improve` matches
/// `improves`, `improved`, `improving`, `improvement`); irregular forms are
/// listed themselves. An entry of several words (`speed up`) matches those
/// words in a row, the first one inflected.
pub const VAGUE_VERBS: &[&str] = &[
    "improve",
    "enhance",
    "optimize",
    "optimise",
    "strengthen",
    "boost",
    "streamline",
    "increase",
    "reduce",
    "reduction",
    "grow",
    "growth",
    "maximize",
    "maximise",
    "minimize",
    "minimise",
    "better",
    "modernize",
    "modernise",
    "accelerate",
    "decrease",
    "cut",
    "lower",
    "raise",
    "simplify",
    "harden",
    "expand",
    "expansion",
    "extend",
    "extension",
    "shrink",
    "shorten",
    "tighten",
    "refine",
    "revamp",
    "overhaul",
    "rework",
    "tune",
    "fine-tune",
    "polish",
    "bolster",
    "elevate",
    "uplift",
    "enrich",
    "stabilize",
    "stabilise",
    "lessen",
    "slash",
    "trim",
    "curb",
    "deepen",
    "broaden",
    "widen",
    "sharpen",
    "evolve",
    "evolution",
    "transform",
    "speed up",
    "ramp up",
    "scale up",
    "level up",
    "step up",
    "beef up",
    "drive down",
    "drive up",
    "bring down",
    "push down",
];

/// Comparatives that promise "more" or "less" of something.
pub const COMPARATIVES: &[&str] = &[
    "better", "faster", "quicker", "cheaper", "easier", "simpler", "safer", "smoother", "leaner",
    "stronger", "higher", "greater", "smaller", "shorter", "tighter", "clearer", "sturdier",
    "sooner", "more", "less", "fewer",
];

/// Verbs that, with a comparative, make vague wording: "make GPU usage more
/// efficient", "get builds faster".
pub const MAKE_VERBS: &[&str] = &[
    "make", "makes", "making", "made", "get", "gets", "getting", "become", "becomes", "becoming",
    "render", "renders",
];

/// Nouns that a vague noun may modify without making the KR vague: "the
/// image optimization pipeline" names a thing to ship.
pub const ARTIFACTS: &[&str] = &[
    "pipeline",
    "pipelines",
    "dashboard",
    "dashboards",
    "report",
    "reports",
    "tool",
    "tools",
    "tooling",
    "job",
    "jobs",
    "service",
    "services",
    "team",
    "teams",
    "plan",
    "plans",
    "project",
    "program",
    "programme",
    "framework",
    "library",
    "layer",
    "pass",
    "script",
    "scripts",
    "backlog",
    "roadmap",
    "proposal",
    "initiative",
    "engine",
    "policy",
    "policies",
];

/// What a system raises: with these, "raise" is a behaviour ("raise alerts
/// on every breach", "alert raised when ..."), not a level to lift.
pub const RAISED_SIGNALS: &[&str] = &[
    "alert",
    "alerts",
    "ticket",
    "tickets",
    "issue",
    "issues",
    "pr",
    "prs",
    "page",
    "pages",
    "incident",
    "incidents",
    "warning",
    "warnings",
    "notification",
    "notifications",
    "event",
    "events",
    "error",
    "errors",
    "exception",
    "exceptions",
];

/// Words that put a destination after a verb of growth ("expand IPv6 to all
/// internal services"), which makes it checkable.
pub const DESTINATIONS: &[&str] = &[
    "to", "into", "across", "against", "beyond", "onto", "until", "through",
];

/// Words before a participle that make it describe a thing rather than an
/// act: "the hardened base image", "the shared pipeline".
pub const THING_DETERMINERS: &[&str] = &[
    "the", "a", "an", "our", "their", "its", "this", "that", "these", "those", "each", "every",
    "all", "new",
];
