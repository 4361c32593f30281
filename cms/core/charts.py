"""Bar charts drawn on the server as accessible inline SVG: no JavaScript, no chart library.

::

    chart = BarChart(
        _("Answers by unit"),
        labels=["WGK", "MPK"],
        series=[Series(_("On time"), [5, 3], tone="positive"), Series(_("Late"), [1, 0], tone="critical")],
        stacked=True,
        category_label=_("Unit"),
    )

``{{ chart }}`` in a template draws it; the page links the stylesheet ``core/charts.css``
in its ``extra_css`` block. Horizontal bars (the default) compare categories such as
units; ``vertical=True`` draws columns for a time series such as months. ``None`` is a
missing value (shown as "—"), not zero. Every chart carries its numbers twice: as value
labels in the drawing, which print, and as a visually hidden table for screen readers.
Colours are Wagtail's admin colours, so the charts follow its light and dark themes. The
stylesheet also lays charts side by side (``<div class="chart-grid">``) and styles the key
figures a report opens with (``<dl class="key-figures">``).
"""

import uuid
from dataclasses import dataclass, field
from functools import cached_property

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

TONES = ("primary", "positive", "critical", "warning", "neutral")
MISSING = "—"

# Horizontal bars: each category is a row with its label above the bar (so long unit names fit).
PLOT_WIDTH = 82  # % of the width the longest bar takes; the value label goes after it
LABEL_LINE = 20  # px from a row's top to its bars
BAND = 18  # px, the bar of one series (or a stack)
GROUPED_BAND = 12  # px, one bar of several series side by side
ROW_GAP = 12  # px

# Columns: value labels above, category labels below.
TOP = 20
PLOT_HEIGHT = 160
BOTTOM = 24
SLOT_FILL = 0.64  # share of a category's slot its columns take


@dataclass(frozen=True)
class Series:
    """One set of values, one per category, drawn in one colour (a tone of ``TONES``)."""

    label: str
    values: list
    tone: str = "primary"


@dataclass(frozen=True)
class Bar:
    """A rectangle: its series, value and SVG geometry (``x``/``width`` in %, ``y``/``height`` in px)."""

    series: Series
    value: float | None
    text: str
    x: str
    y: str
    width: str
    height: str


@dataclass(frozen=True)
class Label:
    text: str
    x: str
    y: str
    anchor: str = "start"


@dataclass(frozen=True)
class Row:
    """One category: its label, bars and value labels."""

    label: Label
    bars: list
    values: list


@dataclass
class BarChart:
    title: str
    labels: list
    series: list
    vertical: bool = False
    stacked: bool = False
    #: The top of the scale; by default the largest value (or stack).
    max_value: float | None = None
    decimals: int = 0
    suffix: str = ""
    #: Heading of the categories' column in the data table, e.g. "Unit".
    category_label: str = ""
    description: str = ""
    empty_text: str = _("No data.")
    name: str = field(default_factory=lambda: f"chart-{uuid.uuid4().hex[:8]}")

    def __post_init__(self):
        self.labels = [str(label) for label in self.labels]
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(
                    f"Series {series.label!r} has {len(series.values)} values for {len(self.labels)} labels."
                )
            if series.tone not in TONES:
                raise ValueError(f"Unknown tone {series.tone!r}; use one of {', '.join(TONES)}.")
            if any(value is not None and value < 0 for value in series.values):
                raise ValueError(f"Series {series.label!r} has a negative value; bars start at zero.")

    def __str__(self):
        return render_to_string("core/charts/bar.html", {"chart": self})

    __html__ = __str__

    @property
    def is_empty(self):
        return not self.labels or not self.series

    @property
    def orientation(self):
        return "vertical" if self.vertical else "horizontal"

    @property
    def show_legend(self):
        return len(self.series) > 1

    def format(self, value):
        if value is None:
            return MISSING
        rounded = round(value, self.decimals)  # number_format() cuts decimals off: 66.7 would read 66
        return f"{number_format(rounded, self.decimals, force_grouping=True)}{self.suffix}"

    @cached_property
    def totals(self):
        """The sum of each category's values (None where every value is missing)."""
        columns = zip(*(series.values for series in self.series), strict=True)
        return [None if all(v is None for v in col) else sum(v or 0 for v in col) for col in columns]

    @cached_property
    def scale(self):
        """The value drawn at full length; 0 when there is nothing to draw."""
        if self.max_value is not None:
            return self.max_value
        values = self.totals if self.stacked else [v for series in self.series for v in series.values]
        return max((value for value in values if value is not None), default=0)

    def share(self, value):
        """``value`` as a fraction of the scale, clipped to 0..1."""
        scale = self.scale
        if not value or scale <= 0:
            return 0.0
        return min(value / scale, 1.0)

    @property
    def table(self):
        """The numbers as (category, [formatted value per series]) rows."""
        return [
            (label, [self.format(series.values[i]) for series in self.series])
            for i, label in enumerate(self.labels)
        ]

    @property
    def rows(self):
        layout = self._columns if self.vertical else self._horizontal_rows
        return [] if self.is_empty else layout()

    @property
    def height(self):
        if self.vertical:
            return TOP + PLOT_HEIGHT + BOTTOM
        return len(self.labels) * self._row_height

    @property
    def baseline(self):
        return TOP + PLOT_HEIGHT

    @property
    def _band(self):
        if self.stacked or len(self.series) == 1:
            return BAND
        return len(self.series) * (GROUPED_BAND + 2) - 2

    @property
    def _row_height(self):
        return LABEL_LINE + self._band + ROW_GAP

    def _horizontal_rows(self):
        rows = []
        for i, label in enumerate(self.labels):
            top = i * self._row_height + LABEL_LINE
            bars, values = [], []
            if self.stacked:
                start = 0.0
                for series in self.series:
                    width = self.share(series.values[i]) * PLOT_WIDTH
                    bars.append(self._bar(series, i, _pct(start), top, _pct(width), BAND))
                    start += width
                values.append(Label(self.format(self.totals[i]), _pct(start + 1), _px(top + BAND / 2 + 4)))
            else:
                thickness = BAND if len(self.series) == 1 else GROUPED_BAND
                for n, series in enumerate(self.series):
                    y = top + n * (GROUPED_BAND + 2)
                    width = self.share(series.values[i]) * PLOT_WIDTH
                    bars.append(self._bar(series, i, "0%", y, _pct(width), thickness))
                    values.append(
                        Label(self.format(series.values[i]), _pct(width + 1), _px(y + thickness / 2 + 4))
                    )
            heading = Label(label, "0%", _px(top - 6))
            rows.append(Row(heading, bars, values))
        return rows

    def _columns(self):
        slot = 100 / len(self.labels)
        group = slot * SLOT_FILL
        rows = []
        for i, label in enumerate(self.labels):
            left = slot * i + (slot - group) / 2
            centre = _pct(slot * i + slot / 2)
            bars, values = [], []
            if self.stacked:
                bottom = self.baseline
                for series in self.series:
                    height = self.share(series.values[i]) * PLOT_HEIGHT
                    bottom -= height
                    bars.append(self._bar(series, i, _pct(left), bottom, _pct(group), height))
                values.append(Label(self.format(self.totals[i]), centre, _px(bottom - 5), "middle"))
            else:
                width = group / len(self.series)
                for n, series in enumerate(self.series):
                    height = self.share(series.values[i]) * PLOT_HEIGHT
                    x = left + n * width
                    bars.append(self._bar(series, i, _pct(x), self.baseline - height, _pct(width), height))
                    values.append(
                        Label(
                            self.format(series.values[i]),
                            _pct(x + width / 2),
                            _px(self.baseline - height - 5),
                            "middle",
                        )
                    )
            heading = Label(label, centre, _px(self.baseline + 16), "middle")
            rows.append(Row(heading, bars, values))
        return rows

    def _bar(self, series, i, x, y, width, height):
        value = series.values[i]
        return Bar(series, value, self.format(value), x, _px(y), width, _px(height))


def _pct(value):
    return f"{value:.2f}%"


def _px(value):
    return f"{value:.1f}"
