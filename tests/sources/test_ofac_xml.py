"""OFAC Enhanced XML: the real 2025-01 consolidated list, and small hand-written files."""

from __future__ import annotations

import gzip
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from followthemoney import EntityProxy
from realdata import data_file

from pierce.sources import detect, ofac_csv, ofac_xml
from pierce.sources.base import SourceError, read_head

NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"
TINY = f"""<?xml version="1.0" encoding="utf-8"?>
<sanctionsData xmlns="{NS}">
  <publicationInfo><dataAsOf>2024-05-03T00:00:00</dataAsOf>
    <filters><sanctionsLists><sanctionsList refId="1550">SDN List</sanctionsList>
    </sanctionsLists></filters></publicationInfo>
  <referenceValues>
    <referenceValue refId="11065"><type>COUNTRY</type><value>China</value>
      <isoCode>CN</isoCode></referenceValue>
  </referenceValues>
  <entities>
    <entity id="123">
      <generalInfo><identityId>1</identityId><entityType refId="600">Individual</entityType>
      </generalInfo>
      <sanctionsLists><sanctionsList refId="1550" id="1" datePublished="2020-01-02">SDN List
      </sanctionsList></sanctionsLists>
      <sanctionsPrograms><sanctionsProgram refId="1" id="1">SDGT</sanctionsProgram>
      </sanctionsPrograms>
      <names><name id="1"><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality>
        <translations><translation id="1"><isPrimary>true</isPrimary>
          <formattedFirstName>Wei</formattedFirstName><formattedLastName>ZHANG</formattedLastName>
          <formattedFullName>ZHANG, Wei</formattedFullName></translation></translations></name>
        <name id="2"><isPrimary>false</isPrimary><aliasType refId="1401">F.K.A.</aliasType>
          <isLowQuality>false</isLowQuality><translations><translation id="2">
          <isPrimary>true</isPrimary><formattedFullName>ZHANG, Old</formattedFullName>
          </translation></translations></name></names>
      <addresses><address id="77"><country refId="11065">China</country><translations>
        <translation id="3"><isPrimary>true</isPrimary><addressParts>
          <addressPart id="1"><type refId="1454">CITY</type><value>Jinan</value></addressPart>
        </addressParts></translation></translations></address></addresses>
      <features><feature id="9"><type featureTypeId="8">Birthdate</type><value>1970</value>
        <isPrimary>true</isPrimary></feature></features>
      <identityDocuments><identityDocument id="5"><type refId="1571">Passport</type>
        <documentNumber>E1234567</documentNumber><isValid>true</isValid>
        <issuingCountry refId="11065">China</issuingCountry></identityDocument>
      </identityDocuments>
    </entity>
  </entities>
</sanctionsData>
"""


@pytest.fixture(scope="module")
def cons_xml() -> tuple[dict[str, EntityProxy], ofac_xml.Parsed]:
    parsed = ofac_xml.parse(data_file("lists/ofac-cons-enhanced-2025-01.zip"))
    return {str(e.id): e for e in parsed.entities}, parsed


def test_cons_counts_and_publication(cons_xml: tuple) -> None:
    entities, parsed = cons_xml
    assert parsed.info["entries"] == 443
    assert parsed.info["dataset"] == "us_ofac_cons"
    assert parsed.published == date(2025, 1, 10)
    assert parsed.info["lists"]["CMIC"] == 68 and parsed.info["lists"]["SSI"] == 286
    listed = [
        e for e in entities.values() if e.schema.name in ("Person", "Company", "Organization")
    ]
    assert len(listed) == 443


def test_cons_inspur_with_uscc(cons_xml: tuple) -> None:
    entities, _ = cons_xml
    inspur = entities["ofac-30949"]
    assert inspur.get("name") == ["INSPUR GROUP CO., LTD."]
    assert inspur.get("uscCode") == ["913700001630477270"]
    assert inspur.get("country") == ["cn"]
    assert any("No. 1036, High-Tech Inspur Road" in a for a in inspur.get("address"))
    address = entities["ofac-addr-48460"]
    assert address.get("city") == ["Jinan"] and address.get("postalCode") == ["250101"]
    sanction = entities["ofac-30949-sanction-cmic"]
    assert sanction.get("programId") == ["CMIC"]
    assert sanction.get("program") == [
        "Non-SDN Chinese Military-Industrial Complex Companies List",
        "CMIC-EO13959",
    ]
    assert sanction.get("listingDate") == ["2021-06-03"]
    assert sanction.get("startDate") == ["2021-08-02"]


def test_cons_relationships_and_ids_agree_with_legacy_csv(cons_xml: tuple) -> None:
    entities, _ = cons_xml
    kinds = Counter(e.schema.name for e in entities.values())
    assert kinds["Ownership"] > 200
    owned = next(e for e in entities.values() if e.schema.name == "Ownership")
    assert owned.first("asset") in entities
    legacy = {
        e.id
        for e in ofac_csv.parse(data_file("lists/ofac-cons-2025-12")).entities
        if e.schema.is_a("LegalEntity")
    }
    xml_ids = {e.id for e in entities.values() if e.schema.is_a("LegalEntity")}
    # Eleven months apart, the two publications still share all but one entry id.
    assert len(xml_ids & legacy) == 442


def test_tiny_sdn_bare_xml_and_gzip(tmp_path: Path) -> None:
    bare = tmp_path / "sdn_enhanced.xml"
    bare.write_text(TINY, encoding="utf-8")
    packed = tmp_path / "sdn_enhanced.xml.gz"
    packed.write_bytes(gzip.compress(TINY.encode()))
    for path in (bare, packed):
        assert detect(path) is ofac_xml
        parsed = ofac_xml.parse(path)
        entities = {str(e.id): e for e in parsed.entities}
        assert parsed.info["dataset"] == "us_ofac_sdn"
        assert parsed.published == date(2024, 5, 3)
        person = entities["ofac-123"]
        assert person.schema.name == "Person"
        assert person.get("firstName") == ["Wei"] and person.get("lastName") == ["ZHANG"]
        assert person.get("previousName") == ["ZHANG, Old"]
        assert person.get("birthDate") == ["1970"]
        assert person.get("passportNumber") == ["E1234567"]
        assert person.get("country") == ["cn"]
        sanction = entities["ofac-123-sanction-sdn"]
        assert sanction.get("listingDate") == ["2020-01-02"]
        assert sanction.get("program") == [
            "Specially Designated Nationals and Blocked Persons List",
            "SDGT",
        ]


def test_refuses_doctype_and_entities(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
        + TINY.split("\n", 1)[1].replace("<value>Jinan</value>", "<value>&lol2;</value>"),
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match="DOCTYPE"):
        ofac_xml.parse(bomb)


def test_truncated_zip_and_broken_xml(tmp_path: Path) -> None:
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("SDN_ENHANCED.XML", TINY * 1)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(SourceError, match="cut.zip"):
        ofac_xml.parse(cut)
    broken = tmp_path / "broken.xml"
    broken.write_text(TINY[: len(TINY) // 2], encoding="utf-8")
    with pytest.raises(SourceError, match=r"line \d+, column \d+"):
        ofac_xml.parse(broken)


def test_sniff(tmp_path: Path) -> None:
    path = data_file("lists/ofac-cons-enhanced-2025-01.zip")
    assert ofac_xml.sniff(path, read_head(path))
    assert detect(path) is ofac_xml
    un = data_file("lists/un-sc-2026-02.xml")
    assert not ofac_xml.sniff(un, read_head(un))
    assert not ofac_xml.sniff(tmp_path, b"")
