"""The QPainter bar chart (ui/charts.py): grouped bars of several series around zero, painted into
an image; the bar under the mouse says its value."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QToolTip
from pytestqt.qtbot import QtBot

from ui.charts import BarChart, BarSeries, nice_ticks

RED, GREEN = "#b00020", "#0a6b2d"


def chart(qtbot: QtBot) -> BarChart:
    widget = BarChart()
    qtbot.addWidget(widget)
    widget.resize(480, 280)
    widget.set_title("Variance by zone")
    widget.set_data(
        ["A", "B", "C"],
        [
            BarSeries("Short", RED, (-3.0, 0.0, -12.0)),
            BarSeries("Over", GREEN, (2.0, 0.0, 0.0)),
        ],
        value_text=lambda v: f"{v:+.0f}",
    )
    return widget


def painted(widget: BarChart) -> QImage:
    image = QImage(widget.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    widget.paint(painter, image.rect().toRectF())
    painter.end()
    return image


def colour_at(image: QImage, point: QPointF) -> str:
    return image.pixelColor(point.toPoint()).name()


def test_bars_are_painted_in_their_series_colour_up_and_down_from_zero(qtbot: QtBot) -> None:
    widget = chart(qtbot)
    image = painted(widget)
    short_a, over_a, short_c = (
        widget.bar_rect(0, 0),
        widget.bar_rect(0, 1),
        widget.bar_rect(2, 0),
    )
    assert colour_at(image, short_a.center()) == RED
    assert colour_at(image, over_a.center()) == GREEN
    assert colour_at(image, short_c.center()) == RED
    # Short goes down from the zero line, over goes up; −12 is four times as long as −3.
    assert short_a.top() == pytest.approx(over_a.bottom())
    assert short_c.height() == pytest.approx(4 * short_a.height(), rel=0.01)
    # Zone B has no variance: nothing is painted in its column.
    zero_b = widget.bar_rect(1, 0)
    assert zero_b.height() == 0
    assert colour_at(image, QPointF(zero_b.center().x(), short_a.center().y())) == "#ffffff"


def test_hovering_a_bar_says_its_category_series_and_value(qtbot: QtBot) -> None:
    widget = chart(qtbot)
    assert widget.tooltip_at(widget.bar_rect(2, 0).center()) == "C · Short: -12"
    assert widget.tooltip_at(widget.bar_rect(0, 1).center()) == "A · Over: +2"
    assert widget.tooltip_at(QPointF(2, 2)) == ""  # the title, not a bar
    widget.set_data(
        ["A"], [BarSeries("Short", RED, (-3.0,))], tooltip=lambda c, s: f"zone {c}, series {s}"
    )
    assert widget.tooltip_at(widget.bar_rect(0, 0).center()) == "zone 0, series 0"


def test_moving_the_mouse_over_a_bar_shows_its_tooltip(qtbot: QtBot) -> None:
    widget = chart(qtbot)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.mouseMove(widget, widget.bar_rect(2, 0).center().toPoint())
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text() == "C · Short: -12")
    qtbot.mouseMove(widget, QPoint(2, 2))
    qtbot.waitUntil(lambda: not QToolTip.isVisible() or QToolTip.text() != "C · Short: -12")


def test_an_empty_chart_says_so_and_paints_no_bar(qtbot: QtBot) -> None:
    widget = BarChart()
    qtbot.addWidget(widget)
    widget.resize(300, 200)
    widget.set_empty_text("No variance")
    widget.set_data([], [])
    assert widget.is_empty() and widget.bar_at(QPointF(150, 100)) is None
    image = painted(widget)
    assert not any(
        image.pixelColor(x, y).name() in (RED, GREEN) for x in range(0, 300, 5) for y in (100,)
    )
    with pytest.raises(ValueError, match="2 values for 1 categories"):
        widget.set_data(["A"], [BarSeries("Short", RED, (1.0, 2.0))])


def test_ticks_are_round_and_cover_zero() -> None:
    assert nice_ticks(-12, 2) == [-15.0, -10.0, -5.0, 0.0, 5.0]
    assert nice_ticks(-7, 0) == [-8.0, -6.0, -4.0, -2.0, 0.0]
    assert nice_ticks(0, 0) == [0.0, 1.0]
    assert nice_ticks(0, 3) == [0.0, 1.0, 2.0, 3.0]
    assert nice_ticks(0, 1000) == [0.0, 250.0, 500.0, 750.0, 1000.0]
    assert nice_ticks(0, 0.3) == [0.0, 0.1, 0.2, 0.3]


def test_the_widget_paints_itself(qtbot: QtBot) -> None:
    widget = chart(qtbot)
    image = QImage(widget.size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    widget.render(image)
    assert colour_at(image, widget.bar_rect(0, 0).center()) == RED
