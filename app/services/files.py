"""Files the services write for a person (labels, manifests): whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from app.domain.errors import InvalidInput
from app.messages import labels as labels_m


def write_whole(path: Path, data: bytes) -> None:
    """*data* at *path*, never a half-written file under that name (InvalidInput in words)."""
    part = path.with_name(path.name + ".part")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    except OSError as exc:
        raise InvalidInput(
            labels_m.CANNOT_SAVE(path=str(path), reason=exc.strerror or str(exc))
        ) from exc
    finally:
        part.unlink(missing_ok=True)
