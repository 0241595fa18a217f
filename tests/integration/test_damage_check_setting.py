"""The station setting "damage check on every order" (检查外观无破损污渍)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.config import Settings
from app.domain.users import Actor
from app.services import packing
from app.services.packing import CannotClose, PackOrderCache
from tests.factories import UowFactory
from tests.integration.test_packing_service import CUP, S1, T0, picked  # noqa: F401


def _scan_and_weigh(uow: UowFactory, packer: Actor, cache: PackOrderCache) -> None:
    view = packing.open_order(uow(), packer, "TB001", S1, now=T0, cache=cache)
    assert view.fragile is cache.always_check_damage  # the screen asks for the check
    for _ in range(2):
        packing.scan_item(uow(), packer, "TB001", S1, CUP, now=T0, cache=cache)
    packing.check_weight(uow(), packer, "TB001", S1, 605.0, now=T0, cache=cache)


@pytest.mark.usefixtures("picked")
def test_a_station_that_checks_every_order_waits_for_the_damage_check(
    uow: UowFactory, packer: Actor
) -> None:
    cache = PackOrderCache(always_check_damage=True)
    _scan_and_weigh(uow, packer, cache)  # TB001: two cups, nothing fragile
    with pytest.raises(CannotClose, match="damage check not confirmed"):
        packing.close_parcel(uow(), packer, "TB001", S1, now=T0, cache=cache)
    packing.confirm_damage_check(uow(), packer, "TB001", S1, now=T0, cache=cache)
    view = packing.close_parcel(uow(), packer, "TB001", S1, now=T0, cache=cache)
    assert view.status == "packed" and view.damage_checked


@pytest.mark.usefixtures("picked")
def test_by_default_only_fragile_orders_need_it(uow: UowFactory, packer: Actor) -> None:
    cache = PackOrderCache()
    _scan_and_weigh(uow, packer, cache)
    assert packing.close_parcel(uow(), packer, "TB001", S1, now=T0, cache=cache).status == "packed"


def test_the_setting_is_saved_and_a_bad_value_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings.load(path).always_check_damage is False
    Settings(always_check_damage=True).save(path)
    assert Settings.load(path).always_check_damage is True
    path.write_text(json.dumps({"always_check_damage": "yes"}), encoding="utf-8")
    assert Settings.load(path).always_check_damage is False
