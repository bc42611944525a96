"""``form4gen.to_html``: the filing as EDGAR shows it, with a draft band and the findings of
``form4gen check`` on the boxes and cells they concern.  The preview never holds a CCC: the
view is built from names, addresses and values only."""

from __future__ import annotations

from functools import cache, lru_cache, partial

import jinja2
from markupsafe import Markup

from form4gen.checking.engine import Finding, check
from form4gen.form.models import Filing
from form4gen.preview.columns import Column
from form4gen.preview.view import build_view
from form4gen.xml.resources import templates_dir


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        auto_reload=False,  # the templates ship with the package: no stat() of them per render
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["table_head"] = partial(_table_head, env)
    return env.get_template("preview.html.j2")


@lru_cache(maxsize=16)
def _table_head(env: jinja2.Environment, columns: tuple[Column, ...]) -> Markup:
    """The <thead> of a table with these columns, rendered once per set of columns (a handful
    per form type) instead of once per page."""
    return Markup(env.get_template("preview/table_head.html.j2").render(columns=columns))


def to_html(filing: Filing, *, findings: list[Finding] | None = None, draft: bool = True, show_findings: bool = True) -> str:
    """The preview page.  ``findings``: those to show (default: run ``form4gen.checking.engine`` on the
    filing); ``show_findings=False`` shows none.  ``draft=False`` leaves out the "DRAFT, not
    filed" band."""
    if not show_findings:
        shown: list[Finding] = []
    elif findings is None:
        shown = check(filing).findings
    else:
        shown = list(findings)
    return _template().render(v=build_view(filing, shown, draft=draft))
