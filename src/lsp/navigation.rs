//! What is at a place in a chapter, go to definition and find references.

use lsp_types::Location;

use super::position::range;
use super::workspace::{Analysis, path_to_uri};
use crate::model::{FileId, Span, Text};
use crate::plan::{Plan, Resolution};

/// The plan item under a byte offset of a file, the most specific first.
pub enum Item<'p> {
    /// The `reference`-th `depends_on` entry of a KR.
    Reference {
        objective: usize,
        kr: usize,
        reference: usize,
    },
    /// An entry of an `allow` list.
    Allow(&'p Text),
    KeyResult {
        objective: usize,
        kr: usize,
    },
    Objective(usize),
}

fn contains(span: &Span, at: usize) -> bool {
    span.start <= at && at <= span.end
}

pub fn item_at(plan: &Plan, file: FileId, at: usize) -> Option<Item<'_>> {
    let (o, objective) = plan
        .objectives
        .iter()
        .enumerate()
        .find(|(_, o)| o.location.file == file && contains(&o.location.span, at))?;
    if let Some(allow) = objective
        .allow
        .iter()
        .find(|a| contains(&a.location.span, at))
    {
        return Some(Item::Allow(allow));
    }
    for (k, kr) in objective.krs.iter().enumerate() {
        if let Some(r) = kr
            .depends_on
            .iter()
            .position(|r| contains(&r.location.span, at))
        {
            return Some(Item::Reference {
                objective: o,
                kr: k,
                reference: r,
            });
        }
        if let Some(allow) = kr.allow.iter().find(|a| contains(&a.location.span, at)) {
            return Some(Item::Allow(allow));
        }
    }
    match objective
        .krs
        .iter()
        .position(|kr| contains(&kr.location.span, at))
    {
        Some(k) => Some(Item::KeyResult {
            objective: o,
            kr: k,
        }),
        None => Some(Item::Objective(o)),
    }
}

/// What a `depends_on` entry resolved to.
pub fn resolution(plan: &Plan, objective: usize, kr: usize, reference: usize) -> &Resolution {
    plan.edges
        .iter()
        .find(|e| e.objective == objective && e.kr == kr && e.reference == reference)
        .map_or(&Resolution::Unresolved, |e| &e.resolution)
}

pub fn location(analysis: &Analysis, location: &crate::model::Location) -> Option<Location> {
    let text = &analysis.plan().file(location.file).text;
    Some(Location {
        uri: path_to_uri(&analysis.path(location.file))?,
        range: range(text, &location.span),
    })
}

/// Where the reference under the cursor points: the target KR's table or
/// the target objective's block.
pub fn definition(analysis: &Analysis, file: FileId, at: usize) -> Option<Location> {
    let plan = analysis.plan();
    let Some(Item::Reference {
        objective,
        kr,
        reference,
    }) = item_at(plan, file, at)
    else {
        return None;
    };
    let target = match resolution(plan, objective, kr, reference) {
        Resolution::KeyResult { objective, kr } => &plan.objectives[*objective].krs[*kr].location,
        Resolution::Objective(objective) => &plan.objectives[*objective].location,
        Resolution::Team { .. } | Resolution::Unresolved => return None,
    };
    location(analysis, target)
}

/// Every `depends_on` entry that points at the objective under the cursor
/// (or at one of its KRs); on a reference, at the objective it names.
pub fn references(
    analysis: &Analysis,
    file: FileId,
    at: usize,
    include_declaration: bool,
) -> Vec<Location> {
    let plan = analysis.plan();
    let target = match item_at(plan, file, at) {
        Some(Item::Reference {
            objective,
            kr,
            reference,
        }) => match resolution(plan, objective, kr, reference) {
            Resolution::KeyResult { objective, .. } | Resolution::Objective(objective) => {
                *objective
            }
            Resolution::Team { .. } | Resolution::Unresolved => return Vec::new(),
        },
        Some(Item::Objective(objective) | Item::KeyResult { objective, .. }) => objective,
        Some(Item::Allow(_)) | None => return Vec::new(),
    };
    let declaration = include_declaration.then(|| &plan.objectives[target].location);
    let uses = plan.edges.iter().filter_map(|edge| match edge.resolution {
        Resolution::KeyResult { objective, .. } | Resolution::Objective(objective)
            if objective == target =>
        {
            Some(&plan.objectives[edge.objective].krs[edge.kr].depends_on[edge.reference].location)
        }
        _ => None,
    });
    declaration
        .into_iter()
        .chain(uses)
        .filter_map(|l| location(analysis, l))
        .collect()
}
