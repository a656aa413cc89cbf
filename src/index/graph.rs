//! The team dependency graph as inline SVG, drawn in Rust with no script,
//! no network and no external tool.
//!
//! Layout: teams sit on a circle in the given order. The circle grows with
//! the number of teams so neighbouring nodes never touch, and labels sit
//! outside it, pointing away from the centre, so they cannot cover edges or
//! nodes. Edges are quadratic curves bent to one side, so `a → b` and
//! `b → a` stay apart. Colours come from `currentColor` and CSS variables
//! (`theme/okr.css`), so the picture follows mdBook's five themes and print.

use std::f64::consts::PI;
use std::fmt::Write as _;

use crate::render::escape::html_line as escape_inline;

/// A team.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    pub name: String,
    /// How many objectives the team has in view: sets the node's size.
    pub objectives: usize,
}

/// Every dependency from one team on another, aggregated.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphLink {
    pub from: usize,
    pub to: usize,
    pub count: usize,
    /// Edges with a delivery risk (stretch, partial, unresolved, cycle).
    pub risky: usize,
    /// Open `team:` asks.
    pub asks: usize,
}

impl GraphLink {
    fn style(&self) -> &'static str {
        if self.risky > 0 {
            "risky"
        } else if self.asks == self.count {
            "ask"
        } else {
            "ok"
        }
    }
}

const MAX_NODE_RADIUS: f64 = 22.0;
const MIN_NODE_RADIUS: f64 = 9.0;
/// Free space between two neighbouring nodes on the circle.
const NODE_GAP: f64 = 26.0;
/// Room for a label outside the circle (labels longer than this are cut).
const LABEL_ROOM: f64 = 150.0;
const LABEL_CHARS: usize = 22;
const MARGIN: f64 = 12.0;

/// Node radius: grows with the square root of the objective count, so area
/// tracks the amount of work.
pub fn node_radius(objectives: usize) -> f64 {
    (MIN_NODE_RADIUS + 3.0 * (objectives as f64).sqrt()).min(MAX_NODE_RADIUS)
}

/// Where each node's centre goes, and the size of the picture.
pub struct Layout {
    pub centres: Vec<(f64, f64)>,
    pub width: f64,
    pub height: f64,
    ring: f64,
    centre: (f64, f64),
}

pub fn layout(count: usize) -> Layout {
    let ring = if count <= 1 {
        0.0
    } else {
        // Neighbours are `2·ring·sin(π/count)` apart: make that at least two
        // of the largest nodes plus the gap.
        let needed = 2.0 * MAX_NODE_RADIUS + NODE_GAP;
        (needed / (2.0 * (PI / count as f64).sin())).max(90.0)
    };
    let half = ring + MAX_NODE_RADIUS + LABEL_ROOM + MARGIN;
    let centre = (half, ring + MAX_NODE_RADIUS + 3.0 * MARGIN);
    let centres = (0..count)
        .map(|i| {
            // Start at the top and go clockwise.
            let angle = -PI / 2.0 + 2.0 * PI * i as f64 / count.max(1) as f64;
            (centre.0 + ring * angle.cos(), centre.1 + ring * angle.sin())
        })
        .collect();
    Layout {
        centres,
        width: 2.0 * half,
        height: 2.0 * centre.1,
        ring,
        centre,
    }
}

/// The whole `<svg>` element, one line. `id` makes its element ids unique
/// in the page; `description` becomes its `<desc>`.
pub fn svg(id: &str, nodes: &[GraphNode], links: &[GraphLink], description: &str) -> String {
    let layout = layout(nodes.len());
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"okr-graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0} {:.0}\" width=\"{:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-size=\"12\" fill=\"currentColor\">",
        layout.width, layout.height, layout.width
    );
    let _ = write!(
        out,
        "<title id=\"{id}-title\">Dependencies between teams</title><desc id=\"{id}-desc\">{}</desc>",
        escape_inline(description)
    );
    // Markers take their colour from where they are defined, not from the
    // path using them: one marker per style.
    let _ = write!(
        out,
        "<defs><marker id=\"{id}-ok\" class=\"okr-graph-arrow-ok\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\"/></marker><marker id=\"{id}-risky\" class=\"okr-graph-arrow-risky\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z M-1 1L3 9\" stroke=\"currentColor\" stroke-width=\"1.5\"/></marker><marker id=\"{id}-ask\" class=\"okr-graph-arrow-ask\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M1 1L9 5L1 9z\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/></marker></defs>"
    );
    out.push_str("<g class=\"okr-graph-edges\">");
    for link in links {
        edge(&mut out, id, nodes, &layout, link);
    }
    out.push_str("</g><g class=\"okr-graph-nodes\">");
    for (node, &(x, y)) in nodes.iter().zip(&layout.centres) {
        let radius = node_radius(node.objectives);
        let _ = write!(
            out,
            "<g class=\"okr-graph-node\"><title>{} ({} objective{})</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/>",
            escape_inline(&node.name),
            node.objectives,
            if node.objectives == 1 { "" } else { "s" }
        );
        let _ = write!(
            out,
            "<text class=\"okr-graph-count\" x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"middle\" dominant-baseline=\"central\">{}</text>",
            node.objectives
        );
        label(&mut out, &layout, (x, y), radius, &node.name);
        out.push_str("</g>");
    }
    out.push_str("</g></svg>");
    out
}

/// A label beside its node, on the side away from the centre.
fn label(out: &mut String, layout: &Layout, (x, y): (f64, f64), radius: f64, name: &str) {
    let (dx, dy) = if layout.ring == 0.0 {
        (0.0, 1.0)
    } else {
        (
            (x - layout.centre.0) / layout.ring,
            (y - layout.centre.1) / layout.ring,
        )
    };
    let offset = radius + 6.0;
    let (lx, ly) = (x + dx * offset, y + dy * offset);
    let anchor = if dx > 0.2 {
        "start"
    } else if dx < -0.2 {
        "end"
    } else {
        "middle"
    };
    let baseline = if dy < -0.8 {
        "text-after-edge"
    } else if dy > 0.8 {
        "hanging"
    } else {
        "central"
    };
    let shown: String = if name.chars().count() > LABEL_CHARS {
        name.chars().take(LABEL_CHARS - 1).chain(['…']).collect()
    } else {
        name.to_string()
    };
    let _ = write!(
        out,
        "<text class=\"okr-graph-label\" x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\" dominant-baseline=\"{baseline}\">{}</text>",
        escape_inline(&shown)
    );
}

fn edge(out: &mut String, id: &str, nodes: &[GraphNode], layout: &Layout, link: &GraphLink) {
    let (Some(&from), Some(&to)) = (layout.centres.get(link.from), layout.centres.get(link.to))
    else {
        return;
    };
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = (dx * dx + dy * dy).sqrt();
    if length == 0.0 {
        return;
    }
    let (ux, uy) = (dx / length, dy / length);
    let from_radius = node_radius(nodes[link.from].objectives);
    let to_radius = node_radius(nodes[link.to].objectives) + 2.0;
    let start = (from.0 + ux * from_radius, from.1 + uy * from_radius);
    let end = (to.0 - ux * to_radius, to.1 - uy * to_radius);
    // Bend to the left of the direction of travel.
    let bend = 0.12 * length;
    let control = (
        (from.0 + to.0) / 2.0 + uy * bend,
        (from.1 + to.1) / 2.0 - ux * bend,
    );
    let middle = (
        0.25 * start.0 + 0.5 * control.0 + 0.25 * end.0,
        0.25 * start.1 + 0.5 * control.1 + 0.25 * end.1,
    );
    let style = link.style();
    let width = 1.2 + 0.8 * (link.count as f64).ln();
    let dash = match style {
        "risky" => " stroke-dasharray=\"6 4\"",
        "ask" => " stroke-dasharray=\"2 3\"",
        _ => "",
    };
    let names = |i: usize| escape_inline(&nodes[i].name);
    let _ = write!(
        out,
        "<g class=\"okr-graph-edge okr-graph-edge-{style}\"><title>{} → {}: {} dependenc{}{}{}</title><path d=\"M{:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"{width:.1}\"{dash} marker-end=\"url(#{id}-{style})\"/>",
        names(link.from),
        names(link.to),
        link.count,
        if link.count == 1 { "y" } else { "ies" },
        if link.risky > 0 {
            format!(", {} at risk", link.risky)
        } else {
            String::new()
        },
        if link.asks > 0 {
            format!(
                ", {} open ask{}",
                link.asks,
                if link.asks == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        },
        start.0,
        start.1,
        control.0,
        control.1,
        end.0,
        end.1,
    );
    if link.count > 1 {
        let _ = write!(
            out,
            "<text class=\"okr-graph-weight\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" dominant-baseline=\"central\">{}</text>",
            middle.0, middle.1, link.count
        );
    }
    out.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thirty_teams() -> (Vec<GraphNode>, Vec<GraphLink>) {
        let nodes: Vec<GraphNode> = (0..30)
            .map(|i| GraphNode {
                name: format!("team-with-a-long-name-{i} & <co>"),
                objectives: i % 7,
            })
            .collect();
        let links = (0..30)
            .flat_map(|i| {
                [
                    GraphLink {
                        from: i,
                        to: (i + 1) % 30,
                        count: 1 + i % 4,
                        risky: i % 3,
                        asks: 0,
                    },
                    GraphLink {
                        from: i,
                        to: (i + 13) % 30,
                        count: 2,
                        risky: 0,
                        asks: 2,
                    },
                ]
            })
            .collect();
        (nodes, links)
    }

    #[test]
    fn thirty_teams_make_well_formed_svg_with_every_node_apart() {
        let (nodes, links) = thirty_teams();
        let svg = svg("g", &nodes, &links, "thirty teams");
        assert!(!svg.contains('\n'));
        // Well-formed: tags balance, and every element opened is closed.
        let mut stack: Vec<String> = Vec::new();
        let mut rest = svg.as_str();
        while let Some(open) = rest.find('<') {
            let close = rest[open..].find('>').expect("every tag closes") + open;
            let tag = &rest[open + 1..close];
            rest = &rest[close + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            } else if !tag.ends_with('/') {
                let name = tag
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                stack.push(name);
            }
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
        assert!(
            svg.contains("<title id=\"g-title\">")
                && svg.contains("<desc id=\"g-desc\">thirty teams</desc>")
        );
        assert!(!svg.contains("<co>"), "names are escaped");
        for i in 0..30 {
            assert!(
                svg.contains(&format!("team-with-a-long-name-{i} &amp; &lt;co&gt; (")),
                "node {i} missing"
            );
        }
        assert_eq!(svg.matches("<circle").count(), 30);
        assert_eq!(svg.matches("okr-graph-edge-risky").count(), 20);
        assert_eq!(svg.matches("okr-graph-edge-ask").count(), 30);

        let layout = layout(30);
        for (i, a) in layout.centres.iter().enumerate() {
            assert!(a.0 > 0.0 && a.0 < layout.width && a.1 > 0.0 && a.1 < layout.height);
            for b in &layout.centres[i + 1..] {
                let distance = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                assert!(
                    distance >= 2.0 * MAX_NODE_RADIUS + NODE_GAP - 0.01,
                    "nodes {distance} apart"
                );
            }
        }
    }

    #[test]
    fn one_team_and_no_team_still_draw() {
        let one = svg(
            "g",
            &[GraphNode {
                name: "a".into(),
                objectives: 1,
            }],
            &[],
            "d",
        );
        assert!(one.contains("<circle") && one.contains(">a</text>"));
        let none = svg("g", &[], &[], "d");
        assert!(none.starts_with("<svg") && none.ends_with("</svg>"));
    }
}
