"""UN Security Council consolidated list: the real 2026-02 file and small hostile ones."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from unicodedata import normalize
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from realdata import data_file

from pierce.sources import detect, un_sc
from pierce.sources.base import SourceError

UN_FILE = "lists/un-sc-2026-02.xml"


@pytest.fixture(scope="module")
def un_entities() -> dict[str, object]:
    parsed = un_sc.parse(data_file(UN_FILE))
    entities = {e.id: e for e in parsed.entities}
    return {"parsed": parsed, "entities": entities}


def test_counts_and_published(un_entities: dict) -> None:
    parsed, entities = un_entities["parsed"], un_entities["entities"]
    schemata = Counter(e.schema.name for e in entities.values())
    assert schemata["Person"] == 730
    assert schemata["Organization"] == 273
    # One Sanction per listed entry.
    assert schemata["Sanction"] == 730 + 273
    assert parsed.published == date(2026, 2, 27)
    assert parsed.info["individuals"] == 730 and parsed.info["entities"] == 273


def test_named_individual_al_zawahiri(un_entities: dict) -> None:
    person = un_entities["entities"]["un-QDi.006"]
    assert person.schema.name == "Person"
    assert person.get("name") == ["AIMAN MUHAMMED RABI AL-ZAWAHIRI"]
    assert "Ayman Al-Zawahari" in person.get("alias")
    assert "Abu Mohammed" in person.get("weakAlias")
    assert person.get("birthDate") == ["1951-06-19"]
    assert person.get("nationality") == ["eg"]
    assert "1084010" in person.get("passportNumber")
    # The Arabic original-script name is an alias tagged with its language.
    arabic = [s for s in person.statements if s.prop == "alias" and s.lang == "ara"]
    assert [s.value for s in arabic] == ["أيمن محمد ربيع الظواهري"]


def test_sanction_of_entry(un_entities: dict) -> None:
    sanction = un_entities["entities"]["un-QDi.006-sanction"]
    assert sanction.get("entity") == ["un-QDi.006"]
    assert sanction.get("authority") == ["United Nations Security Council"]
    assert sanction.get("program") == ["Al-Qaida"]
    assert sanction.get("unscId") == ["QDi.006"]
    assert sanction.get("listingDate") == ["2001-01-25"]


def test_organisation_and_year_ranges(un_entities: dict) -> None:
    entities = un_entities["entities"]
    komid = entities["un-KPe.001"]
    assert komid.schema.name == "Organization"
    assert "KOMID" in komid.get("alias")
    assert komid.get("country") == ["kp"]
    # A BETWEEN 1987 and 1993 birth date (FROM_YEAR/TO_YEAR) becomes every year in range.
    assert {"1987", "1988", "1991", "1992", "1993"} <= set(entities["un-CDi.042"].get("birthDate"))


def test_documents_become_identifications(un_entities: dict) -> None:
    passport = un_entities["entities"]["un-CDi.021-doc-1"]
    assert passport.schema.name == "Passport"
    assert passport.get("holder") == ["un-CDi.021"]
    assert passport.get("number") == ["OB 0243318"]


def test_sniff_detects_the_real_file() -> None:
    assert detect(data_file(UN_FILE)) is un_sc


MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID><FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>DOE</SECOND_NAME>
      <UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>TSi.001</REFERENCE_NUMBER>
      <LISTED_ON>2020-01-01</LISTED_ON>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>JD</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1970</YEAR>
      </INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>
"""


def test_minimal_file(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(MINIMAL, encoding="utf-8")
    parsed = un_sc.parse(path)
    entities = {e.id: e for e in parsed.entities}
    assert parsed.published == date(2026, 1, 2)
    assert entities["un-TSi.001"].get("weakAlias") == ["JD"]
    assert entities["un-TSi.001"].get("birthDate") == ["1970"]


def test_doctype_is_refused(tmp_path: Path) -> None:
    bomb = MINIMAL.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
    ).replace("JOHN", "&lol2;")
    path = tmp_path / "bomb.xml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(SourceError, match=r"line 2.*DOCTYPE"):
        un_sc.parse(path)


def test_external_entity_is_refused(tmp_path: Path) -> None:
    xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + (
        "<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>"
    )
    path = tmp_path / "xxe.xml"
    path.write_text(xxe, encoding="utf-8")
    with pytest.raises(SourceError, match="refused"):
        un_sc.parse(path)


def test_truncated_xml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(MINIMAL[: MINIMAL.index("<INDIVIDUAL_ALIAS>")], encoding="utf-8")
    with pytest.raises(SourceError, match=r"line \d+, column \d+.*truncated"):
        un_sc.parse(path)


def test_truncated_real_file(tmp_path: Path) -> None:
    raw = data_file(UN_FILE).read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(SourceError, match=r"\(line \d+, column \d+\)"):
        un_sc.parse(path)


def test_wrong_root(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<sdnList><x/></sdnList>", encoding="utf-8")
    assert not un_sc.sniff(path, path.read_bytes())
    with pytest.raises(SourceError, match="CONSOLIDATED_LIST"):
        un_sc.parse(path)


def test_entry_without_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "noname.xml"
    path.write_text(MINIMAL.replace("JOHN", "").replace("DOE", ""), encoding="utf-8")
    with pytest.raises(SourceError, match="INDIVIDUAL TSi.001.*no name"):
        un_sc.parse(path)


XML_SAFE = st.text(
    alphabet=st.characters(
        # Cf (soft hyphen, zero-width marks) alone is no name: FtM's name type drops it.
        blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn"),
        blacklist_characters="\ufffe\uffff",
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=XML_SAFE, alias=XML_SAFE)
def test_any_name_survives_xml_escaping(tmp_path: Path, name: str, alias: str) -> None:
    path = tmp_path / "un.xml"
    text = MINIMAL.replace("JOHN", escape(name)).replace("<SECOND_NAME>DOE</SECOND_NAME>", "")
    path.write_text(text.replace(">JD<", f">{escape(alias)}<"), encoding="utf-8")
    person = next(e for e in un_sc.parse(path).entities if e.schema.name == "Person")
    # FtM stores names in NFC (e.g. CJK compatibility ideographs become their unified forms).
    assert person.get("name") == [normalize("NFC", " ".join(name.split()))]
    assert person.get("weakAlias") == [normalize("NFC", " ".join(alias.split()))]
