"""The preview in a real browser: headless Chromium (Debian's chromium package; CI installs it)
loads the preview of the seed example and of a joint filing with derivative rows from the
corpus, takes screenshots (kept in tests/artifacts/, which git ignores), and checks in the
rendered page that each section and value is where it belongs: the sections in the order of the
form, and every value under its own column heading."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE, corpus_files, requires_shared
from lxml import html as lxml_html

from form4gen import load, parse_xml, to_html
from form4gen.preview.pdf import find_chromium

ARTIFACTS = Path(__file__).parent / "artifacts"
BROWSER = find_chromium()

needs_chromium = pytest.mark.skipif(
    BROWSER is None and not os.environ.get("CI"),
    reason="needs Chromium (apt-get install chromium); CI installs it",
)

# Runs in the page once it is laid out: where each section and each cell ended up.
LAYOUT_SCRIPT = """
<script>
(function () {
  function box(e) { var r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }
  var out = {ids: {}, headers: {}, cells: []};
  document.querySelectorAll('[id]').forEach(function (e) { out.ids[e.id] = box(e); });
  document.querySelectorAll('table.form-table').forEach(function (t) {
    out.headers[t.id] = {};
    t.querySelectorAll('th[data-col]').forEach(function (th) { out.headers[t.id][th.dataset.col] = box(th); });
    t.querySelectorAll('tr.data-row td').forEach(function (td) {
      out.cells.push({table: t.id, col: td.className.replace('col-', ''), text: td.textContent.trim(), box: box(td)});
    });
  });
  var pre = document.createElement('pre'); pre.id = 'layout-json'; pre.style.display = 'none'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def _chromium(*args: str) -> subprocess.CompletedProcess:
    assert BROWSER is not None, "Chromium is not installed (apt-get install chromium)"
    return subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,1800", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def render(page: str, name: str, tmp_path: Path) -> tuple[lxml_html.HtmlElement, dict]:
    """Load the page in Chromium: a screenshot to tests/artifacts/<name>.png, and the DOM after
    layout with the layout measurements."""
    ARTIFACTS.mkdir(exist_ok=True)
    source = tmp_path / f"{name}.html"
    source.write_text(page.replace("</body>", LAYOUT_SCRIPT + "</body>"), encoding="utf-8")
    shot = ARTIFACTS / f"{name}.png"
    done = _chromium(f"--screenshot={shot}", source.as_uri())
    assert shot.is_file() and shot.stat().st_size > 10_000, done.stderr[-500:]
    dumped = _chromium("--dump-dom", source.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-500:]
    dom = lxml_html.fromstring(dumped.stdout)
    layout = json.loads(dom.xpath('string(//pre[@id="layout-json"])'))
    return dom, layout


def _check_layout(dom: lxml_html.HtmlElement, layout: dict) -> None:
    ids = layout["ids"]
    # the form's sections, top to bottom in the form's order
    order = ["form-name", "boxes", "table-1", "table-2", "reporting-owners", "signatures", "explanation", "remarks"]
    tops = [ids[i][1] for i in order]
    assert tops == sorted(tops), dict(zip(order, tops, strict=True))
    # box 1 left of the issuer box, which is left of box 5; box 3 under box 2
    assert ids["box-1"][2] <= ids["box-issuer"][0] + 1 and ids["box-issuer"][2] <= ids["box-relationship"][0] + 1
    assert ids["box-period"][1] >= ids["box-issuer"][3] - 1
    # every value sits under its own column heading
    for cell in layout["cells"]:
        header = layout["headers"][cell["table"]][cell["col"]]
        middle = (cell["box"][0] + cell["box"][2]) / 2
        assert header[0] - 1 <= middle <= header[2] + 1, cell
        assert cell["box"][1] >= header[3] - 1, cell
    # the rendered page has no horizontal scrolling at a 1400-pixel window
    assert ids["form"][2] <= 1400


@needs_chromium
def test_the_seed_preview_in_chromium(tmp_path):
    filing = load(EXAMPLE)
    dom, layout = render(to_html(filing), "seed-example", tmp_path)
    _check_layout(dom, layout)
    assert dom.xpath('string(//div[@id="form-name"])').strip() == "FORM 4"
    assert "CARUSO JAMES V" in dom.xpath('string(//td[@id="box-1"])')
    assert "Cellectar Biosciences, Inc. [CLRB]" in dom.xpath('string(//td[@id="box-issuer"])')
    assert "10/12/2018" in dom.xpath('string(//td[@id="box-period"])')
    assert "__X__ Director" in dom.xpath('string(//td[@id="rel-director"])')
    assert "President and CEO" in dom.xpath('string(//table[@class="relationship"])')
    cells = {c["col"]: c["text"] for c in layout["cells"] if c["table"] == "table-2"}
    assert cells["title"] == "Stock Option (right to buy)" and cells["code"] == "A"
    assert cells["acquired"] == "150,000" and cells["disposed"] == "" and cells["exercisable"] == "(1)"
    assert cells["underlying_title"] == "Common Stock" and cells["underlying_amount"] == "150,000"
    assert cells["expiration"] == "10/12/2028" and cells["ownership"] == "D"
    assert dom.xpath('string(//tr[@id="footnote-1"])').strip().startswith("(1)This option grant")
    assert "DRAFT, not filed" in dom.xpath('string(//div[@id="draft-band"])')


@requires_shared
@needs_chromium
def test_a_joint_filing_with_derivative_rows_in_chromium(tmp_path):
    path = next(p for p in corpus_files() if p.read_bytes().count(b"<reportingOwner>") >= 2 and b"<derivativeTransaction>" in p.read_bytes())
    filing = parse_xml(path)
    dom, layout = render(to_html(filing, draft=False), "joint-derivative", tmp_path)
    _check_layout(dom, layout)
    owners = dom.xpath('//table[@id="owners-table"]//tr[@class="owner"]')
    assert len(owners) == len(filing.reporting_owners) >= 2
    for row, owner in zip(owners, filing.reporting_owners, strict=True):
        assert owner.name and owner.name in row.text_content()
    table2 = [c for c in layout["cells"] if c["table"] == "table-2"]
    assert len(table2) == len(filing.derivative_table) * 16  # every column of every row
    first = filing.derivative_table[0]
    titles = [c["text"] for c in table2 if c["col"] == "title"]
    assert titles[0].startswith(first.security_title.value)
    assert "_X_ Form filed by More than One Reporting Person" in dom.xpath('string(//td[@id="box-joint"])')
