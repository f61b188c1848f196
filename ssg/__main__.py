"""Allow `python -m ssg`."""

from ssg.cli.main import main

raise SystemExit(main())
