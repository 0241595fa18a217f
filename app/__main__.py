"""`python -m app` runs the same command line as `packdesk`."""

from app.cli import main

raise SystemExit(main())
