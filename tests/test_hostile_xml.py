"""Every XML input is hostile: no DTD, no entity expansion, no network."""

from __future__ import annotations

import pytest

from form4gen import InputError, check, parse_xml

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<ownershipDocument><documentType>4</documentType><remarks>&lol2;</remarks></ownershipDocument>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<ownershipDocument><documentType>4</documentType><remarks>&secret;</remarks></ownershipDocument>"""


@pytest.mark.parametrize("document", [LAUGHS, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_dtds_and_entities_are_refused(document):
    with pytest.raises(InputError) as caught:
        parse_xml(document)
    assert "DOCTYPE" in caught.value.render()
    report = check(document)
    refused = [f for f in report.errors if f.rule == "FMT-NOPI"]
    assert [f.message for f in refused][:1] == ["a DOCTYPE declaration is not allowed (form4gen never loads it)"]
    assert any(f.message.startswith("entity reference &") for f in refused)
    assert "root:" not in repr(report) and "lol" * 8 not in repr(report)  # nothing expanded


def test_not_well_formed_names_the_line():
    with pytest.raises(InputError) as caught:
        parse_xml(b"<ownershipDocument>\n<documentType>4</documentType>\n<issuer>\n</ownershipDocument>")
    assert caught.value.problems[0].line == 4


def test_wrong_root_and_unknown_document_type():
    with pytest.raises(InputError, match="expected <ownershipDocument>"):
        parse_xml(b"<edgarSubmission/>")
    with pytest.raises(InputError, match="documentType must be one of"):
        parse_xml(b"<ownershipDocument><documentType>8-K</documentType></ownershipDocument>")
