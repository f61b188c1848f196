"""Allow `python -m ssg`."""

from ssg.cli.main import run

if __name__ == "__main__":  # worker processes started by spawn import this module too
    run()
