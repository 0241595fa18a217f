"""ui package: PySide6 widgets, table models, dialogs, workers."""
