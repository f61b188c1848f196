"""The command line: argument parsing, the commands, exit codes and scaffolding.

- `main`: `main(argv)`, the `ssg` entry point (exit 0 fine, 1 lint, 2 input, 3 bug).
- `commands`: one function per command (`build`, `lint`, `serve`, `new`).
- `scaffold`: `new_post` and `new_community` for `ssg new`.
"""
