//! Sales-cycle statistics over a histogram of samples: mean, percentiles and Kaplan–Meier.
//!
//! Definitions (all exact, so a head can recompute them by hand):
//! - `mean`: the arithmetic mean of the days of the won samples (the article's figure).
//! - percentiles over the won samples sorted ascending, `x[0] ..= x[n-1]`, use the "type 7"
//!   definition: `h = (n - 1) * p`, `value = x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])`.
//!   `median` is `p = 0.5` (for even `n` the mean of the two middle values), `p80` is `p = 0.8`.
//! - Kaplan–Meier over won (events) and censored samples: at each distinct day `t` with `d_t > 0`
//!   wins, `S *= 1 - d_t / n_t` where `n_t` counts samples with `days >= t` (a sample censored at
//!   `t` is still at risk at `t`). `km_median` is the smallest `t` with `S(t) <= 0.5`, `km_p80` the
//!   smallest with `S(t) <= 0.2` (within 1e-9, to absorb floating-point error); `None` when the
//!   curve never gets that low.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One histogram row of sales-cycle samples, as the store's `GROUP BY segment, days` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleSample {
    /// Market segment (`None`: the client has none; then counted company-wide only).
    pub segment: Option<String>,
    /// Days from the start (deal opened, development started) to the win or to the cut-off.
    pub days: i64,
    /// `true`: a sale after `days`; `false`: censored (no sale yet, or none in the span).
    pub won: bool,
    /// How many samples have exactly these values.
    pub count: u64,
}

/// The Kaplan–Meier survival ("still no sale") at one day where sales happened.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SurvivalPoint {
    /// Days since the start.
    pub days: i64,
    /// Samples at risk: those with at least this many days, won or censored.
    pub at_risk: u64,
    /// Sales on exactly this day.
    pub won: u64,
    /// Share of samples still without a sale after this day.
    pub survival: f64,
}

/// Sales-cycle statistics of one set of samples (a segment or the whole company).
#[derive(Debug, Clone, PartialEq, Default, Serialize, utoipa::ToSchema)]
pub struct CycleStats {
    /// Won samples (sales).
    pub n: u64,
    /// Censored samples (no sale yet, or none in the span).
    pub censored: u64,
    /// Arithmetic mean of the won samples' days.
    pub mean: Option<f64>,
    /// Median of the won samples' days (type 7).
    pub median: Option<f64>,
    /// 80th percentile of the won samples' days (type 7).
    pub p80: Option<f64>,
    /// Kaplan–Meier survival curve, one point per day with sales.
    pub survival: Vec<SurvivalPoint>,
    /// Smallest day where the Kaplan–Meier survival is at most 0.5.
    pub km_median: Option<i64>,
    /// Smallest day where the Kaplan–Meier survival is at most 0.2.
    pub km_p80: Option<i64>,
}

/// Won and censored counts at one number of days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Sales.
    pub won: u64,
    /// Censored.
    pub censored: u64,
}

/// Samples by days, ascending.
pub(crate) type Histogram = BTreeMap<i64, Tally>;

/// Adds `count` samples of `days` to `h`; negative days (a data error) count as 0.
pub(crate) fn add(h: &mut Histogram, days: i64, won: bool, count: u64) {
    if count == 0 {
        return;
    }
    let t = h.entry(days.max(0)).or_default();
    if won {
        t.won = t.won.saturating_add(count);
    } else {
        t.censored = t.censored.saturating_add(count);
    }
}

/// Floating-point slack when comparing a survival with its threshold.
const KM_EPSILON: f64 = 1e-9;

impl CycleStats {
    /// Statistics of all `samples`, whatever their segment.
    pub fn of(samples: &[CycleSample]) -> CycleStats {
        let mut h = Histogram::new();
        for s in samples {
            add(&mut h, s.days, s.won, s.count);
        }
        CycleStats::from_histogram(&h)
    }

    /// Statistics of a histogram.
    pub(crate) fn from_histogram(h: &Histogram) -> CycleStats {
        let won: Vec<(i64, u64)> = h.iter().filter(|(_, t)| t.won > 0).map(|(d, t)| (*d, t.won)).collect();
        let n: u64 = won.iter().map(|(_, c)| c).sum();
        let censored: u64 = h.values().map(|t| t.censored).sum();
        let (survival, km_median, km_p80) = kaplan_meier(h, n + censored);
        if n == 0 {
            return CycleStats { n, censored, survival, km_median, km_p80, ..CycleStats::default() };
        }
        let sum: i128 = won.iter().map(|(d, c)| i128::from(*d) * i128::from(*c)).sum();
        CycleStats {
            n,
            censored,
            mean: Some(sum as f64 / n as f64),
            median: Some(percentile(&won, n, 1, 2)),
            p80: Some(percentile(&won, n, 4, 5)),
            survival,
            km_median,
            km_p80,
        }
    }
}

/// The `k`-th (0-based) smallest value of a histogram `(value, count)` sorted by value.
fn nth(won: &[(i64, u64)], k: u64) -> i64 {
    let mut seen = 0u64;
    for (days, count) in won {
        seen += count;
        if k < seen {
            return *days;
        }
    }
    won.last().map_or(0, |(d, _)| *d)
}

/// The type-7 percentile `num / den` of `n > 0` values, computed exactly in integers
/// until the final division.
fn percentile(won: &[(i64, u64)], n: u64, num: u64, den: u64) -> f64 {
    let h = u128::from(n - 1) * u128::from(num);
    let lo = (h / u128::from(den)) as u64;
    let rem = (h % u128::from(den)) as i128;
    let x_lo = nth(won, lo);
    if rem == 0 {
        return x_lo as f64;
    }
    let x_hi = nth(won, lo + 1);
    x_lo as f64 + (rem * i128::from(x_hi - x_lo)) as f64 / den as f64
}

/// The Kaplan–Meier curve of `h` (with `total` samples), its median and its 80th percentile.
fn kaplan_meier(h: &Histogram, total: u64) -> (Vec<SurvivalPoint>, Option<i64>, Option<i64>) {
    let mut curve = Vec::new();
    let (mut km_median, mut km_p80) = (None, None);
    let mut at_risk = total;
    let mut s = 1.0_f64;
    for (&days, t) in h {
        if t.won > 0 {
            s *= (at_risk - t.won) as f64 / at_risk as f64;
            curve.push(SurvivalPoint { days, at_risk, won: t.won, survival: s });
            if km_median.is_none() && s <= 0.5 + KM_EPSILON {
                km_median = Some(days);
            }
            if km_p80.is_none() && s <= 0.2 + KM_EPSILON {
                km_p80 = Some(days);
            }
        }
        at_risk -= t.won + t.censored;
    }
    (curve, km_median, km_p80)
}

/// The hand-computed fixture shared by the cycle tests.
#[cfg(test)]
pub(crate) mod fixture {
    use super::CycleSample;

    /// Shorthand for one histogram row.
    pub fn row(segment: Option<&str>, days: i64, won: bool, count: u64) -> CycleSample {
        CycleSample { segment: segment.map(str::to_string), days, won, count }
    }

    /// Segment "retail": won 10, 20, 20, 30, 40, 60; censored 5, 20, 25, 70.
    /// Segment "wholesale": won 90. A row with count 0 that must be ignored.
    ///
    /// Retail by hand (n = 6 won, 4 censored):
    /// - mean = (10+20+20+30+40+60)/6 = 180/6 = 30
    /// - median: h = 5*0.5 = 2.5 -> x[2]=20, x[3]=30 -> 25 (mean of the two middle values)
    /// - p80: h = 5*0.8 = 4 -> x[4] = 40
    /// - KM, 10 at risk:
    ///   t=5  censored 1                      -> at risk 9
    ///   t=10 n=9 d=1: S = 8/9       = 0.8889 -> at risk 8
    ///   t=20 n=8 d=2 (+1 censored at 20, still at risk): S = 8/9 * 6/8 = 2/3 -> at risk 5
    ///   t=25 censored 1                      -> at risk 4
    ///   t=30 n=4 d=1: S = 2/3 * 3/4 = 1/2    -> at risk 3   (first S <= 0.5: km_median = 30)
    ///   t=40 n=3 d=1: S = 1/2 * 2/3 = 1/3    -> at risk 2
    ///   t=60 n=2 d=1: S = 1/3 * 1/2 = 1/6    -> at risk 1   (first S <= 0.2: km_p80 = 60)
    ///   t=70 censored 1                      -> at risk 0
    ///
    /// Company (retail + wholesale: n = 7 won, 4 censored):
    /// - mean = 270/7 = 38.571..., median: h = 6*0.5 = 3 -> x[3] = 30
    /// - p80: h = 6*0.8 = 4.8 -> x[4] + 0.8*(x[5]-x[4]) = 40 + 0.8*20 = 56
    /// - KM, 11 at risk: t=5 c -> 10; t=10 S=9/10=0.9 -> 9; t=20 S=0.9*7/9=0.7 -> 6; t=25 c -> 5;
    ///   t=30 S=0.7*4/5=0.56 -> 4; t=40 S=0.56*3/4=0.42 (km_median 40) -> 3; t=60 S=0.42*2/3=0.28 -> 2;
    ///   t=70 c -> 1; t=90 S=0.28*0/1=0 (km_p80 90).
    pub fn samples() -> Vec<CycleSample> {
        let r = Some("retail");
        vec![
            row(Some("wholesale"), 90, true, 1),
            row(r, 20, true, 2),
            row(r, 10, true, 1),
            row(r, 20, false, 1),
            row(r, 5, false, 1),
            row(r, 30, true, 1),
            row(r, 25, false, 1),
            row(r, 60, true, 1),
            row(r, 40, true, 1),
            row(r, 70, false, 1),
            row(r, 15, true, 0),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{row, samples};
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn curve(s: &CycleStats) -> Vec<(i64, u64, u64, f64)> {
        s.survival.iter().map(|p| (p.days, p.at_risk, p.won, p.survival)).collect()
    }

    #[test]
    fn retail_matches_the_hand_computation() {
        let retail: Vec<_> = samples().into_iter().filter(|s| s.segment.as_deref() == Some("retail")).collect();
        let s = CycleStats::of(&retail);
        assert_eq!((s.n, s.censored), (6, 4));
        assert!(close(s.mean.unwrap(), 30.0));
        assert!(close(s.median.unwrap(), 25.0));
        assert!(close(s.p80.unwrap(), 40.0));
        let expected = [
            (10, 9, 1, 8.0 / 9.0),
            (20, 8, 2, 2.0 / 3.0),
            (30, 4, 1, 0.5),
            (40, 3, 1, 1.0 / 3.0),
            (60, 2, 1, 1.0 / 6.0),
        ];
        let got = curve(&s);
        assert_eq!(got.len(), expected.len());
        for (g, e) in got.iter().zip(expected) {
            assert_eq!((g.0, g.1, g.2), (e.0, e.1, e.2));
            assert!(close(g.3, e.3), "S({}) = {} expected {}", g.0, g.3, e.3);
        }
        assert_eq!(s.km_median, Some(30));
        assert_eq!(s.km_p80, Some(60));
    }

    #[test]
    fn company_matches_the_hand_computation() {
        let s = CycleStats::of(&samples());
        assert_eq!((s.n, s.censored), (7, 4));
        assert!(close(s.mean.unwrap(), 270.0 / 7.0));
        assert!(close(s.median.unwrap(), 30.0));
        assert!(close(s.p80.unwrap(), 56.0));
        let survival: Vec<f64> = s.survival.iter().map(|p| p.survival).collect();
        for (g, e) in survival.iter().zip([0.9, 0.7, 0.56, 0.42, 0.28, 0.0]) {
            assert!(close(*g, e), "{g} expected {e}");
        }
        assert_eq!(s.km_median, Some(40));
        assert_eq!(s.km_p80, Some(90));
    }

    #[test]
    fn km_never_reaching_the_threshold_is_none() {
        // won 100 (1), censored 200 (3): S(100) = 3/4, never <= 0.5.
        let s = CycleStats::of(&[row(None, 100, true, 1), row(None, 200, false, 3)]);
        assert_eq!(s.km_median, None);
        assert_eq!(s.km_p80, None);
        assert!(close(s.survival[0].survival, 0.75));
        assert!(close(s.mean.unwrap(), 100.0));
    }

    #[test]
    fn no_sales_gives_no_figures() {
        let s = CycleStats::of(&[row(None, 30, false, 5)]);
        assert_eq!((s.n, s.censored), (0, 5));
        assert_eq!((s.mean, s.median, s.p80, s.km_median), (None, None, None, None));
        assert!(s.survival.is_empty());
        assert_eq!(CycleStats::of(&[]), CycleStats::default());
    }

    #[test]
    fn odd_and_single_percentiles() {
        // 1, 2, 3, 4, 100: median x[2] = 3; p80 h = 3.2 -> 4 + 0.2*96 = 23.2.
        let rows: Vec<_> = [1, 2, 3, 4, 100].into_iter().map(|d| row(None, d, true, 1)).collect();
        let s = CycleStats::of(&rows);
        assert!(close(s.median.unwrap(), 3.0));
        assert!(close(s.p80.unwrap(), 23.2));
        let one = CycleStats::of(&[row(None, 7, true, 1)]);
        assert_eq!((one.median, one.p80), (Some(7.0), Some(7.0)));
    }

    #[test]
    fn negative_days_count_as_zero() {
        let s = CycleStats::of(&[row(None, -3, true, 1), row(None, 4, true, 1)]);
        assert!(close(s.mean.unwrap(), 2.0));
    }
}
