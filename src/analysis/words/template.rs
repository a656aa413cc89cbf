//! The sentences `mdbook-okr new` writes into a template, kept with the
//! other word tables because `template-placeholder` recognises a sentence
//! left exactly as written, and the analysis must not import a front end.

/// The objective sentence of the template: what + for whom + outcome.
pub const OBJECTIVE: &str = "<Build or change what> for <whom> to <the outcome it brings>";
/// The impact KR of the template: how + metric + outcome, from a baseline to a target.
pub const IMPACT_KR: &str = "<Reduce or raise> <metric> from <baseline> to <target> to <outcome>";
/// The delivery KR of the template: ship, launch or complete + deliverable + outcome.
pub const DELIVERY_KR: &str = "<Ship, launch or complete> <deliverable> for <whom> to <outcome>";
/// The Definition of Done items of the delivery KR.
pub const DONE_ITEMS: [&str; 2] = [
    "<A condition anyone can check, such as a service live in production>",
    "<Another condition: a number reached, or a document approved by named people>",
];
/// The phase of an objective carried into a new quarter.
pub const PHASE: &str = "<phase>";

/// Every sentence of the template exactly as `new` writes it, for
/// `template-placeholder` to recognise one left unchanged.
pub const SENTENCES: [&str; 6] = [
    OBJECTIVE,
    IMPACT_KR,
    DELIVERY_KR,
    DONE_ITEMS[0],
    DONE_ITEMS[1],
    PHASE,
];
