"""The report's charts as PNG bytes (matplotlib, Agg: no display needed on a server).

Readable in black and white and by people with colour blindness: the Okabe–Ito palette,
a different hatching on every series, and the values written on the bars themselves.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.reports.figures import DocStatus, Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo"]
WIDTH_PX, HEIGHT_PX, DPI = 800, 450, 100
CHART_SIZE = (WIDTH_PX, HEIGHT_PX)

ESCALATION_KINDS = {
    "comment-overdue": "Obesvarade kommentarer",
    "no-posts": "Inga inlägg",
    "too-few-admins": "För få administratörer",
    "illegal-content": "Olagligt innehåll",
    "documentation-overdue": "Dokumentation försenad",
    "major-change-undocumented": "Större ändring odokumenterad",
}


def kind_label(kind: str) -> str:
    """An escalation kind in Swedish; the opening steps share one label."""
    if kind.startswith("opening."):
        return "Ansökan står still"
    return ESCALATION_KINDS.get(kind, kind)


@dataclass(frozen=True)
class Chart:
    name: str  # a file name without extension, e.g. "inlagg"
    title: str  # Swedish, also the picture's alt text
    png: bytes


def charts_for(report: Report) -> list[Chart]:
    """Every chart of the report; the same set whether the month had activity or not."""
    return [_posts(report), _comments(report), _documentation(report), _escalations(report)]


def _posts(report: Report) -> Chart:
    title = "Dagar med inlägg (andel av arbetsdagarna)"
    labels = [m.month.short_label for m in report.months]
    values = [_percent(m.post_share) for m in report.months]
    figure, axes = _figure(title)
    _bars(axes, labels, [values], ["Andel dagar med inlägg"], unit="%")
    axes.set_ylim(0, 110)
    axes.set_ylabel("Procent av arbetsdagarna")
    return _png("inlagg", title, figure)


def _comments(report: Report) -> Chart:
    title = "Kommentarer: besvarade i tid och försenade"
    labels = [m.month.short_label for m in report.months]
    on_time = [m.total("answered_on_time") for m in report.months]
    late = [m.total("overdue_comments") for m in report.months]
    other = [
        m.total("comments_received") - a - b
        for m, a, b in zip(report.months, on_time, late, strict=True)
    ]
    figure, axes = _figure(title)
    _bars(axes, labels, [on_time, late, other], ["Besvarade i tid", "Försenade", "Övriga"])
    axes.set_ylabel("Antal")
    return _png("kommentarer", title, figure)


def _documentation(report: Report) -> Chart:
    title = f"Dokumentation vid slutet av {report.month.label}"
    counts = report.current.documentation_counts()
    names = {DocStatus.ON_TIME: "I tid", DocStatus.DUE_SOON: "Snart", DocStatus.OVERDUE: "Försenad"}
    figure, axes = _figure(title)
    _bars(axes, [names[k] for k in counts], [list(counts.values())], ["Konton"], colours=True)
    axes.set_ylabel("Antal konton")
    return _png("dokumentation", title, figure)


def _escalations(report: Report) -> Chart:
    title = f"Eskaleringar per slag, {report.month.label}"
    kinds = report.current.escalations
    labels = [kind_label(k.kind) for k in kinds] or ["Inga eskaleringar"]
    opened = [k.opened for k in kinds] or [0]
    resolved = [k.resolved for k in kinds] or [0]
    figure, axes = _figure(title)
    _bars(axes, labels, [opened, resolved], ["Öppnade", "Lösta"], horizontal=True)
    axes.set_xlabel("Antal")
    return _png("eskaleringar", title, figure)


def _pyplot() -> Any:
    """matplotlib on first use: ~55 MB that `smbot serve` holds only once a report is made
    (the labels above are used by the register and the tables without it)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    return pyplot


def _figure(title: str) -> tuple[Figure, Axes]:
    figure, axes = _pyplot().subplots(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    axes.set_title(title, fontsize=13, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _bars(
    axes: Axes,
    labels: list[str],
    series: list[list[float | None]],
    names: list[str],
    *,
    unit: str = "",
    horizontal: bool = False,
    colours: bool = False,
) -> None:
    """Grouped bars; each series its own colour and hatching, each bar its value written on."""
    width = 0.8 / len(series)
    for index, (values, name) in enumerate(zip(series, names, strict=True)):
        positions = [n + (index - (len(series) - 1) / 2) * width for n in range(len(labels))]
        heights = [v or 0 for v in values]
        # One series across categories (documentation): one colour and hatching per bar.
        picks = range(len(labels)) if colours else [index] * len(labels)
        draw = axes.barh if horizontal else axes.bar
        bars = draw(
            positions,
            heights,
            width,
            label=name,
            color=[OKABE_ITO[p % len(OKABE_ITO)] for p in picks],
            hatch=None,
            edgecolor="black",
            linewidth=0.8,
        )
        for bar, pick in zip(bars, picks, strict=True):
            bar.set_hatch(HATCHES[pick % len(HATCHES)])
        axes.bar_label(bars, labels=[_value(v, unit) for v in values], padding=2, fontsize=9)
    ticks = list(range(len(labels)))
    if horizontal:
        axes.set_yticks(ticks, labels)
        axes.invert_yaxis()
    else:
        axes.set_xticks(ticks, labels)
    if len(series) > 1:
        axes.legend(frameon=False, fontsize=9)


def _value(value: float | None, unit: str) -> str:
    return "–" if value is None else f"{value:.0f}{unit}".replace(".", ",")


def _percent(share: float | None) -> float | None:
    return None if share is None else share * 100


def _png(name: str, title: str, figure: Figure) -> Chart:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    _pyplot().close(figure)
    return Chart(name=name, title=title, png=buffer.getvalue())
