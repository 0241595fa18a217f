"""Small charts drawn with QPainter: QtCharts is not part of PySide6-Essentials, and a grouped bar
chart needs little.  No business logic here: a chart takes categories, series (a name, a
colour, one value per category) and says the numbers in words the caller chooses.

``BarChart`` draws grouped bars of several series around a zero line (negative values go
down), the value axis with gridlines, each bar's value, the categories below and a legend
above; hovering a bar shows its tooltip.  ``paint(painter, rect)`` draws into any paint
device (a QImage in the tests, a printer)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

__all__ = ["BarChart", "BarSeries", "nice_ticks"]

INK = QColor("#111111")
AXIS = QColor("#5b6573")
GRID = QColor("#d5dae1")
#: the bars of a category take this share of its width; the rest is the gap between groups
GROUP_SHARE = 0.72
MAX_BAR_WIDTH = 56.0
PAD = 8.0
SWATCH = 14.0


@dataclass(frozen=True)
class BarSeries:
    """One series: its name (the legend), its colour ("#rrggbb" or a colour name) and one value
    per category."""

    name: str
    colour: str
    values: tuple[float, ...]


def _plain(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def nice_ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round tick values covering [low, high] (0 included), at most about *most* steps."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 0:
        high = 1.0
    raw = (high - low) / max(most - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    whole = float(low).is_integer() and float(high).is_integer()
    # whole units never get 0.5 or 2.5 ticks
    steps = (1, 2, 5, 10) if whole and magnitude < 10 else (1, 2, 2.5, 5, 10)
    step = next(m * magnitude for m in steps if m * magnitude >= raw)
    if whole:
        step = max(step, 1.0)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = round((last - first) / step)
    return [round(first + i * step, 9) + 0.0 for i in range(count + 1)]


@dataclass(frozen=True)
class _Geometry:
    title: QRectF
    legend: QRectF
    plot: QRectF
    labels: QRectF
    ticks: list[float]


class BarChart(QWidget):
    """Grouped bars: one group per category, one bar per series."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(260, 180)
        self._title = ""
        self._empty_text = ""
        self._categories: tuple[str, ...] = ()
        self._series: tuple[BarSeries, ...] = ()
        self._value_text: Callable[[float], str] = _plain
        self._tooltip: Callable[[int, int], str] | None = None

    # --- data --------------------------------------------------------------------------------

    def set_title(self, text: str) -> None:
        self._title = text
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What the chart says when it has no category (or only zeros: it says so too)."""
        self._empty_text = text
        self.update()

    def set_data(
        self,
        categories: Sequence[str],
        series: Sequence[BarSeries],
        *,
        value_text: Callable[[float], str] | None = None,
        tooltip: Callable[[int, int], str] | None = None,
    ) -> None:
        """*value_text* says a value (the bars' labels, the axis); *tooltip(category, series)*
        says a bar on hover (default: "category · series: value")."""
        for s in series:
            if len(s.values) != len(categories):
                raise ValueError(
                    f"series {s.name!r} has {len(s.values)} values for {len(categories)} categories"
                )
        self._categories = tuple(categories)
        self._series = tuple(series)
        self._value_text = value_text or _plain
        self._tooltip = tooltip
        self.update()

    def categories(self) -> tuple[str, ...]:
        return self._categories

    def series(self) -> tuple[BarSeries, ...]:
        return self._series

    def is_empty(self) -> bool:
        return not self._categories or all(v == 0 for s in self._series for v in s.values)

    def sizeHint(self) -> QSize:
        return QSize(420, 240)

    # --- geometry ----------------------------------------------------------------------------

    def _legend_width(self, metrics: QFontMetricsF) -> float:
        return sum(SWATCH + 4 + metrics.horizontalAdvance(s.name) + 2 * PAD for s in self._series)

    def _geometry(self, rect: QRectF, metrics: QFontMetricsF) -> _Geometry:
        line = metrics.height()
        # The title and the legend share the first row when there is room for both.
        legend_width = self._legend_width(metrics)
        title_width = metrics.horizontalAdvance(self._title) * 1.1 + 2 * PAD if self._title else 0
        one_row = title_width + legend_width <= rect.width()
        title = QRectF(rect.left(), rect.top(), rect.width(), line + 4 if self._title else 0)
        legend = QRectF(
            rect.right() - legend_width if one_row else rect.left(),
            title.top() if one_row else title.bottom(),
            legend_width,
            line + 4,
        )
        labels_height = line + 4
        # room above the highest and below the lowest bar for their value labels
        top = max(title.bottom(), legend.bottom()) + line
        height = max(rect.bottom() - labels_height - line - top, 1.0)
        values = [v for s in self._series for v in s.values]
        most = max(2, min(6, int(height / (line * 1.4))))
        ticks = nice_ticks(min(values, default=0.0), max(values, default=0.0), most)
        axis_width = max(metrics.horizontalAdvance(self._value_text(t)) for t in ticks) + PAD
        plot = QRectF(
            rect.left() + axis_width, top, max(rect.width() - axis_width - PAD, 1.0), height
        )
        labels = QRectF(plot.left(), plot.bottom() + line, plot.width(), labels_height)
        return _Geometry(title, legend, plot, labels, ticks)

    def _layout(self) -> _Geometry:
        return self._geometry(QRectF(self.rect()), QFontMetricsF(self.font()))

    @staticmethod
    def _y(geometry: _Geometry, value: float) -> float:
        low, high = geometry.ticks[0], geometry.ticks[-1]
        plot = geometry.plot
        return plot.bottom() - (value - low) / (high - low) * plot.height()

    def _slot(self, geometry: _Geometry, category: int, series: int) -> tuple[float, float]:
        """The bar's left edge and width."""
        plot = geometry.plot
        group = plot.width() / max(len(self._categories), 1)
        n = max(len(self._series), 1)
        width = min(group * GROUP_SHARE / n, MAX_BAR_WIDTH)
        left = plot.left() + group * category + (group - width * n) / 2 + width * series
        return left, width

    def _bar(self, geometry: _Geometry, category: int, series: int) -> QRectF:
        left, width = self._slot(geometry, category, series)
        value = self._series[series].values[category]
        zero, top = self._y(geometry, 0.0), self._y(geometry, value)
        return QRectF(left, min(zero, top), width, abs(zero - top))

    def bar_rect(self, category: int, series: int) -> QRectF:
        """Where the bar of *category* and *series* is drawn in the widget."""
        return self._bar(self._layout(), category, series)

    def bar_at(self, pos: QPointF) -> tuple[int, int] | None:
        """The (category, series) whose bar's column *pos* is in (the column above and below a
        short bar counts: a small value is as easy to hover as a large one)."""
        if self.is_empty():
            return None
        geometry = self._layout()
        if not geometry.plot.adjusted(0, -PAD, 0, PAD).contains(pos):
            return None
        for c in range(len(self._categories)):
            for s in range(len(self._series)):
                left, width = self._slot(geometry, c, s)
                if left <= pos.x() < left + width:
                    return c, s
        return None

    def tooltip_at(self, pos: QPointF) -> str:
        hit = self.bar_at(pos)
        if hit is None:
            return ""
        c, s = hit
        if self._tooltip is not None:
            return self._tooltip(c, s)
        series = self._series[s]
        return f"{self._categories[c]} · {series.name}: {self._value_text(series.values[c])}"

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setFont(self.font())
            self.paint(painter, QRectF(self.rect()))
        finally:
            painter.end()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        metrics = QFontMetricsF(painter.font())
        geometry = self._geometry(rect, metrics)
        painter.setPen(INK)
        if self._title:
            title_font = painter.font()
            title_font.setBold(True)
            painter.save()
            painter.setFont(title_font)
            painter.drawText(geometry.title, Qt.AlignmentFlag.AlignLeft, self._title)
            painter.restore()
        self._paint_legend(painter, geometry, metrics)
        if self.is_empty():
            painter.setPen(AXIS)
            painter.drawText(
                geometry.plot,
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._empty_text,
            )
            if not self._categories:
                return
        self._paint_axis(painter, geometry, metrics)
        self._paint_bars(painter, geometry, metrics)
        self._paint_categories(painter, geometry, metrics)

    def _paint_legend(self, painter: QPainter, geometry: _Geometry, metrics: QFontMetricsF) -> None:
        x = geometry.legend.left() + PAD
        y = geometry.legend.top() + (geometry.legend.height() - SWATCH) / 2
        for series in self._series:
            painter.fillRect(QRectF(x, y, SWATCH, SWATCH), QColor(series.colour))
            painter.setPen(INK)
            x += SWATCH + 4
            text_rect = QRectF(
                x,
                geometry.legend.top(),
                metrics.horizontalAdvance(series.name) + 2,
                geometry.legend.height(),
            )
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, series.name)
            x = text_rect.right() + 2 * PAD

    def _paint_axis(self, painter: QPainter, geometry: _Geometry, metrics: QFontMetricsF) -> None:
        plot = geometry.plot
        for tick in geometry.ticks:
            y = self._y(geometry, tick)
            painter.setPen(QPen(AXIS if tick == 0 else GRID, 2 if tick == 0 else 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(INK)
            label = QRectF(
                geometry.title.left(),
                y - metrics.height() / 2,
                plot.left() - PAD / 2 - geometry.title.left(),
                metrics.height(),
            )
            painter.drawText(
                label,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self._value_text(tick),
            )
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.topLeft(), plot.bottomLeft())

    def _paint_bars(self, painter: QPainter, geometry: _Geometry, metrics: QFontMetricsF) -> None:
        line = metrics.height()
        for c in range(len(self._categories)):
            for s, series in enumerate(self._series):
                value = series.values[c]
                if value == 0:
                    continue
                bar = self._bar(geometry, c, s)
                painter.fillRect(bar, QColor(series.colour))
                text = self._value_text(value)
                width = max(metrics.horizontalAdvance(text) + 4, bar.width())
                above = value > 0
                label = QRectF(
                    bar.center().x() - width / 2,
                    bar.top() - line if above else bar.bottom(),
                    width,
                    line,
                )
                painter.setPen(INK)
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_categories(
        self, painter: QPainter, geometry: _Geometry, metrics: QFontMetricsF
    ) -> None:
        group = geometry.plot.width() / max(len(self._categories), 1)
        painter.setPen(INK)
        for c, name in enumerate(self._categories):
            cell = QRectF(
                geometry.labels.left() + c * group,
                geometry.labels.top(),
                group,
                geometry.labels.height(),
            )
            text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, group - 2)
            painter.drawText(cell, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)

    # --- hover -------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        text = self.tooltip_at(event.position())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def leaveEvent(self, event: QEvent) -> None:
        QToolTip.hideText()
        super().leaveEvent(event)
