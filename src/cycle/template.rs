//! The text `mdbook-okr new` writes: a context block and one objective
//! shaped the way the guidance shapes a good one.
//!
//! Every sentence the author has to write holds an angle-bracket
//! placeholder, so `template-placeholder` reports whatever is left, and the
//! guidance itself sits in TOML comments that never reach the rendered page.

use crate::model::Quarter;

use super::{quarter_title, team_title};

pub use crate::analysis::words::template::{DELIVERY_KR, DONE_ITEMS, IMPACT_KR, OBJECTIVE, PHASE};

/// The chapter's title line: `# Security, 2026 Q2`.
pub fn heading(team: &str, quarter: Quarter) -> String {
    format!("# {}, {}\n", team_title(team), quarter_title(quarter))
}

/// A context block that sets the team and quarter for the chapter's blocks.
pub fn context_block(team: &str, quarter: Quarter) -> String {
    format!("```okr\nteam = \"{team}\"\nquarter = \"{quarter}\"\n```\n")
}

/// The impact KR table with its guidance comment, for `new` and for a carried
/// objective that has no KR left.
pub fn impact_kr_table() -> String {
    format!(
        "# Impact: how a measure moves from its baseline to a target, and why it matters.\n\
         [[kr]]\n\
         text = \"{IMPACT_KR}\"\n\
         metric = {{ from = 0, to = 0, unit = \"<unit>\" }}  # the baseline and the target\n"
    )
}

/// The whole chapter `mdbook-okr new` writes.
pub fn new_chapter(team: &str, quarter: Quarter) -> String {
    let [done_first, done_second] = DONE_ITEMS;
    format!(
        "{heading}\n\
         <!-- Write the plan in the okr blocks below. Each <...> is a placeholder:\n     \
         `mdbook-okr check` reports every one still left. -->\n\
         \n\
         {context}\n\
         ```okr\n\
         # What will be built or changed, for whom, and the outcome it is for.\n\
         # Plain words: someone reading it in six months knows what was promised.\n\
         objective = \"{OBJECTIVE}\"\n\
         # Work that spans quarters keeps this sentence and names its phase:\n\
         # phase = \"<phase or focus area>\"\n\
         # owner = \"<person or role>\"\n\
         \n\
         # Write 3 to 5 KRs; at least one measures impact. A committed KR is\n\
         # expected to reach 1.0 and a miss needs a written postmortem.\n\
         \n\
         {impact}\
         \n\
         # Delivery: what ships, for whom, and why, with a Definition of Done\n\
         # that leaves nothing to debate at the end of the quarter.\n\
         [[kr]]\n\
         text = \"{DELIVERY_KR}\"\n\
         done = [\n  \
         \"[ ] {done_first}\",\n  \
         \"[ ] {done_second}\",\n\
         ]\n\
         # What this KR needs from elsewhere: a KR, a whole objective, or a team.\n\
         # depends_on = [\"<objective-id>#<kr-id>\", \"team:<team>\"]\n\
         \n\
         # A stretch KR aims past what is certain; reaching 0.6 to 0.7 of it is\n\
         # success. Never make something another team depends on a stretch.\n\
         # [[kr]]\n\
         # text = \"<An ambitious target beyond what is certain>\"\n\
         # commitment = \"stretch\"\n\
         # metric = {{ from = <baseline>, to = <target>, unit = \"<unit>\" }}\n\
         ```\n",
        heading = heading(team, quarter),
        context = context_block(team, quarter),
        impact = impact_kr_table(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::plan::{BlockContent, Plan};

    #[test]
    fn the_template_parses_into_a_context_and_one_objective() {
        let quarter: Quarter = "2026-Q2".parse().unwrap();
        let text = new_chapter("ml-infra", quarter);
        assert!(text.starts_with("# Ml infra, 2026 Q2\n"));
        let plan = Plan::from_chapter("2026-Q2/ml-infra.md", &text, &Config::default());
        let invalid: Vec<_> = plan
            .blocks
            .iter()
            .filter(|b| matches!(b.content, BlockContent::Invalid { .. }))
            .collect();
        assert!(invalid.is_empty(), "{invalid:?}");
        assert_eq!(plan.objectives.len(), 1);
        let objective = &plan.objectives[0];
        assert_eq!(objective.team, "ml-infra");
        assert_eq!(objective.quarter, quarter);
        assert_eq!(objective.text.value, OBJECTIVE);
        assert_eq!(objective.krs.len(), 2);
        assert_eq!(objective.krs[0].text.value, IMPACT_KR);
        assert!(objective.krs[0].metric.is_some());
        assert_eq!(objective.krs[1].text.value, DELIVERY_KR);
        let done: Vec<&str> = objective.krs[1]
            .done
            .iter()
            .map(|d| d.text.as_str())
            .collect();
        assert_eq!(done, DONE_ITEMS);
    }

    #[test]
    fn every_sentence_holds_a_placeholder() {
        for sentence in crate::analysis::words::template::SENTENCES {
            let open = sentence.find('<');
            let close = sentence.rfind('>');
            assert!(
                matches!((open, close), (Some(o), Some(c)) if o < c),
                "{sentence}"
            );
        }
    }
}
