//! A key result's progress on its card: a small trend line of its
//! committed scores across the quarter, drawn against the expected pace,
//! and its status badge. Inline SVG, no script; its `<title>` (and
//! `aria-label`) say in words what the line shows.

use std::fmt::Write as _;

use crate::history::progress::{KrProgress, STALE_CLASS, days_between};
use crate::history::quarter_span;

use super::escape::html as escape;

const WIDTH: f64 = 80.0;
const HEIGHT: f64 = 20.0;

/// Appends the trend line and the badges of a key result whose quarter is
/// open (nothing otherwise).
pub fn write(out: &mut String, kr: &KrProgress, today: jiff::civil::Date) {
    let Some(expected) = kr.expected else { return };
    let (start, end) = quarter_span(kr.quarter);
    let length = days_between(start, end).max(1) as f64;
    let x = |day: jiff::civil::Date| {
        (days_between(start, day).clamp(0, length as i64) as f64 / length) * WIDTH
    };
    let y = |score: f64| HEIGHT - score.clamp(0.0, 1.0) * (HEIGHT - 2.0) - 1.0;
    // A step line: each score holds until the next commit, the last one
    // until today.
    let mut points = Vec::new();
    let mut last = None;
    for point in &kr.scores {
        let Some(score) = point.score else { continue };
        if let Some(previous) = last {
            points.push((x(point.date), y(previous)));
        }
        points.push((x(point.date), y(score)));
        last = Some(score);
    }
    if let Some(score) = last {
        points.push((x(today), y(score)));
    }
    let line: Vec<String> = points
        .iter()
        .map(|(px, py)| format!("{px:.1},{py:.1}"))
        .collect();
    let said: Vec<String> = kr
        .scores
        .iter()
        .filter_map(|p| p.score.map(|s| format!("{s:.2} on {}", p.date)))
        .collect();
    let title = if said.is_empty() {
        format!("No committed scores yet; expected {expected:.2} today")
    } else {
        format!(
            "Committed scores: {}; expected {expected:.2} today",
            said.join(", ")
        )
    };
    let title = escape(&title);
    let _ = write!(
        out,
        " <svg class=\"okr-trend\" role=\"img\" aria-label=\"{title}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         width=\"{WIDTH}\" height=\"{HEIGHT}\"><title>{title}</title>\
         <line class=\"okr-trend-pace\" x1=\"0\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" \
         stroke=\"currentColor\" stroke-opacity=\"0.5\" stroke-dasharray=\"2 2\"/>",
        y(0.0),
        x(today),
        y(expected),
    );
    if !line.is_empty() {
        let _ = write!(
            out,
            "<polyline class=\"okr-trend-score\" points=\"{}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/>",
            line.join(" ")
        );
    }
    out.push_str("</svg>");
    if let Some(status) = kr.status {
        let _ = write!(
            out,
            " <span class=\"okr-badge okr-status okr-{}\">{}</span>",
            status.class(),
            status.as_str()
        );
    }
    if kr.stale {
        let _ = write!(
            out,
            " <span class=\"okr-badge okr-status okr-{STALE_CLASS}\">stale</span>"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::progress::{ScorePoint, Status};
    use crate::model::Commitment;

    fn kr(scores: &[(&str, f64)]) -> KrProgress {
        KrProgress {
            objective_index: 0,
            kr_index: 0,
            team: "a".into(),
            quarter: "2026-Q2".parse().unwrap(),
            objective: "o".into(),
            kr: "KR1".into(),
            text: "t".into(),
            commitment: Commitment::Committed,
            score: scores.last().map(|s| s.1),
            scores: scores
                .iter()
                .map(|(date, score)| ScorePoint {
                    commit: "c".into(),
                    date: date.parse().unwrap(),
                    score: Some(*score),
                })
                .collect(),
            last_progress: None,
            expected: Some(0.5),
            status: Some(Status::AtRisk),
            stale: true,
        }
    }

    #[test]
    fn the_line_steps_through_each_score_to_today_with_its_name_in_words() {
        let mut out = String::new();
        let today = "2026-05-16".parse().unwrap();
        write(
            &mut out,
            &kr(&[("2026-04-01", 0.0), ("2026-05-01", 0.3)]),
            today,
        );
        assert!(out.contains("role=\"img\""), "{out}");
        assert!(
            out.contains("<title>Committed scores: 0.00 on 2026-04-01, 0.30 on 2026-05-01; expected 0.50 today</title>"),
            "{out}"
        );
        // 30 and 45 of 91 days: x = 26.4 and 39.6; scores 0 and 0.3.
        assert!(
            out.contains("points=\"0.0,19.0 26.4,19.0 26.4,13.6 39.6,13.6\""),
            "{out}"
        );
        assert!(out.ends_with("<span class=\"okr-badge okr-status okr-status-at-risk\">at risk</span> <span class=\"okr-badge okr-status okr-status-stale\">stale</span>"), "{out}");
    }

    #[test]
    fn nothing_outside_an_open_quarter() {
        let mut closed = kr(&[("2026-04-01", 0.0)]);
        closed.expected = None;
        let mut out = String::new();
        write(&mut out, &closed, "2026-08-01".parse().unwrap());
        assert!(out.is_empty());
    }
}
