"""Names inside a name (aka, formerly, t/a, d/b/a)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pierce.names.aliases import branch_companies, is_acronym, split_aliases


@pytest.mark.parametrize(("name", "parts"), [
    ("Hoda Shipping aka Honar", ("Hoda Shipping", "Honar")),
    ("Langchao Group (formerly Inspur Group)", ("Langchao Group", "Inspur Group")),
    ("ACME LTD T/A ACME TRADING", ("ACME LTD", "ACME TRADING")),
    ("Far East Trading Company, Inc. (a.k.a. FETCO, Inc.)",  # as the CSL writes it
     ("Far East Trading Company, Inc", "FETCO, Inc")),
    ("X a/k/a Y f.k.a. Z", ("X", "Y", "Z")),
    ("Precision Image Corporation (a.k.a. Precision Industries, Inc.; CK Enterprises, Inc.)",
     ("Precision Image Corporation", "Precision Industries, Inc", "CK Enterprises, Inc")),
    ("Smith Doing Business As Jones", ("Smith", "Jones")),
    # the UN list gives a name in another script, or spellings of it, in a parenthesis
    ("Abubakar (original script: Абубакар)", ("Abubakar", "Абубакар")),
    ("Jin Tiesan (金铁三)", ("Jin Tiesan", "金铁三")),
    ("حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)",
     ("حسن غول", "Hassan Ghul", "Hassan Gul", "Hasan Gul")),
    ("Hay’at Tahrir al-Sham (HTS) (هيئة تحرير الشام (original script); Hayat Tahrir al-Sham)",
     ("Hay’at Tahrir al-Sham (HTS)", "هيئة تحرير الشام", "Hayat Tahrir al-Sham",
      "Hay’at Tahrir al-Sham")),  # and that without its acronym
    ("Akhter Mohmad son of Noor Mohmad (اختر محمد ولد نور محمد ),",
     ("Akhter Mohmad son of Noor Mohmad", "اختر محمد ولد نور محمد")),
    ("레오니와이어링시스템즈코리아 주식회사 (LEONI Wiring Systems Korea, Inc.)",  # GLEIF
     ("레오니와이어링시스템즈코리아 주식회사", "LEONI Wiring Systems Korea, Inc")),
    ("ACME aka Acme Trading (Акме Трейдинг)", ("ACME", "Acme Trading", "Акме Трейдинг")),
    ("X aka (Sheikh) Y", ("X", "(Sheikh) Y")),  # a bracket a part opens and closes stays
    # a name ending in its acronym is also the name without it (the acronym alone is none)
    ("DAEDONG CREDIT BANK (DCB)", ("DAEDONG CREDIT BANK",)),
    ("AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)", ("AL-QAIDA IN THE ARABIAN PENINSULA",)),
    ("Far East Trading Company (FETCO)", ("Far East Trading Company",)),
    ("Lord’s Resistance Movement (LRM)", ("Lord’s Resistance Movement",)),
    ("Avin Electronics Technology Co., Ltd. (AETC)", ("Avin Electronics Technology Co., Ltd",)),
    # a note says what a name is (the UN list's), and is no part of it
    ("EL PARA (COMBAT NAME)", ("EL PARA",)),
    ("Encep Nurjaman (birth name)", ("Encep Nurjaman",)),
    ("شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)",
     ("شبكة أنصار المجاهدين", "Ansar al-Mujahideen Network - sub-unit name",
      "Ansar al-Mujahideen Network")),
])
def test_a_name_holding_others_is_split(name: str, parts: tuple[str, ...]) -> None:
    assert split_aliases(name) == parts


@pytest.mark.parametrize("name", [
    "DBA Consulting", "Formerly Yours Ltd", "Ltd t/a",  # a part would be empty
    "TAKA Corp", "Dbalix", "Akademika A.A. Raspletina",  # no marker as a whole word
    "THE NKA SMART 2024 DISCRETIONARY TRUST",  # bare NKA is a word (GLEIF)
    # a parenthesis in the same script may tell parties apart; a label in another is short;
    # a name of two scripts outside has no one script the parenthesis could differ from
    "SARAVANA STORES (GOLD PALACE)",
    "Beijing University of Posts and (BUPT)", "กองทุนเปิดกรุงศรี 6M106-ห้ามขาย (AI)",
    'АО "Halyk Global Markets" (дочерняя организация АО "Народный Банк Казахстана")',
    "(Sheikh) Musa Hilal", "Jin Tiesan (金铁三", "Jin Tiesan ()",
    "VTB Bank Shanghai Branch",  # a branch's company is a query's other name only
    "HAQQANI NETWORK (HQN)", "AL-HARAMAIN FOUNDATION (PAKISTAN)",  # no acronym of the name
    "Third Avenue Capital", "Birth Name Ltd", "(birth name)",  # a note's words, no note
    "", "x" * 20_000,
])
def test_other_names_are_not(name: str) -> None:
    assert split_aliases(name) == ()


@given(st.text(max_size=200))
def test_parts_are_nonempty_and_never_the_whole(name: str) -> None:
    parts = split_aliases(name)
    assert all(parts) and name not in parts


@pytest.mark.parametrize(("name", "companies"), [
    ("VTB Bank Shanghai Branch", ["VTB Bank Shanghai", "VTB Bank"]),
    ("Bank Melli Iran, Dubai Branch", ["Bank Melli Iran, Dubai", "Bank Melli Iran"]),
    ("Huawei Technologies Co., Ltd. Beijing Branch",  # the comma may be the legal form's
     ["Huawei Technologies Co., Ltd. Beijing", "Huawei Technologies Co",
      "Huawei Technologies Co., Ltd"]),
    ("Representative Office of Bank Mellat in Moscow", ["Bank Mellat"]),
    ("Sberbank Representative Office in Germany", ["Sberbank"]),
    ("OCI FERTILIZER TRADING LIMITED (DUBAI BRANCH)",  # GLEIF
     ["OCI FERTILIZER TRADING LIMITED", "OCI FERTILIZER TRADING"]),
    ("STRATIO BIG DATA INC SUCURSAL EN ESPAÑA", ["STRATIO BIG DATA INC", "STRATIO BIG DATA"]),
    ("华为技术有限公司北京分公司", ["华为技术有限公司"]),
    # 'branch' as a word of a name, or a name going on after it: no company
    ("Olive Branch", []), ("Branch Banking and Trust Company", []),
    ("LLOYDS BANK (STOCK EXCHANGE BRANCH) NOMINEES LIMITED", []),
    ("SYRIAN GENERAL INTELLIGENCE BRANCH 251 - AL-KHATIB", []),  # a numbered unit
    ("ISIL’S SOUTH ASIA BRANCH", ["ISIL’S SOUTH ASIA"]),  # less its last word: too short
])
def test_a_branch_or_office_names_its_company(name: str, companies: list[str]) -> None:
    assert branch_companies(name) == companies


@pytest.mark.parametrize(("short", "name", "expected"), [
    ("KKBC", "KOREA KWANGSON BANKING CORPORATION", True),
    ("AEOI", "ATOMIC ENERGY ORGANISATION OF IRAN", True),  # 'of' gives no letter
    ("DICO", "DOOSTAN INTERNATIONAL COMPANY", True),  # COmpany gives two
    ("JuA", "JAMAAT-UL-AHRAR", True),
    ("BUPT", "Beijing University of Posts and", False),  # cut short: no T
    ("GOLD PALACE", "SARAVANA STORES", False),
    ("HQN", "HAQQANI NETWORK", False),
    ("A", "Acme Alpha", False), ("ab", "Acme Bank", False),  # too short; no capitals
])
def test_an_acronym_is_made_of_the_first_letters(short: str, name: str, expected: bool) -> None:
    assert is_acronym(short, name) is expected
