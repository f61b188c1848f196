"""Stage 4b: turn planned pages into HTML with Jinja2 themes.

Template lookup goes: the hub's own `templates/`, then the chosen theme, then
`default`, so a theme (or a hub) can override a single template. Autoescape
and StrictUndefined are always on: a typo in a template is an error naming the
template file and line, never a silently empty string.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
import jinja2.bccache
import jinja2.runtime
from markupsafe import Markup

from ssg import __version__
from ssg.config.themes import template_dirs
from ssg.core.diagnostics import Diagnostic, SsgError, error
from ssg.core.faults import pause_point
from ssg.core.i18n import language
from ssg.core.model import Site
from ssg.core.page import Job
from ssg.core.urls import absolute_url, linker


def format_date(value: dt.date | dt.datetime, style: str = "long") -> str:
    """Dates in English; a site's templates get its own language's `date` filter."""
    return language("en").date(value, style)


TEXT_ATTRIBUTES = frozenset({"html", "body", "__dict__"})  # a content file's text


class TextTrackingEnvironment(jinja2.Environment):
    """Notes whose text (`.html`, `.body`) templates read, so caches can depend on it.

    A post's page shows its text, a tag page only its title and summary: a page
    kept between builds need only be rendered again for a text edit when it read
    that text. Every attribute lookup in a template goes through `getattr` or
    `getitem` here (and the `attr` filter, replaced below); models leave their
    text out of `repr`, so printing an object whole does not show it either.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text_reads: set[str] = set()  # `source` of each content object whose text was read
        plain_attr = self.filters["attr"]  # Jinja before 3.1.4 reads with the built-in getattr

        def attr(environment: jinja2.Environment, obj: Any, name: str) -> Any:
            self._note(obj, name)
            return plain_attr(environment, obj, name)

        attr.jinja_pass_arg = plain_attr.jinja_pass_arg  # type: ignore[attr-defined]
        self.filters["attr"] = attr

    def _note(self, obj: Any, name: Any) -> None:
        if name in TEXT_ATTRIBUTES and isinstance(getattr(obj, "source", None), str):
            self.text_reads.add(obj.source)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's own lookup (attribute, then item), with the text reads noted."""
        if attribute in TEXT_ATTRIBUTES:
            self._note(obj, attribute)
        try:
            return getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument in TEXT_ATTRIBUTES:
            self._note(obj, argument)
        return super().getitem(obj, argument)


ENVIRONMENT_OPTIONS: dict[str, Any] = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    "extensions": ["jinja2.ext.i18n"],
}


class KeptTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds: compiling the theme costs more than one page.

    Jinja checks each entry against its template's source; the folder's name
    holds what else compiled code depends on (Jinja, ssg, the options). New
    entries wait in memory until `save()`, which the build calls once its
    output is written: a build refused for its output leaves the hub as it was.
    A damaged entry is compiled again; an unwritable folder only costs compiles.
    """

    def __init__(self, kept: Path) -> None:
        stamp = repr((jinja2.__version__, __version__, sorted(ENVIRONMENT_OPTIONS.items())))
        digest = hashlib.blake2b(stamp.encode(), digest_size=6).hexdigest()
        super().__init__(str(kept / BYTECODE_FOLDER / digest))
        self.folder = kept / BYTECODE_FOLDER / digest
        self._pending: list[jinja2.bccache.Bucket] = []

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a truncated or foreign file: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._pending.append(bucket)

    def save(self) -> None:
        """Write the entries compiled in this process since the last save."""
        pending, self._pending = self._pending, []
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for bucket in pending:
                super().dump_bytecode(bucket)
        except OSError:
            return  # a full disk or read-only folder: compiled again next time


BYTECODE_FOLDER = "templates"  # in the cache folder; one of the build's own (engine/inputs.py)


def _remembered_gettext(translate: Callable[[str], str]) -> Callable[..., str]:
    """Jinja's newstyle `gettext`, keeping each plain message's result: a page asks for fifteen.

    Same result as Jinja's own: the translation, marked safe under autoescape,
    then always formatted with its variables (none: `% {}`, which turns `%%` into `%`).
    """
    known: dict[tuple[str, bool], str] = {}

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, message: str, /, **variables: Any) -> str:
        escape = context.eval_ctx.autoescape
        if variables:
            text = translate(message)
            return (Markup(text) if escape else text) % variables
        key = (message, escape)
        found = known.get(key)
        if found is None:
            text = translate(message)
            found = known[key] = (Markup(text) if escape else text) % {}
        return found

    return gettext


def make_environment(
    root: Path, site: Site, compiled: KeptTemplates | None = None
) -> TextTrackingEnvironment:
    """Jinja2 with the site's language: `_()`, `{% trans %}`, `date`, `language_name`.

    `compiled`: where compiled templates are kept between builds (None: nowhere).
    """
    lang = language(site.config.language)
    env = TextTrackingEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(root, site.config.theme)]),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=compiled,
        **ENVIRONMENT_OPTIONS,
    )
    env.install_gettext_translations(lang.translations, newstyle=True)
    env.globals["gettext"] = _remembered_gettext(lang.translations.gettext)
    tz = ZoneInfo(site.config.timezone)
    env.filters["date"] = lang.date
    env.globals["language_name"] = lang.language_name
    env.globals["decimal"] = lang.decimal
    env.filters["local"] = lambda moment: moment.astimezone(tz)
    env.filters["isodate"] = lambda moment: moment.isoformat()
    env.globals["site"] = site
    env.globals["config"] = site.config
    return env


def _template_location(exc: BaseException, dirs: Sequence[Path], root: Path) -> tuple[str, int]:
    """The innermost template frame of a Jinja error: Jinja rewrites tracebacks so it is there."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return _shown(Path(exc.filename), root), exc.lineno or 0
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if any(d in path.parents for d in dirs):
            return _shown(path, root), frame.lineno or 0
    return "templates", 0


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def render_jobs(
    root: Path,
    site: Site,
    jobs: Iterable[Job],
    globals_: Mapping[str, Any] | None = None,
    env: TextTrackingEnvironment | None = None,
) -> dict[str, str]:
    """Render every job; all template errors of the run are raised together.

    `env`: an environment made by `make_environment` to reuse (its compiled templates).
    """
    if env is None:
        env = make_environment(root, site)
    env.globals.update(globals_ or {})
    dirs = [d.resolve() for d in template_dirs(root, site.config.theme)]
    base_url, base_path = site.config.base_url, site.config.base_path
    out: dict[str, str] = {}
    diags: list[Diagnostic] = []
    seen_errors: set[tuple[str, int, str]] = set()
    for index, job in enumerate(jobs):
        if index == 1:
            pause_point("render")
        here = job.meta.url
        if job.meta.kind == "404":  # served at any depth: links must be rooted at the base path
            url = lambda target, _h=here: base_path + target.lstrip("/")  # noqa: E731
        else:
            link = linker(here)
            url = lambda target, _l=link: _l(target.lstrip("/"))  # noqa: E731
        context = {
            **job.context,
            "page": job.meta,
            "url": url,
            "abs_url": lambda target: absolute_url(base_url, target),
        }
        try:
            out[here] = env.get_template(job.template).render(context)
        except jinja2.TemplateNotFound as exc:
            key = ("templates", 0, exc.name or job.template)
            if key not in seen_errors:
                seen_errors.add(key)
                diags.append(
                    error(
                        "templates",
                        0,
                        f"template {exc.name!r} not found in "
                        f"{', '.join(_shown(d, root) for d in dirs)}",
                        "template",
                    )
                )
        except Exception as exc:  # noqa: BLE001 - any failure inside a template is the template's
            path, line = _template_location(exc, dirs, root)
            detail = exc.message if isinstance(exc, jinja2.TemplateError) else None
            if isinstance(exc, RecursionError):  # an include, extends or macro loop
                detail = "it includes or calls itself without end; check its include and macros"
            message = f"template error: {detail or f'{type(exc).__name__}: {exc}'}"
            key = (path, line, message)
            if key not in seen_errors:
                seen_errors.add(key)
                diags.append(error(path, line, message, "template"))
    if diags:
        raise SsgError(diags)
    return out
