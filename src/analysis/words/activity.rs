//! What people do: activities, meetings and the words around them.

/// What an entry of [`ACTIVITY_TABLE`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKind {
    /// A meeting's name ("sync", "workshop"): an activity only when something
    /// holds it ("run weekly syncs"), since "API calls" or "user sessions"
    /// are not meetings. Counting meetings does not make them a result.
    Meeting,
    /// An activity whose count measures the activity itself: "attend 4
    /// forums" is still attending, so a number does not turn it into a result.
    Pure,
    /// Research: the substance of a discovery KR.
    Research,
    /// Other work that a number of what it achieved turns into a result
    /// ("help 5 teams migrate").
    Other,
}

use ActivityKind::{Meeting, Other, Pure, Research};

/// Words that describe what people do rather than what results: verbs
/// (matched with their inflections where a clause starts) and the names of
/// meetings (matched after a frequency or a verb such as "hold" or "run").
/// An entry of several words matches those words in a row.
pub const ACTIVITY_TABLE: &[(&str, ActivityKind)] = &[
    ("meet", Pure),
    ("meeting", Meeting),
    ("sync", Meeting),
    ("sync-up", Meeting),
    ("standup", Meeting),
    ("stand-up", Meeting),
    ("check-in", Meeting),
    ("workshop", Meeting),
    ("session", Meeting),
    ("forum", Meeting),
    ("office hours", Meeting),
    ("town hall", Meeting),
    ("all-hands", Meeting),
    ("offsite", Meeting),
    ("brown-bag", Meeting),
    ("lunch-and-learn", Meeting),
    ("roadshow", Meeting),
    ("hackathon", Meeting),
    ("retrospective", Meeting),
    ("retro", Meeting),
    ("one-on-one", Meeting),
    ("call", Meeting),
    ("interview", Meeting),
    ("talk", Meeting),
    ("demo", Meeting),
    ("presentation", Meeting),
    ("attend", Pure),
    ("participate", Pure),
    ("discuss", Pure),
    ("discussion", Meeting),
    ("present", Pure),
    ("chat", Pure),
    ("brainstorm", Pure),
    ("liaise", Pure),
    ("socialize", Pure),
    ("socialise", Pure),
    ("evangelize", Pure),
    ("evangelise", Pure),
    ("advocate", Pure),
    ("communicate", Pure),
    ("share", Pure),
    ("gather", Pure),
    ("collaborate", Pure),
    ("coordinate", Pure),
    ("align", Pure),
    ("engage", Pure),
    ("partner", Pure),
    ("consult", Pure),
    ("raise awareness", Pure),
    ("reach out", Pure),
    ("work with", Pure),
    ("explore", Research),
    ("continue", Other),
    ("work on", Other),
    ("keep working", Other),
    ("look into", Research),
    ("look at", Research),
    ("investigate", Research),
    ("research", Research),
    ("study", Research),
    ("learn", Research),
    ("understand", Research),
    ("consider", Research),
    ("evaluate", Research),
    ("assess", Research),
    ("try", Research),
    ("experiment", Research),
    ("help", Other),
    ("support", Other),
    ("assist", Other),
    ("advise", Other),
    ("focus on", Other),
    ("prepare for", Other),
    ("kick off", Other),
    ("review", Pure),
];

/// The words of [`ACTIVITY_TABLE`]: the built-in `activity` list.
pub const ACTIVITIES: &[&str] = &first_of::<{ ACTIVITY_TABLE.len() }>(ACTIVITY_TABLE);

const fn first_of<const N: usize>(table: &[(&'static str, ActivityKind)]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = table[i].0;
        i += 1;
    }
    out
}

/// The kind of a built-in activity; `None` for a configured word the table
/// does not hold.
pub fn activity_kind(base: &str) -> Option<ActivityKind> {
    ACTIVITY_TABLE
        .iter()
        .find(|(word, _)| *word == base)
        .map(|(_, kind)| *kind)
}

/// Verbs that hold a meeting, in any form: before a meeting's name they
/// make it an activity ("host roundtables", "held weekly syncs").
pub const MEETING_HOSTS: &[&str] = &[
    "hold",
    "host",
    "attend",
    "organize",
    "organise",
    "schedule",
    "facilitate",
];

/// Verbs that hold a meeting whose name is plainly one ("run weekly
/// syncs"), but also run or give other things ("run synthetic calls").
pub const MEETING_LIGHT_VERBS: &[&str] = &[
    "run", "have", "conduct", "join", "lead", "give", "deliver", "arrange", "set",
];

/// Frequencies: before a meeting's name they make it a meeting held.
pub const MEETING_FREQUENCIES: &[&str] = &[
    "daily",
    "weekly",
    "bi-weekly",
    "biweekly",
    "fortnightly",
    "monthly",
    "bi-monthly",
    "bimonthly",
    "quarterly",
    "regular",
    "recurring",
];

/// Looser words of time, enough before a word that only names meetings.
pub const LOOSE_FREQUENCIES: &[&str] = &["yearly", "annual", "regularly", "periodic", "ongoing"];

/// Kinds of meeting: they make an ambiguous name one ("training
/// sessions", "feedback calls").
pub const MEETING_KINDS: &[&str] = &[
    "training",
    "review",
    "planning",
    "brainstorming",
    "kickoff",
    "kick-off",
    "onboarding",
    "feedback",
    "q&a",
    "ama",
];

/// Meeting names that are also ordinary nouns ("API calls", "user
/// sessions", "a demo environment").
pub const AMBIGUOUS_MEETINGS: &[&str] = &[
    "call",
    "session",
    "demo",
    "interview",
    "talk",
    "presentation",
    "discussion",
    "forum",
];

/// Activities that are also verbs when a KR starts with them ("talk to each
/// team"), while the other meeting names need a verb or frequency.
pub const MEETING_VERBS: &[&str] = &["talk", "demo", "interview", "chat", "sync", "brainstorm"];

/// Activities that only are activities in company: "meet with the teams" or
/// "support the data team", not "meet the SLO" or "support IPv6".
pub const NEEDS_COMPANY: &[&str] = &[
    "review",
    "meet",
    "sync",
    "sync-up",
    "share",
    "align",
    "collaborate",
    "coordinate",
    "engage",
    "partner",
    "liaise",
    "consult",
    "help",
    "support",
    "assist",
    "advise",
];

/// What people gather from other people.
pub const GATHERED: &[&str] = &[
    "requirements",
    "feedback",
    "input",
    "insights",
    "needs",
    "ideas",
    "opinions",
];

/// Nouns for people and teams: the object that makes "help" or "support"
/// an activity ("support the data team") rather than a feature ("support
/// IPv6").
pub const PEOPLE: &[&str] = &[
    "team",
    "teams",
    "engineer",
    "engineers",
    "developer",
    "developers",
    "dev",
    "devs",
    "user",
    "users",
    "customer",
    "customers",
    "squad",
    "squads",
    "colleague",
    "colleagues",
    "stakeholder",
    "stakeholders",
    "people",
    "staff",
    "org",
    "orgs",
    "organization",
    "organizations",
    "organisation",
    "organisations",
    "group",
    "groups",
    "partner",
    "partners",
    "leadership",
    "leads",
    "lead",
    "manager",
    "managers",
    "owner",
    "owners",
    "tenant",
    "tenants",
    "everyone",
    "sre",
    "sres",
    "on-call",
    "oncall",
    "vendor",
    "vendors",
    "architect",
    "architects",
    "security",
    "finance",
    "legal",
    "procurement",
    "compliance",
    "hr",
    "ops",
    "devops",
    "management",
    "board",
    "council",
    "committee",
    "counterparts",
    "peers",
];

/// Prepositions that end a verb's object: in "support SSO for all users"
/// the users are not what is supported.
pub const PREPOSITIONS: &[&str] = &[
    "for",
    "on",
    "in",
    "across",
    "to",
    "at",
    "of",
    "during",
    "via",
    "through",
    "by",
    "from",
    "into",
    "between",
    "within",
    "under",
    "over",
    "around",
    "about",
    "after",
    "before",
    "since",
    "until",
    "against",
    "among",
    "along",
    "throughout",
    "towards",
    "toward",
    "without",
    "upon",
    "beyond",
    "per",
];

/// Prepositions of company: people after them are who the activity is with
/// ("circle back with the auditors", "get alongside the ward managers").
pub const COMPANY: &[&str] = &["with", "alongside"];

/// Verbs of being or staying, whose complement says where or how someone
/// is rather than what they do.
pub const COPULAS: &[&str] = &["be", "stay", "remain", "keep"];

/// Adverbs of being near: after a verb of being and before "to", "for" or
/// "with" they name presence for someone, not a state reached ("stay close
/// to the ward sisters", "be there for the night shift").
pub const NEARBY: &[&str] = &["close", "closer", "near", "nearby", "there", "around"];

/// Words that open a question as an object ("dig into whether ...",
/// "feedback on how we can ...").
pub const QUESTION_WORDS: &[&str] = &["why", "how", "whether", "what"];

/// Verbs of handing something over: with a noun of help or talk as their
/// object and people as the receiver, the act is the help ("provide
/// guidance to the team", "offer coaching for new managers").
pub const GIVING_VERBS: &[&str] = &["provide", "give", "offer", "lend", "extend", "deliver"];

/// Particles of completion: with them a verb of dealing with people makes
/// something ("set up", "back up"), while "take part" or "carry on" stays
/// an activity.
pub const COMPLETIVE: &[&str] = &["up", "down", "out", "off", "back", "over", "away"];

/// Words that begin a clause or join phrases: after a noun they show it
/// heads its phrase ("the agents when ...", "the carriers about ...").
pub const CLAUSE_WORDS: &[&str] = &[
    "and",
    "or",
    "who",
    "that",
    "which",
    "when",
    "while",
    "about",
    "as",
    "if",
    "so",
    "alongside",
];

/// Conjunctions that open a clause of time: what follows says when, not
/// what is achieved ("... when the new phone system goes live").
pub const TIME_CLAUSE_WORDS: &[&str] = &[
    "when", "whenever", "while", "until", "once", "before", "after",
];

/// Verbs that, after "to", state what a KR is for beyond
/// [`super::PURPOSE_VERBS`] ("... to discuss readiness", "... to launch the
/// portal"): in a KR a purpose clause may name a further deliverable.
pub const KR_PURPOSE_VERBS: &[&str] = &[
    "establish",
    "confirm",
    "free",
    "power",
    "lay",
    "set",
    "create",
    "build",
    "monitor",
    "capture",
    "spot",
    "guide",
    "pick",
    "select",
    "determine",
    "identify",
    "start",
    "begin",
    "finish",
    "complete",
    "address",
    "reflect",
    "match",
    "run",
    "launch",
    "discuss",
    "present",
    "gather",
    "share",
];
