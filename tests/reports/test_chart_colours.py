"""The charts read in black and white and to people with colour blindness: the series are
drawn in Okabe–Ito colours that stay apart under simulated protanopia, deuteranopia and
tritanopia (Machado et al. 2009, full severity), in grey, and are hatched besides."""

from __future__ import annotations

import io
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image

from bot.app import create_core
from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.reports.charts import HATCHES, OKABE_ITO, charts_for
from bot.reports.figures import build_report
from bot.reports.period import Month
from storage.migrate import upgrade
from tests.reports.test_reports import NOW
from tests.support.reports_year import build_year

SIMULATED = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}
# Bar fills are flat: a series' colour covers at least this many pixels of its chart.
SERIES_PIXELS = 300


@pytest.fixture
def core(database_url: str, tmp_path: Path) -> Core:
    upgrade(database_url)
    settings = Settings(_env_file=None, database_url=database_url, archive_dir=tmp_path / "arkiv")  # type: ignore[call-arg]
    core = create_core(settings, FixedClock(NOW))
    with core.session() as session:
        build_year(session, tmp_path / "arkiv")
    return core


def rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def linear(colour: np.ndarray) -> np.ndarray:
    return np.where(colour <= 0.04045, colour / 12.92, ((colour + 0.055) / 1.055) ** 2.4)


def series_colours(png: bytes) -> list[str]:
    """The Okabe–Ito colours that fill bars in the picture."""
    pixels = (image.imread(io.BytesIO(png))[..., :3] * 255).round().astype(int)
    found = []
    for colour in OKABE_ITO:
        wanted = (rgb(colour) * 255).round().astype(int)
        if np.all(pixels == wanted, axis=-1).sum() >= SERIES_PIXELS:
            found.append(colour)
    return found


def test_every_chart_is_drawn_in_colours_that_stay_apart_for_colour_blind_readers(
    core: Core,
) -> None:
    with core.session() as session:
        report = build_report(session, core, Month(2026, 11))
    charts = charts_for(report)
    many = 0
    for chart in charts:
        colours = series_colours(chart.png)
        assert colours, f"{chart.name}: no bars in Okabe–Ito colours"
        many += len(colours) > 1
        for first, second in combinations(colours, 2):
            a, b = linear(rgb(first)), linear(rgb(second))
            for kind, matrix in SIMULATED.items():
                seen = np.linalg.norm(np.array(matrix) @ a - np.array(matrix) @ b)
                assert seen > 0.1, f"{chart.name}: {first} and {second} alike in {kind}"
    assert many >= 3  # most charts compare series (months, opened and resolved, states)


def test_series_are_hatched_so_they_read_in_black_and_white() -> None:
    # Beside the colours, the first series is plain and each next one has its own hatching.
    assert len(set(HATCHES)) == len(HATCHES) == len(OKABE_ITO)
    grey = [float(np.dot(linear(rgb(c)), [0.2126, 0.7152, 0.0722])) for c in OKABE_ITO[:4]]
    assert all(level < 0.7 for level in grey)  # every fill darker than the white page
