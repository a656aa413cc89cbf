//! Unit tests of the text analyses, through the facts the rules read.

use super::forms::inflections;
use super::numbers::{self, small_number_word};
use super::spans;
use super::*;
use crate::config::Words;

fn states_change(text: &str) -> bool {
    Facts::new(text, &lexicon()).states_change()
}

fn split(text: &str) -> Split<'_> {
    Split::new(text)
}

#[test]
fn tokens_keep_inner_hyphens_and_ranges() {
    let text = "A world-class, next-gen API -- done.";
    let words: Vec<&str> = tokens(text).iter().map(|t| t.text).collect();
    assert_eq!(words, ["A", "world-class", "next-gen", "API", "done"]);
    let t = tokens(text)[1].clone();
    assert_eq!(&text[t.range], "world-class");
}

#[test]
fn tokens_read_any_script_and_joiners_only_between_letters() {
    let words =
        |text: &str| -> Vec<String> { tokens(text).iter().map(|t| t.text.to_string()).collect() };
    assert_eq!(
        words("Équipe’s café-crème, 東京 -x y- don't ‘quoted’ 🚀go"),
        [
            "Équipe’s",
            "café-crème",
            "東京",
            "x",
            "y",
            "don't",
            "quoted",
            "go"
        ]
    );
    assert_eq!(words("a-"), ["a"]);
    assert_eq!(words("-"), Vec::<String>::new());
    assert_eq!(words("naïve—ünïcode"), ["naïve", "ünïcode"]);
}

fn found(text: &str) -> Vec<&str> {
    numbers::numbers(&split(text))
        .into_iter()
        .map(|n| &text[n.range])
        .collect()
}

#[test]
fn numbers_in_digits_with_units() {
    assert_eq!(
        found("12 and 2.5 and 99.9% and 200ms"),
        ["12", "2.5", "99.9", "200ms"]
    );
    assert_eq!(
        found("1M requests, 4,200 pods, $40k per month"),
        ["1M", "4,200", "40k"]
    );
    assert_eq!(found("from 12/quarter to 2/quarter"), ["12", "2"]);
    assert_eq!(
        found("a 30-day read-only period, 10x faster, 64GB"),
        ["30", "10x", "64GB"]
    );
    assert_eq!(found("0 unencrypted backups"), ["0"]);
    // A rank is a number; only a reference in brackets or a path is not.
    assert_eq!(found("Be #1 for tenant reviews"), ["1"]);
    assert_eq!(found("KPI: 3 audits"), ["3"]);
}

#[test]
fn names_labels_and_dates_are_not_numbers() {
    for text in [
        "Improve p95 and p99.9 latency",
        "Roll out IPv6 and S3-compatible storage in us-east-1",
        "Reduce Sev-2 incidents and 5xx errors",
        "Cut queue time for 8-GPU jobs",
        "Ship it in Q4, 2026-Q2, H1 or FY26",
        "Ship it in 2026",
        "Decide by May 31 or by 15 August",
        "Decide by 2026-05-31",
        "Move tier 1 services in week 6",
        "Upgrade to TLS 1.3 and pass the SOC 2 audit",
        "Provide 24/7 cover and 1:1 coaching at 10:30",
        "Reach the 95th percentile with 2FA",
        "Improve monitoring for all services, every team, none left",
        "Give no one a one-click deploy in the first half",
        "Tidy the intake form (#212, see clinic-forms/#87)",
        "HIPAA 164 review: map the access logs",
    ] {
        assert_eq!(found(text), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn number_words_count() {
    assert_eq!(found("zero data loss for twelve teams"), ["zero", "twelve"]);
    assert_eq!(
        found("cut cost by half for twenty-five services"),
        ["half", "twenty-five"]
    );
    assert_eq!(
        found("a three-day freeze, at least one region"),
        ["three-day", "one"]
    );
    assert_eq!(found("Serve 2000 requests per second"), ["2000"]);
}

#[test]
fn changes_from_a_baseline_to_a_target() {
    for text in [
        "Reduce P1 incidents from 12/quarter to 2/quarter",
        "Cut spend from $90k to $50k per month",
        "Raise adoption from 10% to 60%",
        "Reduce incidents from bad releases from 6 to 1 per quarter",
        "Cut queue time from 6 hours to 30 minutes",
        "Cut median CI time from 25 minutes to 10 minutes",
        "Reduce pages from a baseline of 40 to under 10 per week",
        "Reduce alerts from 30 per month to 5",
        "p95 latency 200ms → 100ms",
    ] {
        assert!(states_change(text), "{text}");
    }
    for text in [
        "Move from the old data centre to the cloud",
        "Reduce SLO misses from <baseline> to 2 per quarter",
        "Hold error budget burn below 2% per week",
        "Increase adoption to 60% of teams",
        "Upgrade Postgres from 12 to 16",
        "Migrate from Java 11 to Java 21",
        "Migrate 48 services from the blob store to object storage",
        "Move 3 services from us-east-1 to eu-west-1",
    ] {
        assert!(!states_change(text), "{text}");
    }
}

#[test]
fn inflections_cover_regular_forms() {
    let forms = inflections("improve");
    for form in [
        "improves",
        "improved",
        "improving",
        "improvement",
        "improvements",
    ] {
        assert!(forms.contains(&form.to_string()), "{form}");
    }
    assert!(inflections("optimize").contains(&"optimization".to_string()));
    assert!(inflections("simplify").contains(&"simplified".to_string()));
    assert!(inflections("simplify").contains(&"simplification".to_string()));
    assert!(inflections("cut").contains(&"cutting".to_string()));
    assert!(inflections("reduce").contains(&"reduction".to_string()));
    assert!(inflections("accelerate").contains(&"acceleration".to_string()));
    assert!(inflections("meet").contains(&"met".to_string()));
    assert!(inflections("discuss").contains(&"discussion".to_string()));
}

fn lexicon() -> Lexicon {
    Lexicon::new(&Words::default())
}

fn vague(text: &str) -> Option<&str> {
    Facts::new(text, &lexicon()).vague().map(|r| &text[r])
}

#[test]
fn vague_wording_is_found_with_its_intent() {
    assert_eq!(vague("Improve API performance"), Some("Improve"));
    assert_eq!(vague("Test coverage improved"), Some("improved"));
    assert_eq!(vague("Optimise the build cache"), Some("Optimise"));
    assert_eq!(
        vague("Performance optimizations for the API"),
        Some("optimizations")
    );
    assert_eq!(vague("Speed up CI for backend teams"), Some("Speed up"));
    assert_eq!(
        vague("Make GPU usage more efficient"),
        Some("Make GPU usage more")
    );
    assert_eq!(vague("Make docs better"), Some("Make docs better"));
    assert_eq!(vague("Faster builds for every team"), Some("Faster"));
    assert_eq!(
        vague("Use GPU capacity more efficiently"),
        Some("more efficiently")
    );
    assert_eq!(vague("Simplify the deploy process"), Some("Simplify"));
    assert_eq!(vague("Harden the production clusters"), Some("Harden"));
}

#[test]
fn vague_words_in_other_senses_or_in_the_purpose_are_not_vague() {
    for text in [
        "Launch the developer portal for all teams to reduce service setup time",
        "Ship the flaky-test quarantine so that CI is more reliable",
        "Cut over all traffic to the new load balancer",
        "Roll out the change to all lower environments",
        "Raise alerts on every SLO breach",
        "Roll out the image optimization pipeline to every service",
        "Expand IPv6 to all internal services",
        "Adopt Bazel in every repository for better caching",
        "Alert on Sev-2 or higher incidents",
        "Migrate 48 services, reducing storage cost",
        "Migrate all services to the hardened base image",
        "Transform application logs into OpenTelemetry format",
    ] {
        assert_eq!(vague(text), None, "{text}");
    }
}

#[test]
fn a_change_named_aside_asked_about_or_told_is_not_promised() {
    for text in [
        "Close the \"Checkout Improvements\" epic",
        "Nightly soak tests for the gateway (latency improvements)",
        "Ask the pilot clinics how we can improve the intake form",
        "Interview ten merchants about whether to speed up payouts",
        "Announce the cost reductions to every budget holder",
    ] {
        assert_eq!(vague(text), None, "{text}");
    }
    // The same change words, promised by the statement itself.
    assert_eq!(vague("Improve the intake form"), Some("Improve"));
    assert_eq!(
        vague("Deliver cost reductions to every budget holder"),
        Some("reductions")
    );
    assert_eq!(
        vague("Checkout improvements (see the epic)"),
        Some("improvements")
    );
}

#[test]
fn unmeasurable_needs_vague_wording_and_no_number() {
    let lex = lexicon();
    assert!(
        Facts::new("Improve monitoring for all services", &lex)
            .unmeasurable()
            .is_some()
    );
    assert!(
        Facts::new("Improve test coverage by May 31", &lex)
            .unmeasurable()
            .is_some()
    );
    assert!(
        Facts::new("Reduce API p95 response time from 200ms to 100ms", &lex)
            .unmeasurable()
            .is_none()
    );
    assert!(
        Facts::new("Increase line coverage to 80%", &lex)
            .unmeasurable()
            .is_none()
    );
    assert!(
        Facts::new("Publish an SLO for each service", &lex)
            .unmeasurable()
            .is_none()
    );
}

fn activity(text: &str) -> Option<&str> {
    Facts::new(text, &lexicon())
        .activity()
        .map(|a| &text[a.range.clone()])
}

#[test]
fn activities_are_found() {
    assert_eq!(
        activity("Attend the quarterly architecture forum to present the build roadmap"),
        Some("Attend")
    );
    assert_eq!(
        activity("Meet with each product team monthly to discuss IPv6 readiness"),
        Some("Meet")
    );
    assert_eq!(
        activity("Hold weekly meetings with product teams to gather requirements"),
        Some("meetings")
    );
    assert_eq!(
        activity("Run bi-weekly syncs with the data team"),
        Some("syncs")
    );
    assert_eq!(
        activity("Hold 4 workshops with product teams"),
        Some("workshops")
    );
    assert_eq!(activity("Continue the Kafka migration"), Some("Continue"));
    assert_eq!(activity("Look into flaky tests"), Some("Look into"));
    assert_eq!(activity("Work on the cost model"), Some("Work on"));
    assert_eq!(
        activity("Help product teams adopt the new pipeline"),
        Some("Help")
    );
    assert_eq!(
        activity("Talk to 10 teams about their build pain"),
        Some("Talk")
    );
    assert_eq!(
        activity("IPv6 readiness discussed with every team"),
        Some("discussed")
    );
    for (text, cue) in [
        ("Run 3 training sessions for product teams", "sessions"),
        ("Hold weekly calls with vendors", "calls"),
        (
            "Collaborate with security on the threat model",
            "Collaborate",
        ),
        ("Regularly review cost reports with team leads", "review"),
        ("Gather requirements from the data teams", "Gather"),
    ] {
        assert_eq!(activity(text), Some(cue), "{text}");
    }
}

#[test]
fn a_named_subject_before_a_modal_leaves_the_verb_its_own() {
    assert_eq!(
        activity("Priya will liaise with the union reps on the rota"),
        Some("liaise")
    );
    assert_eq!(
        activity("Tomás will meet with each depot manager monthly"),
        Some("meet")
    );
    // A made thing as that subject is a system at work.
    assert_eq!(
        activity("The scheduler will notify the shift leads of every swap"),
        None
    );
    // A verb first keeps its own opening: "Plan to ...".
    let lex = lexicon();
    let facts = Facts::new("Plan to migrate the ledger", &lex);
    assert_eq!(facts.predicate().map(|p| p.lemma.as_str()), Some("plan"));
}

#[test]
fn a_meeting_word_naming_a_kind_of_thing_holds_no_meeting() {
    assert_eq!(activity("Publish weekly meeting notes for the board"), None);
    assert_eq!(
        activity("Hold weekly syncs with the product teams"),
        Some("syncs")
    );
}

#[test]
fn a_result_in_a_clause_of_time_only_says_when() {
    assert_eq!(
        activity("Be on hand for the cashiers while the new tills go live"),
        Some("Be")
    );
    assert_eq!(
        activity("New tills live in every branch before the cashiers are trained"),
        None
    );
}

#[test]
fn an_activity_serving_a_measured_result_is_not_one() {
    for text in [
        "Pair with the support leads to cut first-reply time from 9 hours to 2",
        "Promote and lift sign-ups for the evening classes by 15%",
    ] {
        assert_eq!(activity(text), None, "{text}");
    }
    // The number must measure the further verb: here it counts meetings.
    assert_eq!(
        activity("Hold 4 roundtables with the growers to agree the season plan"),
        Some("Hold 4 roundtables")
    );
    assert_eq!(
        activity("Liaise with the growers and agree the season plan"),
        Some("Liaise")
    );
}

#[test]
fn a_count_of_occasions_is_the_activity_counted() {
    assert_eq!(
        activity("Six donor roundtables this year"),
        Some("Six donor roundtables")
    );
    assert_eq!(
        activity("3 parish conferences each spring"),
        Some("3 parish conferences")
    );
    // Occasions that reach people or produce something are not a bare count.
    for text in [
        "5 workshops delivered to 200 carers",
        "3 conferences sponsored by the guild",
        "12 audit reports filed this year",
    ] {
        assert_eq!(activity(text), None, "{text}");
    }
}

#[test]
fn views_sought_from_people_are_an_activity() {
    assert_eq!(
        activity("Collect input from the tenants' association"),
        Some("Collect input")
    );
    assert_eq!(
        activity("Seek out parent opinions on the new timetable"),
        Some("Seek out parent opinions")
    );
    // Asking 40 guests is still asking.
    assert_eq!(
        activity("Obtain feedback from 40 hotel guests"),
        Some("Obtain feedback")
    );
    for text in [
        "Get the feedback kiosk live in every branch",
        "Collect feedback and publish a summary for the board",
        "Provide feedback on the draft lease",
    ] {
        assert_eq!(activity(text), None, "{text}");
    }
}

#[test]
fn being_near_someone_is_an_activity() {
    assert_eq!(
        activity("Stay close to the ward sisters during the winter rota"),
        Some("Stay")
    );
    assert_eq!(
        activity("Be there for the night porters when the new beds open"),
        Some("Be")
    );
    for text in [
        "Stay within budget for the kitchen refit",
        "Remain close to full occupancy",
    ] {
        assert_eq!(activity(text), None, "{text}");
    }
}

#[test]
fn a_number_counting_the_activity_itself_measures_nothing() {
    assert_eq!(
        activity("Provide training to the kitchen teams, 12 trainings a year"),
        Some("Provide training")
    );
    assert_eq!(
        activity("Offer coaching to the site teams to lift morale: 8 roundtables a term"),
        Some("Offer coaching")
    );
    // People reached or things produced are counted results.
    for text in [
        "Provide coaching to 12 new shift leads",
        "Help the kitchen teams file 40 hygiene reports",
    ] {
        assert_eq!(activity(text), None, "{text}");
    }
}

#[test]
fn finding_out_why_with_nothing_to_show_is_an_activity() {
    assert_eq!(
        activity("Dig into whether late invoices cluster by region"),
        Some("Dig into whether")
    );
    assert_eq!(
        activity("Figure out why volunteers drop out after their first shift"),
        Some("Figure out why")
    );
    for text in [
        "Decide whether the archive moves to cold storage",
        "Explain why the grant report was late",
        "Document how to restore the ledger from backup",
        "Figure out why volunteers drop out and publish the findings",
    ] {
        assert_eq!(activity(text), None, "{text}");
    }
}

#[test]
fn a_meeting_where_a_thing_is_used_is_no_meeting_held() {
    assert_eq!(
        activity("Sales figures checked daily and reviewed in weekly meetings"),
        None
    );
    assert_eq!(
        activity("Present the sales figures in weekly meetings"),
        Some("meetings")
    );
}

#[test]
fn a_vague_noun_naming_a_thing_or_describing_a_deliverable_is_not_vague() {
    assert_eq!(vague("Draft a growth plan for the youth league"), None);
    assert_eq!(
        vague("Publish dashboards that show the improvement in ward turnaround"),
        None
    );
    assert_eq!(vague("Growth in repeat bookings"), Some("Growth"));
    assert_eq!(
        vague("Ensure that we improve ward turnaround"),
        Some("improve")
    );
}

#[test]
fn an_occasion_heading_a_long_object_is_a_meeting_held() {
    assert_eq!(
        activity("Host 2 bring your own laptop safety workshops"),
        Some("Host 2 bring your own laptop safety workshops")
    );
}

#[test]
fn a_verb_before_a_participle_is_part_of_the_subject() {
    // "Peer" names who reviewed; "reviewed" is the verb.
    assert_eq!(activity("Peer reviewed and merged into main"), None);
    let lexicon = lexicon();
    let facts = Facts::new("Contract reviewed with the suppliers", &lexicon);
    let predicate = facts.predicate().expect("a predicate");
    assert_eq!(predicate.lemma, "review");
    assert!(predicate.passive);
}

#[test]
fn results_and_other_senses_are_not_activities() {
    for text in [
        "Hold checkout availability at 99.95%",
        "Requirements doc finalized and approved by 5 product teams",
        "Run 10 internal services IPv6-only in production",
        "Meet the 99.9% availability SLO for all APIs",
        "Support IPv6 on every load balancer",
        "Help 5 teams migrate to the new pipeline",
        "Explore caching options and publish a recommendation",
        "Toolchain lock present in 20 of 20 repositories",
        "Cut API calls per page from 40 to 10",
        "Sync secrets from the vault to all 40 services",
        "Launch the portal to help teams onboard",
        "Publish a cost report per team every month",
        "Present a single status page for all 75 customer-facing services",
        "Present cost data per team in the billing dashboard",
        "Keep the staging environment in sync with production",
        "Sync with the upstream Kubernetes release every quarter",
        "Support SSO for all users of internal tools",
        "Gather metrics from all 40 services into Prometheus",
        "Run synthetic calls against every public endpoint",
        "Trace every call between services",
        "Runbook reviewed by SRE",
    ] {
        assert_eq!(activity(text), None, "{text}");
    }
}

#[test]
fn deadlines_approvals_and_outputs() {
    assert!(spans::deadline_span(&split("Investigate options by May 31")).is_some());
    assert!(spans::deadline_span(&split("Decision made by end of month 2")).is_some());
    assert!(spans::deadline_span(&split("Ship it in Q3")).is_some());
    assert!(spans::deadline_span(&split("Research pooling options")).is_none());
    assert!(spans::deadline_span(&split("Serve traffic by region")).is_none());
    assert!(
        spans::approval_span(&split(
            "Design document approved by the Storage and SRE leads"
        ))
        .is_some()
    );
    assert!(spans::approval_span(&split("Design approved in architecture review")).is_some());
    assert!(spans::approval_span(&split("Approved design")).is_none());
    assert!(spans::output_span(&split("Get the design document approved")).is_some());
    assert!(
        spans::output_span(&split(
            "Complete vendor evaluation with a final recommendation"
        ))
        .is_some()
    );
    assert!(spans::output_span(&split("Research connection pooling options")).is_none());
    assert!(spans::output_span(&split("Design a sharding approach")).is_none());
}

#[test]
fn odd_input_does_not_panic() {
    let lex = lexicon();
    for text in [
        "",
        " ",
        "-",
        "1",
        "1:",
        "24/",
        "24/7",
        "from",
        "from 1",
        "from 1 to",
        "→",
        "1 →",
        "2026-",
        "2026-0",
        "2026-05-",
        "$",
        "1-",
        "ú1",
        "1ú",
        "é-1",
        "١٢ ٣",
        "to to to",
        "so",
        "Make",
        "more",
        "from from 1 to to 2",
        "1.2.3.4",
        "9999999999999999999999",
        "[x]",
        "“quoted” 5’s",
        "a\nb\n\n1",
    ] {
        let facts = Facts::new(text, &lex);
        let _ = facts.change();
        let _ = facts.deadline();
        let _ = facts.approval();
        let _ = facts.output();
        let _ = facts.unmeasurable();
        let _ = facts.activity();
        let _ = facts.share();
        let _ = facts.hype();
        let _ = facts.states_outcome();
        let _ = facts.destination();
    }
}

#[test]
fn configured_words_extend_the_lists() {
    let mut words = Words::default();
    words.vague.extend.push("jazz up".to_string());
    words.activity.extend.push("ponder".to_string());
    let lex = Lexicon::new(&words);
    assert!(
        Facts::new("Jazz up the status page", &lex)
            .vague()
            .is_some()
    );
    assert!(
        Facts::new("Ponder the cache design", &lex)
            .activity()
            .is_some()
    );
}

#[test]
fn small_number_words_have_their_values() {
    assert_eq!(small_number_word("zero"), Some(0.0));
    assert_eq!(small_number_word("twelve"), Some(12.0));
    assert_eq!(small_number_word("twenty"), Some(20.0));
    assert_eq!(small_number_word("thirty"), None);
    assert_eq!(small_number_word("all"), None);
}

#[test]
fn changes_end_at_none_and_seasons_are_years() {
    assert!(states_change("Cut failed backups from 6 per month to none"));
    assert!(states_change("Cut stockouts from four a quarter to zero"));
    assert!(!states_change(
        "Move from the old office to none of the new ones"
    ));
    assert_eq!(
        found("ahead of the spring 2028 planning cycle"),
        Vec::<&str>::new()
    );
}

#[test]
fn unlisted_verbs_of_change_of_degree_are_vague() {
    assert_eq!(vague("Tidy up the chart of accounts"), Some("Tidy up"));
    assert_eq!(vague("Bolster the backup story"), Some("Bolster"));
    // Listed words judged in another sense are not taken up again.
    assert_eq!(vague("Expand IPv6 to all internal services"), None);
}

#[test]
fn a_raised_alert_is_a_behaviour() {
    assert_eq!(
        vague("Alert raised when a certificate is 14 days from expiry"),
        None
    );
    assert_eq!(vague("Raise alerts on every SLO breach"), None);
    assert_eq!(vague("Raise test coverage"), Some("Raise"));
}

fn cue(text: &str) -> Option<(&str, Cue)> {
    Facts::new(text, &lexicon())
        .activity()
        .map(|a| (&text[a.range.clone()], a.cue))
}

#[test]
fn verbs_of_dealing_with_people_are_activities_by_their_wordnet_class() {
    use super::words::VerbClass::{Communication, Motion, Social};
    // With people as company or object, in verbs no list names.
    assert_eq!(
        cue("Huddle with the night-shift porters before each rota change"),
        Some(("Huddle", Cue::Dealing(Motion)))
    );
    assert_eq!(
        cue("Confer with the church wardens about the roof appeal"),
        Some(("Confer with", Cue::Dealing(Communication)))
    );
    assert_eq!(
        cue("Brief the shift supervisors on the new lockout procedure"),
        Some(("Brief", Cue::Dealing(Communication)))
    );
    // WordNet's multi-word verbs: the idiom is the verb.
    assert_eq!(
        cue("Keep tabs on competitor launches"),
        Some(("Keep tabs on", Cue::Dealing(Social)))
    );
    // Company straight after a verb of any class: the verb has no object
    // of its own.
    assert!(matches!(
        cue("Get alongside the night porters during the winter rota"),
        Some(("Get", Cue::Dealing(_)))
    ));
    assert_eq!(
        cue("Sit alongside the new recruits in their first week"),
        Some(("Sit", Cue::Dealing(super::words::VerbClass::Contact)))
    );
    // An object of its own, or a thing as company, is no activity.
    assert_eq!(cue("Ship the rota app with the payroll export"), None);
    assert_eq!(cue("Integrate with the customer portal"), None);
    // Leading people through something is going with them.
    assert_eq!(
        cue("Walk the churchwardens through the new giving platform"),
        Some(("Walk", Cue::Dealing(Motion)))
    );
    // Moving a thing through something is no activity.
    assert_eq!(cue("Walk the invoices through the approval queue"), None);
    // Reported done, with whom.
    assert_eq!(
        cue("Quarterly figures hashed out with the treasurer"),
        Some(("hashed out", Cue::Reported(Communication)))
    );
}

#[test]
fn meetings_held_are_found_by_wordnet_nouns_and_phrasal_nouns() {
    assert_eq!(
        cue("Hold regular get-togethers with the volunteers"),
        Some(("Hold regular get-togethers", Cue::Meeting))
    );
    assert_eq!(
        cue("Host termly seminars for parents"),
        Some(("Host termly seminars", Cue::Meeting))
    );
    // One group set up is not a series of meetings.
    assert_eq!(cue("Set up a council of tenants"), None);
}

#[test]
fn help_handed_to_people_is_an_activity_by_its_wordnet_noun() {
    // A verb of giving, a bare noun WordNet makes of a verb of talking or
    // dealing with people, and people who receive it.
    assert_eq!(
        cue("Offer coaching to the new ward sisters"),
        Some(("Offer coaching", Cue::Given))
    );
    assert_eq!(
        cue("Give hands-on guidance for first-year teachers"),
        Some(("Give hands-on guidance", Cue::Given))
    );
    for text in [
        // A thing handed over, with an article or in the plural.
        "Provide a report to the trustees on reserves",
        "Give updates to the parish council",
        // Help for a thing, not for people.
        "Provide guidance for the payroll migration",
        // A number makes the help checkable.
        "Provide coaching to 12 new supervisors",
    ] {
        assert_eq!(cue(text), None, "{text}");
    }
}

#[test]
fn people_as_modifier_coverage_systems_and_triggers_are_not_activities() {
    for text in [
        // What a system does is a behaviour.
        "The scheduler notifies the warehouse managers",
        "Notify the plant manager when a line stops",
        // Everyone covered is checkable.
        "Brief all shift supervisors on the new lockout procedure",
        // A person as a noun's modifier is no company.
        "Keep patient records in the new archive",
        // Hiring a person is a result.
        "Hire a head of nursing",
        // A name is not people: "Guide" is part of a title.
        "Retire the old Style Guide",
    ] {
        assert_eq!(cue(text), None, "{text}");
    }
}

#[test]
fn wordnet_people_and_agent_nouns() {
    use super::predicate::is_people;
    assert!(is_people("auditors"));
    assert!(is_people("union"));
    assert!(is_people("funders"));
    assert!(is_people("SRE"));
    assert!(!is_people("Guide"));
    assert!(!is_people("scheduler"));
    assert!(!is_people("budget"));
}

#[test]
fn vague_change_of_amount_from_wordnet() {
    assert_eq!(
        vague("Pare down the onboarding checklist"),
        Some("Pare down")
    );
    assert_eq!(vague("Rev up volunteer sign-ups"), Some("Rev up"));
    // A nominalisation after a noun names a thing.
    assert_eq!(vague("Retire the museum extension"), None);
}

#[test]
fn changing_durations_and_capitalised_words_before_numbers() {
    assert_eq!(
        found("Cut call wrap-up from 4:30 to 3:00 per call"),
        ["4", "3"]
    );
    assert_eq!(found("Implement Top 5 fixes from the audit"), ["5"]);
    assert_eq!(found("Upgrade to Kubernetes 1.29"), Vec::<&str>::new());
}

#[test]
fn forms_read_irregular_and_british_spellings() {
    use super::forms::{american, bases};
    assert!(bases("held").contains(&"hold".to_string()));
    assert!(bases("sat").contains(&"sit".to_string()));
    assert_eq!(american("organising"), "organizing");
    assert!(bases("revolutionised").contains(&"revolutionize".to_string()));
    assert!(inflections("meet").contains(&"met".to_string()));
}

#[test]
fn a_number_of_occasions_reached_is_a_level_not_occasions_held() {
    for text in [
        "Reach 2,000 weekly museum visits by June",
        "Grow to 300 monthly library visits",
        "Hit 40 weekly tastings at the farm shop",
    ] {
        assert_eq!(activity(text), None, "{text}");
    }
    // A verb that holds them still counts occasions held.
    assert!(activity("Host 6 monthly roundtables for parents").is_some());
    assert!(activity("Run 4 weekly drop-in clinics").is_some());
}
