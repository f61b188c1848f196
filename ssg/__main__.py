"""Allow `python -m ssg`."""

from ssg.cli import main

raise SystemExit(main())
