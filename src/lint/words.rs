//! The built-in word lists. `[preprocessor.okr.words]` replaces or extends
//! each of them; the rules read them through [`super::Lexicon`].

/// Empty words that sound good on a slide and say nothing about what gets
/// built. Matched as whole words (and their simple inflections), any case.
pub const HYPE: &[&str] = &[
    "awesome",
    "delightful",
    "empower",
    "amazing",
    "world-class",
    "best-in-class",
    "seamless",
    "magical",
    "exciting",
    "incredible",
    "revolutionary",
    "revolutionize",
    "game-changing",
    "cutting-edge",
    "next-generation",
    "next-gen",
    "synergy",
    "stellar",
    "supercharge",
    "unleash",
];

/// Verbs of change that promise movement without saying how much.
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
    "grow",
    "maximize",
    "minimize",
    "better",
    "modernize",
    "accelerate",
];

/// Words that describe what people do rather than what results.
pub const ACTIVITIES: &[&str] = &[
    "meet",
    "meeting",
    "meetings",
    "sync",
    "syncs",
    "attend",
    "participate",
    "discuss",
    "talk",
    "explore",
    "continue",
];

/// Words ignored when comparing the content of two texts.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "at", "by", "with", "from",
    "into", "across", "all", "our", "their", "its", "is", "are", "be", "as", "that", "this", "so",
    "we", "per",
];
