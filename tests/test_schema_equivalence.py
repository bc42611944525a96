"""The project's schemas (schemas/, written from spec.py) agree with the SEC's v5.5 schemas.

Same verdict, valid or invalid, on every corpus document and on hundreds of invalid variants
generated here: wrong order, missing required elements, bad codes, over-long strings, bad dates
and numbers, footnote id mistakes, unknown elements.
"""

from __future__ import annotations

import copy

from conftest import REPO, corpus_files, requires_shared, sec_schema
from lxml import etree

from form4gen.checking.engine import document_schema
from form4gen.form import spec
from form4gen.rules.schema import _references_resolve, fast_document_schema
from form4gen.xml import xsd


def test_committed_schemas_are_what_spec_py_writes():
    for name, text in xsd.all_schema_texts().items():
        committed = (REPO / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run python -m form4gen.xml.xsd"


def test_no_sec_schema_file_is_copied_into_the_project():
    for path in (REPO / "schemas").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "Written by form4gen.xml.xsd" in text
        assert "Filename:" not in text  # the SEC files' header


@requires_shared
def test_same_verdict_on_every_corpus_document():
    disagreements = []
    valid = 0
    for path in corpus_files():
        document_type = etree.parse(str(path)).getroot().findtext("documentType")
        theirs = sec_schema(document_type).is_valid(str(path))
        ours = document_schema(document_type).is_valid(str(path))
        valid += theirs
        if theirs != ours:
            disagreements.append(f"{path.name}: SEC {theirs}, ours {ours}")
    assert not disagreements, "\n".join(disagreements)
    assert 150 <= valid < len(corpus_files())  # both verdicts occur


# --- invalid variants --------------------------------------------------------------------------

BAD_VALUES = ["", "X", "-1", "1,000", "12.34567", "2024-13-45", "9" * 17, "A" * 61, "A" * 151, "3/A", "F0"]


def _base_documents() -> list[etree._Element]:
    """One valid corpus document per document type found valid, plus Form 5 made valid."""
    bases, seen = [], set()
    for path in corpus_files():
        root = etree.parse(str(path)).getroot()
        document_type = root.findtext("documentType")
        key = (document_type, root.find("derivativeTable") is not None, root.find("footnotes") is not None)
        if root.find("aff10b5One") is None and document_type[0] in "45":
            # a pre-2023 document: give it the 10b5-1 box so that Forms 4/A and 5 are bases too
            box = etree.Element("aff10b5One")
            box.text = "0"
            root.findall("reportingOwner")[-1].addnext(box)
        if key in seen or not sec_schema(document_type).is_valid(root):
            continue
        seen.add(key)
        bases.append(root)
    for root in list(bases):  # no 3/A or 5/A in the corpus: make them from a 3 and a 5
        document_type = root.findtext("documentType")
        if document_type in ("3", "5") and not any(b.findtext("documentType") == document_type + "/A" for b in bases):
            amended = copy.deepcopy(root)
            amended.find("documentType").text = document_type + "/A"
            original = etree.Element("dateOfOriginalSubmission")
            original.text = "2024-01-02"
            amended.find("periodOfReport").addnext(original)
            bases.append(amended)
    return bases


def _leaves(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str) and len(e) == 0 and e.tag != "footnoteId"]


def _variants(root: etree._Element):
    """(description, document) pairs; most are invalid, some may stay valid: the verdicts must agree."""
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    for element in elements:
        path = root.getroottree().getpath(element)
        # remove the element
        doc = copy.deepcopy(root)
        target = doc.xpath(path)[0]
        target.getparent().remove(target)
        yield f"remove {path}", doc
        # swap it with its next sibling (wrong order)
        nxt = element.getnext()
        if nxt is not None and nxt.tag != element.tag:
            doc = copy.deepcopy(root)
            target = doc.xpath(path)[0]
            target.addprevious(copy.deepcopy(target.getnext()))
            target.getparent().remove(target.getnext())
            yield f"swap {path}", doc
    for leaf in _leaves(root):
        path = root.getroottree().getpath(leaf)
        for bad in BAD_VALUES:
            doc = copy.deepcopy(root)
            doc.xpath(path)[0].text = bad
            yield f"{path} = {bad!r}", doc
    for what, mutate in _footnote_mutations():
        doc = copy.deepcopy(root)
        if mutate(doc):
            yield what, doc
    doc = copy.deepcopy(root)
    doc.insert(2, etree.Element("unknownElement"))
    yield "unknown element", doc
    doc = copy.deepcopy(root)
    doc.find("issuer").addnext(copy.deepcopy(doc.find("issuer")))
    yield "issuer twice", doc


def _footnote_mutations():
    def duplicate_id(doc):
        notes = doc.findall("footnotes/footnote")
        if len(notes) < 2:
            return False
        notes[1].set("id", notes[0].get("id"))
        return True

    def dangling_reference(doc):
        ref = doc.find(".//footnoteId")
        if ref is None:
            return False
        ref.set("id", "F98")
        return True

    def lowercase_id(doc):
        note = doc.find("footnotes/footnote")
        if note is None:
            return False
        for ref in doc.iter("footnoteId"):
            if ref.get("id") == note.get("id"):
                ref.set("id", "f1")
        note.set("id", "f1")
        return True

    return [("duplicate footnote id", duplicate_id), ("dangling footnote reference", dangling_reference), ("lowercase footnote id", lowercase_id)]


@requires_shared
def test_same_verdict_on_generated_invalid_variants(capsys):
    invalid, total, disagreements, types = 0, 0, [], set()
    for base in _base_documents():
        document_type = base.findtext("documentType")
        types.add(document_type)
        theirs_schema, ours_schema = sec_schema(document_type), document_schema(document_type)
        fast = fast_document_schema(document_type)  # libxml2's verdict, which check() asks first
        for number, (what, doc) in enumerate(_variants(base)):
            if number % 3 and total > 150:  # keep the run short: every third variant once warmed up
                continue
            total += 1
            theirs, ours = theirs_schema.is_valid(doc), ours_schema.is_valid(doc)
            quick = fast.validate(doc) and _references_resolve(doc)
            invalid += not theirs
            if not theirs == ours == quick:
                disagreements.append(f"Form {document_type}: {what}: SEC {theirs}, ours {ours}, libxml2 {quick}")
    assert set(spec.DOCUMENT_TYPES) <= types
    with capsys.disabled():
        print(f"\nschema equivalence: {total} variants, {invalid} invalid by the SEC's schema, {len(disagreements)} disagreements")
    assert not disagreements, "\n".join(disagreements[:20])
    assert invalid >= 200
