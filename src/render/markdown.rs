//! Cards as plain Markdown, for renderers other than `html`.

use crate::plan::{Block, BlockContent};
use crate::render::RenderContext;

pub fn block(cx: &RenderContext<'_>, block: &Block) -> String {
    match &block.content {
        BlockContent::Objective(index) => {
            let objective = &cx.plan.objectives[*index];
            let mut out = format!("**{}**\n", objective.text.value);
            for kr in &objective.krs {
                out.push_str(&format!(
                    "\n- [{}] {}",
                    kr.commitment.as_str(),
                    kr.text.value
                ));
            }
            out
        }
        BlockContent::Context(context) => context.team.clone().unwrap_or_default(),
        BlockContent::Invalid { problems, .. } => problems
            .iter()
            .map(|p| format!("> invalid OKR block: {}", p.message))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
