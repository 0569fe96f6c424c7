#!/usr/bin/python3
"""Regenerates the Holt-Winters reference fixtures in tests/unit/domain/fixtures/forecast/.

Run from the repository root, with Debian's statsmodels (not a virtualenv's):

    apt-get install -y python3-statsmodels
    /usr/bin/python3 tests/fixtures-tools/forecast_reference.py

For each series it writes one JSON file: the values (oldest first), the season length, how many
points at the end are held out, and statsmodels' held-out MAPE for each Holt-Winters variant
fitted on the rest (ExponentialSmoothing with initialization_method="estimated" and the default
fit(): the numbers our TypeScript fits are tested against, tests/unit/domain/forecast-reference.test.ts).

Public series come from the datasets that ship inside statsmodels:
- co2: Mauna Loa weekly CO2 (statsmodels.datasets.co2), monthly means of the weeks present;
- elnino: monthly sea surface temperature (statsmodels.datasets.elnino), years laid end to end;
- realcons: US real personal consumption, quarterly (statsmodels.datasets.macrodata);
- airline: Box & Jenkins' monthly airline passengers 1949-1960. Debian's statsmodels has no
  airline dataset module; the series ships in its SARIMAX test results (Stata's air2 data,
  statsmodels.tsa.statespace.tests.results.results_sarimax.air2_data), which is used here.
Seasonal sales-like series are generated with a fixed seed (see sales_series()).

The output is deterministic for a given statsmodels/scipy version; the versions are recorded.
"""
import json
import os
import warnings

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.statespace.tests.results import results_sarimax

OUT = os.path.join(os.path.dirname(__file__), "..", "unit", "domain", "fixtures", "forecast")

# name -> (trend, seasonal, damped): the variants our engine offers.
VARIANTS = {
    "holt-winters-additive": ("add", "add", False),
    "holt-winters-multiplicative": ("add", "mul", False),
    "holt-winters-damped": ("add", "add", True),
}


def co2_monthly():
    weekly = sm.datasets.co2.load_pandas().data["co2"]
    monthly = weekly.resample("MS").mean().dropna()
    return [round(float(v), 4) for v in monthly.values]


def elnino_monthly():
    data = sm.datasets.elnino.load_pandas().data
    months = data.drop(columns=["YEAR"]).values.reshape(-1)
    return [float(v) for v in months]


def realcons_quarterly():
    return [float(v) for v in sm.datasets.macrodata.load_pandas().data["realcons"].values]


def airline_monthly():
    return [float(v) for v in results_sarimax.air2_data]


def sales_series():
    """Monthly sales-like series: a trend, a yearly pattern, noise; fixed seed."""
    rng = np.random.RandomState(20261201)
    retail = [1.0, 0.85, 0.95, 1.0, 1.05, 1.0, 0.95, 0.9, 1.0, 1.1, 1.25, 1.6]
    b2b = [0.7, 0.8, 1.2, 0.8, 0.9, 1.3, 0.8, 0.8, 1.3, 0.9, 1.0, 1.5]
    out = {}
    t = np.arange(60)
    # Multiplicative season on a growing base (retail-like, 5 years).
    out["sales-retail"] = (200 + 4 * t) * np.take(retail, t % 12) * (1 + 0.04 * rng.randn(60))
    # Quarter-end peaks on a flat-to-growing base with additive noise (B2B-like, 4 years).
    t4 = np.arange(48)
    out["sales-b2b"] = 500 + 3 * t4 + 300 * (np.take(b2b, t4 % 12) - 1) + 25 * rng.randn(48)
    # Growth that levels off (damped), additive season, 5 years.
    out["sales-saturating"] = 1000 * (1 - np.exp(-t / 24)) + 300 + 80 * np.sin(2 * np.pi * t / 12) + 20 * rng.randn(60)
    # Short history: 3 years, multiplicative season, more noise.
    t3 = np.arange(36)
    out["sales-short"] = (80 + 1.5 * t3) * np.take(retail, t3 % 12) * (1 + 0.07 * rng.randn(36))
    return {name: [round(float(v), 2) for v in values] for name, values in out.items()}


def mape(actual, predicted):
    actual = np.asarray(actual, dtype=float)
    predicted = np.asarray(predicted, dtype=float)
    return float(np.mean(np.abs(actual - predicted) / np.abs(actual)) * 100)


def reference(values, m, holdout):
    train, test = values[:-holdout], values[-holdout:]
    result = {}
    for name, (trend, seasonal, damped) in VARIANTS.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = ExponentialSmoothing(
                np.asarray(train, dtype=float),
                trend=trend,
                seasonal=seasonal,
                seasonal_periods=m,
                damped_trend=damped,
                initialization_method="estimated",
            )
            fit = model.fit()
        predicted = fit.forecast(holdout)
        p = fit.params
        result[name] = {
            "mape": round(mape(test, predicted), 4),
            "sse": float(fit.sse),
            "alpha": round(float(p["smoothing_level"]), 6),
            "beta": round(float(p["smoothing_trend"]), 6),
            "gamma": round(float(p["smoothing_seasonal"]), 6),
            "phi": round(float(p["damping_trend"]), 6) if damped else 1,
        }
    return result


def main():
    public = {
        "co2": ("Mauna Loa CO2, monthly means of statsmodels.datasets.co2 (weekly)", co2_monthly(), 12, 24),
        "elnino": ("El Nino sea surface temperature, statsmodels.datasets.elnino", elnino_monthly(), 12, 24),
        "realcons": ("US real personal consumption, statsmodels.datasets.macrodata", realcons_quarterly(), 4, 8),
        "airline": ("Airline passengers 1949-1960 (Box & Jenkins), statsmodels SARIMAX test data air2", airline_monthly(), 12, 24),
    }
    generated = {
        name: (f"generated sales-like series, seed 20261201 ({name})", values, 12, 12)
        for name, values in sales_series().items()
    }
    os.makedirs(OUT, exist_ok=True)
    for name, (source, values, m, holdout) in {**public, **generated}.items():
        fixture = {
            "name": name,
            "source": source,
            "seasonLength": m,
            "holdout": holdout,
            "statsmodels": {"version": statsmodels.__version__, "scipy": scipy.__version__, "methods": reference(values, m, holdout)},
            "values": values,
        }
        with open(os.path.join(OUT, f"{name}.json"), "w") as f:
            json.dump(fixture, f, indent=1)
            f.write("\n")
        print(name, len(values), {k: v["mape"] for k, v in fixture["statsmodels"]["methods"].items()})


if __name__ == "__main__":
    main()
