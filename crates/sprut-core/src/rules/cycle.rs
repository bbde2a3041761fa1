//! The sales cycle (период продажи): how long a development assignment runs.
//!
//! Per segment, a figure over the days from the start of work to the first sale; too few
//! samples fall back to the company-wide figure, then to a configured default; a corporate
//! group («куст») gets the cycle times a factor. See [`crate::rules::cycle_stats`] for the
//! exact definitions of the figures.

use crate::rules::cycle_stats::{add, Histogram};
pub use crate::rules::cycle_stats::{CycleSample, CycleStats, SurvivalPoint};
use crate::word_enum;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

word_enum!(
    /// Which statistic of the samples sets the sales cycle.
    CycleFigure {
        /// Arithmetic mean of the sales (the article's figure; the default).
        Mean = "mean",
        /// Median of the sales.
        Median = "median",
        /// 80th percentile of the sales.
        P80 = "p80",
        /// Kaplan–Meier median, counting unfinished work as censored.
        KmMedian = "km_median",
    }
);

// `word_enum!` does not derive `Default`, so clippy's suggestion cannot be followed.
#[allow(clippy::derivable_impls)]
impl Default for CycleFigure {
    fn default() -> Self {
        CycleFigure::Mean
    }
}

impl CycleFigure {
    /// How the figure is named in explanations.
    fn label(self) -> &'static str {
        match self {
            CycleFigure::Mean => "mean",
            CycleFigure::Median => "median",
            CycleFigure::P80 => "80th percentile",
            CycleFigure::KmMedian => "Kaplan-Meier median",
        }
    }
}

/// How the sales cycle is chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CycleSettings {
    /// The statistic used.
    pub figure: CycleFigure,
    /// Fewest sales a segment (or the company) needs before its figure is used.
    pub min_samples: u64,
    /// Cycle in days when even the company has too few sales.
    pub default_days: i64,
    /// Multiplier for a corporate group («куст»).
    pub group_factor: f64,
}

impl Default for CycleSettings {
    fn default() -> Self {
        Self { figure: CycleFigure::Mean, min_samples: 5, default_days: 90, group_factor: 1.5 }
    }
}

/// Sales-cycle statistics company-wide and per segment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, utoipa::ToSchema)]
pub struct CycleTable {
    /// Every sample, whatever its segment.
    pub company: CycleStats,
    /// Samples by segment name, sorted by name.
    pub segments: BTreeMap<String, CycleStats>,
    /// Deals left out of the sample because their opening date is unknown (migrated records
    /// created after they closed); filled by [`crate::rules::service::cycle_report`].
    pub left_out: u64,
}

/// Where an applied cycle came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CycleSource {
    /// The client's segment had enough sales.
    Segment {
        /// Segment name.
        name: String,
    },
    /// The company-wide figure (no segment, or too few sales in it).
    Company,
    /// The configured default (too few sales company-wide).
    Default,
}

/// The sales cycle given to one development assignment, with the figures behind it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AppliedCycle {
    /// The cycle in whole days, group factor included.
    pub days: i64,
    /// Segment, company or default.
    pub source: CycleSource,
    /// The statistic used.
    pub figure: CycleFigure,
    /// Sales behind the figure (for the default: the company's, which were too few).
    pub samples: u64,
    /// The figure rounded up to whole days, before the group factor.
    pub base_days: i64,
    /// The corporate-group factor, when applied.
    pub group_factor: Option<f64>,
    /// The client's segment that was asked for.
    pub segment: Option<String>,
    /// Fewest sales needed, from the settings.
    pub min_samples: u64,
}

impl CycleTable {
    /// Builds the table from histogram rows (any order; rows with count 0 are ignored,
    /// negative days count as 0).
    pub fn build(samples: &[CycleSample]) -> CycleTable {
        let mut company = Histogram::new();
        let mut segments: BTreeMap<&str, Histogram> = BTreeMap::new();
        for s in samples.iter().filter(|s| s.count > 0) {
            add(&mut company, s.days, s.won, s.count);
            if let Some(name) = &s.segment {
                add(segments.entry(name).or_default(), s.days, s.won, s.count);
            }
        }
        CycleTable {
            company: CycleStats::from_histogram(&company),
            segments: segments.iter().map(|(k, h)| (k.to_string(), CycleStats::from_histogram(h))).collect(),
            left_out: 0,
        }
    }

    /// The cycle for a client of `segment`, in a corporate group or not.
    ///
    /// The segment's figure when it has at least `min_samples` sales (and, for `km_median`,
    /// the Kaplan–Meier median exists); else the company's under the same test; else
    /// `default_days`. Rounded up to whole days (at least 1); a group multiplies it by
    /// `group_factor` and rounds up again.
    pub fn cycle_for(&self, segment: Option<&str>, in_group: bool, settings: &CycleSettings) -> AppliedCycle {
        let from_segment = segment.and_then(|name| self.segments.get_key_value(name)).and_then(|(name, s)| {
            figure_of(s, settings).map(|v| (CycleSource::Segment { name: name.clone() }, s.n, v))
        });
        let (source, samples, value) = from_segment
            .or_else(|| figure_of(&self.company, settings).map(|v| (CycleSource::Company, self.company.n, v)))
            .unwrap_or((CycleSource::Default, self.company.n, settings.default_days as f64));
        let base_days = round_up(value);
        let (days, group_factor) = if in_group {
            (round_up(base_days as f64 * settings.group_factor), Some(settings.group_factor))
        } else {
            (base_days, None)
        };
        AppliedCycle {
            days,
            source,
            figure: settings.figure,
            samples,
            base_days,
            group_factor,
            segment: segment.map(str::to_string),
            min_samples: settings.min_samples,
        }
    }
}

/// The configured figure of `s`, when it has enough sales.
fn figure_of(s: &CycleStats, settings: &CycleSettings) -> Option<f64> {
    if s.n < settings.min_samples.max(1) {
        return None;
    }
    match settings.figure {
        CycleFigure::Mean => s.mean,
        CycleFigure::Median => s.median,
        CycleFigure::P80 => s.p80,
        CycleFigure::KmMedian => s.km_median.map(|d| d as f64),
    }
}

/// Rounds days up to a whole number, at least 1 (a cycle of 0 days would end where it starts).
fn round_up(days: f64) -> i64 {
    if days.is_nan() {
        return 1;
    }
    (days.ceil() as i64).max(1)
}

impl AppliedCycle {
    /// One line saying how the cycle was found, with the figures.
    pub fn explain(&self) -> String {
        let label = self.figure.label();
        let mut text = match &self.source {
            CycleSource::Segment { name } => {
                format!("{label} of {} sales in segment '{name}': {} days", self.samples, self.base_days)
            }
            CycleSource::Company => {
                let why = match &self.segment {
                    Some(s) => format!("segment '{s}' has too few sales (need {}); ", self.min_samples),
                    None => "no segment; ".to_string(),
                };
                format!("{why}company-wide {label} of {} sales: {} days", self.samples, self.base_days)
            }
            CycleSource::Default => format!(
                "too few sales company-wide ({}, need {}): default {} days",
                self.samples, self.min_samples, self.base_days
            ),
        };
        if let Some(f) = self.group_factor {
            text.push_str(&format!("; corporate group ×{f} = {} days", self.days));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cycle_stats::fixture::samples;

    fn settings(figure: CycleFigure) -> CycleSettings {
        CycleSettings { figure, ..CycleSettings::default() }
    }

    #[test]
    fn segment_with_enough_sales_uses_its_own_figure() {
        let t = CycleTable::build(&samples());
        assert_eq!(t.segments.keys().collect::<Vec<_>>(), ["retail", "wholesale"]);
        let c = t.cycle_for(Some("retail"), false, &CycleSettings::default());
        assert_eq!((c.days, c.base_days, c.samples), (30, 30, 6));
        assert_eq!(c.source, CycleSource::Segment { name: "retail".into() });
        assert_eq!(c.explain(), "mean of 6 sales in segment 'retail': 30 days");
        let g = t.cycle_for(Some("retail"), true, &CycleSettings::default());
        assert_eq!(g.days, 45);
        assert_eq!(g.explain(), "mean of 6 sales in segment 'retail': 30 days; corporate group ×1.5 = 45 days");
    }

    #[test]
    fn every_figure_of_the_fixture() {
        let t = CycleTable::build(&samples());
        let days = |f| t.cycle_for(Some("retail"), false, &settings(f)).days;
        assert_eq!(days(CycleFigure::Mean), 30);
        assert_eq!(days(CycleFigure::Median), 25);
        assert_eq!(days(CycleFigure::P80), 40);
        assert_eq!(days(CycleFigure::KmMedian), 30);
    }

    #[test]
    fn too_few_in_segment_falls_back_to_company_rounded_up() {
        let t = CycleTable::build(&samples());
        // wholesale has 1 sale: company mean 270/7 = 38.57 -> 39; group 39 * 1.5 = 58.5 -> 59.
        let c = t.cycle_for(Some("wholesale"), true, &CycleSettings::default());
        assert_eq!((c.source.clone(), c.base_days, c.days, c.samples), (CycleSource::Company, 39, 59, 7));
        assert_eq!(
            c.explain(),
            "segment 'wholesale' has too few sales (need 5); company-wide mean of 7 sales: 39 days; \
             corporate group ×1.5 = 59 days"
        );
        assert_eq!(t.cycle_for(Some("unknown"), false, &CycleSettings::default()).base_days, 39);
        assert_eq!(t.cycle_for(None, false, &CycleSettings::default()).source, CycleSource::Company);
        // company p80 = 56 (interpolated).
        assert_eq!(t.cycle_for(None, false, &settings(CycleFigure::P80)).days, 56);
    }

    #[test]
    fn too_few_anywhere_falls_back_to_the_default() {
        let t = CycleTable::build(&samples());
        let strict = CycleSettings { min_samples: 8, ..CycleSettings::default() };
        let c = t.cycle_for(Some("retail"), false, &strict);
        assert_eq!((c.source.clone(), c.days), (CycleSource::Default, 90));
        assert_eq!(c.explain(), "too few sales company-wide (7, need 8): default 90 days");
        let empty = CycleTable::build(&[]);
        assert_eq!(empty.cycle_for(None, true, &CycleSettings::default()).days, 135);
    }

    #[test]
    fn km_median_needs_the_curve_to_reach_one_half() {
        use crate::rules::cycle_stats::fixture::row;
        // Segment "state": 5 sales at 100 days and 20 still open at 200: S(100) = 20/25, never <= 0.5.
        // Company-wide it stops at S(100) = 0.633 too, so the default applies.
        let mut rows = samples();
        rows.push(row(Some("state"), 100, true, 5));
        rows.push(row(Some("state"), 200, false, 20));
        let t = CycleTable::build(&rows);
        let c = t.cycle_for(Some("state"), false, &settings(CycleFigure::KmMedian));
        assert_eq!((c.source, c.days), (CycleSource::Default, 90));
        assert_eq!(t.cycle_for(Some("state"), false, &CycleSettings::default()).days, 100);
    }

    #[test]
    fn input_order_does_not_matter() {
        let mut rows = samples();
        let a = CycleTable::build(&rows);
        rows.reverse();
        assert_eq!(CycleTable::build(&rows), a);
    }
}
