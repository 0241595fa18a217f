"""The carrier choice table (选择合适快递): read and replaced from a CSV/XLSX file
(``packdesk carriers rules set FILE``), listed, and applied by review to the orders that came
without a carrier (app/services/review.py).  The rules themselves are app/domain/carrier_rules."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db.models import CarrierRule as CarrierRuleRow
from app.db.uow import UnitOfWork
from app.domain.carrier_rules import COLUMNS, CarrierRule, read_rule
from app.domain.errors import DomainError, InvalidInput
from app.domain.users import Action, Actor
from app.messages import Message
from app.messages import followup as fm
from app.messages import imports as im
from app.services import audit
from app.services.shipping import find_carrier


class RulesRefused(InvalidInput):
    """A rules file with problems: ``problems`` says each, by row; nothing was changed."""

    def __init__(self, message: Message, problems: list[Message]) -> None:
        super().__init__(message)
        self.problems = problems


def rules(session: Session) -> list[CarrierRule]:
    """The table in the order its rules are tried."""
    return [
        CarrierRule(r.carrier, r.shop, r.province, r.min_g, r.max_g, r.fragile)
        for r in session.scalars(select(CarrierRuleRow).order_by(CarrierRuleRow.position))
    ]


def list_rules(uow: UnitOfWork) -> list[CarrierRule]:
    with uow.reading() as session:
        return rules(session)


def read_rules(session: Session, path: Path) -> list[CarrierRule]:
    """Every rule of the file, or RulesRefused listing every problem (row by row)."""
    from app.services.tabular import TableError, read_table, text

    try:
        table = read_table(path)
    except TableError as exc:
        raise InvalidInput(fm.RULES_FILE(file=path.name, problem=exc.message)) from exc
    missing = table.missing(COLUMNS)
    if missing:
        raise InvalidInput(fm.RULES_COLUMNS(file=path.name, missing=", ".join(missing)))

    def carrier_code(said: str) -> str:
        return find_carrier(session, said).code

    found: list[CarrierRule] = []
    problems: list[Message] = []
    try:
        for row in table.rows():
            if row.problem is not None:
                problems.append(im.AT_ROW(row=row.number, problem=row.problem))
                continue
            cells = {c: text(table.cell(row, c)) for c in COLUMNS}
            if not any(v.strip() for v in cells.values()):
                continue  # an empty line
            try:
                found.append(read_rule(cells, carrier_code))
            except DomainError as exc:
                problems.append(im.AT_ROW(row=row.number, problem=exc.message))
    except TableError as exc:
        raise InvalidInput(fm.RULES_FILE(file=path.name, problem=exc.message)) from exc
    if problems:
        raise RulesRefused(fm.RULES_REFUSED(file=path.name, n=len(problems)), problems)
    return found


def set_rules(uow: UnitOfWork, actor: Actor, path: Path) -> list[CarrierRule]:
    """Replace the table with the file's rules (all or nothing), audited."""
    actor.require(Action.MANAGE_CARRIERS)
    path = Path(path)
    with uow:
        session = uow.session
        new = read_rules(session, path)
        old = rules(session)
        session.execute(delete(CarrierRuleRow))
        session.add_all(
            CarrierRuleRow(
                position=i,
                shop=r.shop,
                province=r.province,
                min_g=r.min_g,
                max_g=r.max_g,
                fragile=r.fragile,
                carrier=r.carrier,
            )
            for i, r in enumerate(new, start=1)
        )
        audit.record(
            session,
            actor,
            "carriers.rules",
            "carrier_rules",
            path.name,
            {"rules": [r.cells() for r in old]},
            {"rules": [r.cells() for r in new]},
        )
        uow.commit()
    return new
