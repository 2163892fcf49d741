"""Allows ``python -m pcmt_desktop``."""

from pcmt_desktop.cli.main import main

raise SystemExit(main())
