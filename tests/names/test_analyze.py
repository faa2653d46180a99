"""Name analysis: legal forms, person-name order, particles, numbers, Han, dense scripts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pierce.names import analyze_name
from pierce.names.conventions import english_reading
from pierce.names.legal_forms import split_legal_forms


@pytest.mark.parametrize(
    "name",
    ["Inspur Group Co., Ltd.", "INSPUR GROUP COMPANY LIMITED", "浪潮集团有限公司"],
)
def test_co_ltd_company_limited_and_youxian_gongsi_are_one_legal_form(name: str) -> None:
    form = analyze_name(name)
    assert form.legal_forms == {"coltd"}
    assert form.legal_generic == {"llc"}


def test_chinese_name_gives_pinyin_and_translated_words() -> None:
    form = analyze_name("浪潮集团有限公司")
    assert form.tokens == ("langchao", "group")
    assert form.alt_tokens == ("lang", "chao", "group")
    assert form.non_latin


@pytest.mark.parametrize(
    ("left", "right"),
    [("OOO Romashka", "ООО Ромашка"), ("Acme Pte. Ltd.", "ACME PTE LTD"),
     ("Siemens GmbH", "SIEMENS G.m.b.H."), ("Stripe LLC", "Stripe Limited Liability Company"),
     # ISO 20275 full names that rigour does not spell out
     ("Iraqi Trade Center GmbH", "Iraqi Trade Center Gesellschaft mit beschränkter Haftung"),
     ("Alpha SARL", "ALPHA SOCIETE A RESPONSABILITE LIMITEE"),
     # Colombian S.A.S. and Iranian PJS as the SDN list writes them
     ("INVERSIONES SIGMA S.A.S.", "Inversiones Sigma SAS"),
     ("VALFAJR SHIPPING PJS", "Valfajr Shipping PJSC")],
)
def test_legal_form_spellings_agree(left: str, right: str) -> None:
    a, b = analyze_name(left), analyze_name(right)
    assert a.tokens == b.tokens
    assert a.legal_forms == b.legal_forms


def test_iso_20275_abbreviation_only_at_the_edges() -> None:
    parts = split_legal_forms("faberlic europe sp z oo")
    assert parts.core == "faberlic europe"
    assert parts.forms


def test_an_abbreviation_followed_only_by_legal_words_is_the_name() -> None:
    # IKS is a Norwegian ELF form, but IKS STOCK COMPANY is named IKS, as IKS JOINT STOCK
    # COMPANY (a token drop of that SDN name) is
    assert "iks" in analyze_name("IKS STOCK COMPANY").tokens
    assert analyze_name("IKS JOINT STOCK COMPANY").tokens == ("iks",)
    assert analyze_name("VESTFOLD AVFALL IKS").legal_forms == {"iks"}
    from pierce.match.scorer import score_names
    from pierce.match.weights import default_model

    assert score_names("IKS STOCK COMPANY", "IKS JOINT STOCK COMPANY",
                       "Organization").score >= default_model().threshold


def test_spelt_out_forms_leave_ordinary_phrases_and_rigours_own_forms_alone() -> None:
    # "National Bank" is an ELF form abbreviated NA: not made of its words' leading letters
    assert split_legal_forms("national bank of iran").core == "national bank of iran"
    # rigour knows "gosudarstvennoe unitarnoe predpriyatie" (a state-owned enterprise) whole;
    # the ELF "unitarnoe predpriyatie" must not cut it in two, nor add an empty form
    parts = split_legal_forms("federalnoe gosudarstvennoe unitarnoe predpriyatie almaz")
    assert parts.generic == {"soe"} and "" not in parts.forms


def test_person_name_tokens_are_the_same_in_any_order() -> None:
    assert sorted(analyze_name("SALEK, ABDULHAI").tokens) == sorted(
        analyze_name("Abdulhai Salek").tokens)


def test_particles_split_from_hyphenated_names() -> None:
    assert analyze_name("SADDAM HUSSEIN AL-TIKRITI").tokens == (
        "saddam", "hussein", "al", "tikriti")


@pytest.mark.parametrize(
    ("left", "right"),
    [("3 Percenters", "Three Percenters"), ("Brigade Forty-Four", "Brigade 44"),
     ("Fund II", "Fund 2"), ("Agent 007", "Agent 7"), ("First Bank", "1st Bank"),
     ("CETC 14th Research Institute", "CETC Fourteenth Research Institute"),
     ("The 23RD Academy", "The Twenty-Third Academy"), ("Division 101st", "Division 101")],
)
def test_numbers_and_ordinals_are_normalised(left: str, right: str) -> None:
    assert analyze_name(left).tokens == analyze_name(right).tokens


def test_xi_is_a_name_not_a_roman_numeral() -> None:
    assert analyze_name("Xi Jinping").tokens == ("xi", "jinping")


def test_dense_script_names_keep_their_characters() -> None:
    assert analyze_name("习近平").dense_tokens == ("习", "近", "平")
    assert analyze_name("Xi Jinping").dense_tokens == ()


@pytest.mark.parametrize("name", ["", " ", "\x00", "x" * 10_000, "Ⅻ", "\u202e", "😀" * 50,
                                  "Limited Company", "Ltd"])
def test_odd_input_gives_a_sane_result(name: str) -> None:
    form = analyze_name(name)
    assert all(t and t.isascii() for t in form.tokens)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_analyze_never_raises_and_is_stable(text: str) -> None:
    form = analyze_name(text)
    assert len(form.tokens) <= 500
    # analysing the latin key again yields the same core tokens
    assert analyze_name(" ".join(form.tokens)).tokens == tuple(
        t for t in analyze_name(" ".join(form.tokens)).tokens)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("AbZy ,.-'\u00c9\u00e9\u0416"), max_size=60))
def test_a_persons_surnames_are_among_its_words(text: str) -> None:
    form = analyze_name(text, True)
    assert form.family <= set(form.tokens)
    # the same words all in capitals or all in small letters say nothing of the surname
    if "," not in text:
        assert analyze_name(text.upper(), True).family == frozenset()
        assert analyze_name(text.lower(), True).family == frozenset()


@pytest.mark.parametrize(
    ("typo", "clean"),
    [("IMPORT AND EXPORT COTPANY, LTD.", "IMPORT AND EXPORT COMPANY, LTD."),
     ("Acme LIMHTED", "Acme Limited"), ("Acme JOIINT SOTCK Company", "Acme Joint Stock Company"),
     ("Acme ATKSIONERNOE Obshchestvo", "Acme Aktsionernoe Obshchestvo"),
     ("Dar Petroleum Operating oCmpany", "Dar Petroleum Operating Company"),
     # 4-letter misspellings count beside another legal-form word
     ("JONT STOCK COMPANY SBERBANK", "JOINT STOCK COMPANY SBERBANK"),
     ("OPEN JOINT STOK COMPANY ALEVKURP", "OPEN JOINT STOCK COMPANY ALEVKURP"),
     # the phrase with an abbreviated word is the same legal form
     ("OPEN JOINT STOCK CO TAMBOVSKY BAKERY", "OPEN JOINT STOCK COMPANY TAMBOVSKY BAKERY"),
     ("IKS JOINT STOCK CO", "IKS JOINT STOCK COMPANY"),
     # lists also write the phrase without its last word
     ("OPEN JOINT STOCK RUSSIAN INSTITUTE OF RADIONAVIGATION AND TIME",
      "OPEN JOINT STOCK COMPANY RUSSIAN INSTITUTE OF RADIONAVIGATION AND TIME"),
     ("CLOSED JOINT STOCK KAMAZ", "CLOSED JOINT STOCK COMPANY KAMAZ"),
     ("LTD LIABILITY COMPANY VEKTOR", "LIMITED LIABILITY COMPANY VEKTOR")],
)
def test_misspelt_legal_form_is_still_a_legal_form(typo: str, clean: str) -> None:
    a, b = analyze_name(typo), analyze_name(clean)
    assert a.tokens == b.tokens
    assert a.legal_forms == b.legal_forms


def test_legal_word_corrects_only_unknown_near_misses() -> None:
    from pierce.names.legal_forms import legal_word

    assert legal_word("kompany") == "company"
    assert legal_word("komanditgesellschaft") == "kommanditgesellschaft"
    assert legal_word("limitde") == "limited"
    assert legal_word("zzzzzz") == "zzzzzz"


def test_common_words_near_legal_words_are_not_corrected() -> None:
    assert analyze_name("Point Holding").tokens == ("point", "holding")
    assert analyze_name("Sock Shop Ltd").tokens == ("sock", "shop")  # 4 letters, alone


def test_trailing_co_is_a_legal_form() -> None:
    assert analyze_name("Sina Tile Industries Co").tokens == ("sina", "tile", "industry")
    assert analyze_name("Sina Corp").legal_forms == analyze_name("Sina Corporation").legal_forms


def test_cyrillic_name_keeps_a_second_romanisation() -> None:
    form = analyze_name("ЦВЕТКОВ")
    assert form.tokens == ("tsvetkov",)
    assert form.alt_tokens == ("cvetkov",)
    assert analyze_name("Tsvetkov").alt_tokens == ()


def test_abbreviations_fold_to_the_full_word() -> None:
    assert analyze_name("Acme Intl Mfg").tokens == analyze_name("Acme International "
                                                                "Manufacturing").tokens


@pytest.mark.parametrize(
    ("british", "american"),
    [("DEFENCE INDUSTRIES ORGANISATION", "Defense Industries Organization"),  # SDN, Iran
     ("Harbour Centre", "Harbor Center"),
     ("Specialised Securitisation Programme", "Specialized Securitization Program")],
)
def test_british_and_american_spellings_are_one(british: str, american: str) -> None:
    assert analyze_name(british).tokens == analyze_name(american).tokens


@pytest.mark.parametrize("name", ["CASPIAN AIRLINES", "Caspian Airways", "Caspian Airline"])
def test_an_airlines_airlines_is_its_air(name: str) -> None:
    """The lists write one airline both ways (CASPIAN AIRLINES aka CASPIAN AIR): 'Mahan
    Airlines' ~ MAHAN AIR scored 0.08, airlines ~ air read as two words that disagree."""
    assert analyze_name(name).tokens == analyze_name("CASPIAN AIR").tokens


def test_spellings_of_muhammad_are_one() -> None:
    forms = {analyze_name(n, True).tokens for n in ("Muhamad", "Muhammad", "Mohamed", "Muhamed")}
    assert forms == {("mohammed",)}


def test_short_words_keep_their_ending() -> None:
    # -ise/-ising is no British spelling in a short word: RISING, PRAISED are themselves
    assert analyze_name("Rising Sun").tokens == ("rising", "sun")
    assert analyze_name("Praised").tokens == ("praised",)


def test_han_characters_are_syllables_not_initials() -> None:
    from pierce.names.analyze import is_initial

    assert analyze_name("浪潮集团有限公司").dense_tokens == ("浪", "潮", "集", "团")
    assert analyze_name("有限公司").dense_tokens == ("有", "限", "公", "司")  # nothing else left
    assert is_initial("j") and not is_initial("习") and not is_initial("jo")


@pytest.mark.parametrize(("greek", "reading"), [
    ("Ντμίτρι Μεντβέντεφ", ("dmitri", "medbedeph")),  # ντ for d inside a word too
    ("Γκενάντι Τιμτσένκο", ("genadi", "timchenko")),  # τσ for the ch of Russian names
    ("Μπορίς Ρότενμπεργκ", ("boris", "rotenberg")),
    ("Χαϊτάνι Μουχαμάντ", ("haitani", "mohammed")),  # αϊ: two letters; χ for h; ου for u
])
def test_a_foreign_name_in_greek_letters_is_read_as_greek_writes_it(
        greek: str, reading: tuple[str, ...]) -> None:
    """Cyprus and Greek registers write foreign names in Greek letters, which have no b, d,
    g, ch or u: μπ, ντ, γκ, τσ, ου stand for them anywhere in a word. rigour's romanisation
    reads them so only at a word's start (Μεντβέντεφ: 'mentventef')."""
    assert analyze_name(greek, person=True).foreign_tokens == reading


def test_greek_letters_keep_icus_reading_beside_the_foreign_one() -> None:
    """ICU's reversible reading stays the second spelling: Greek letters written for Latin
    ones (ΚΟΜΠΑΝΥ for COMPANY) read back exactly so, where the foreign reading gives 'kobany'."""
    form = analyze_name("ΣΙΓΜΑ ΤΕΧ ΚΟΜΠΑΝΥ")
    assert form.alt_tokens == ("sigma", "technology")  # its COMPANY a legal form
    assert form.spellings == (form.tokens, form.alt_tokens, form.foreign_tokens)
    assert analyze_name("Цветков").foreign_tokens == ()
    assert analyze_name("Hello World").spellings == (("hello", "world"),)


def test_words_written_shortened_with_a_period_are_marked() -> None:
    """Wuxi Paike New Mat. Tech. (Entity List): Mat. is a word cut short. Tech. folds to
    technology, a word in full; legal-form words (Co.), particles (Dr.), initials and dotted
    acronyms are no shortened words."""
    assert analyze_name("Wuxi Paike New Mat. Tech. Co., Ltd.").abbreviated == {"mat"}
    assert analyze_name("China Aviation Ind. Std. Parts").abbreviated == {"ind", "std"}
    assert analyze_name("Dr. J. Smith of U.S.A. Corp.").abbreviated == frozenset()
    assert analyze_name("Wuxi Paike New Materials Technology").abbreviated == frozenset()
    assert analyze_name("SHINE.X INVESTMENTS").abbreviated == frozenset()  # run on: no period


@pytest.mark.parametrize(("short", "word", "stands"), [
    ("mat", "materials", True), ("std", "standard", True), ("mgmt", "management", True),
    ("equip", "equipment", True), ("comm", "communication", True),
    ("mat", "mat", False),  # the same word is no abbreviation of itself
    ("mat", "mate", False),  # too little left out to be a word cut short
    ("std", "distance", False),  # the first letter must agree
    ("ind", "idea", False),  # letters out of order
])
def test_a_shortened_word_stands_for_a_word_it_begins_or_keeps_in_order(
        short: str, word: str, stands: bool) -> None:
    from pierce.names.analyze import abbreviates

    assert abbreviates(short, word) is stands


@given(st.text(alphabet="abcdefghij", min_size=3, max_size=7),
       st.text(alphabet="abcdefghij", max_size=6))
def test_a_word_begun_by_a_shortened_word_is_one_it_stands_for(short: str, rest: str) -> None:
    from pierce.names.analyze import abbreviates

    assert abbreviates(short, short + rest) is (len(rest) >= 2)


@pytest.mark.parametrize(("russian", "english"), [
    ("ХУАВЭЙ ТЕКНОЛОДЖИС КО., ЛТД", "Huawei Technologies Co., Ltd."),
    ("ИНСПУР ЭЛЕКТРОНИК ИНФОРМЕЙШН ИНДАСТРИ КО., ЛТД",
     "Inspur Electronic Information Industry Co., Ltd."),
    ("СУПЕР МАЙКРО КОМПЬЮТЕР ИНК", "Super Micro Computer Inc"),
    ("АЛЬФА КОРПОРЕЙШН", "Alfa Corporation"),
])
def test_english_words_russian_spells_by_sound_are_read_as_those_words(
        russian: str, english: str) -> None:
    """Russian customs declarations and registers write foreign companies' English words by
    sound: ТЕКНОЛОДЖИС romanised letter by letter is 'teknolodzhis', far from technologies;
    КО., ЛТД and ИНК are the legal forms Co., Ltd. and Inc."""
    ours, theirs = analyze_name(russian), analyze_name(english)
    assert ours.legal_forms == theirs.legal_forms
    kept = [t for t in ours.tokens if t in theirs.tokens]
    assert len(kept) >= len(theirs.tokens) - 2  # (Huawei → huavei, Micro → maikro)
    # Russian words of that meaning are translations, compared as written
    assert analyze_name("ГРУППА КОМПАНИЯ").tokens == ("gruppa", "kompaniya")


@pytest.mark.parametrize(("arabic", "english"), [
    # the UN list's own Arabic names of listed organisations
    ("الدولة الإسلامية في العراق والشام - اليمن", "ISLAMIC STATE IN IRAQ AND THE LEVANT - YEMEN"),
    ("الجماعة الاسلامية المغربية المقاتلة", "MOROCCAN ISLAMIC COMBATANT GROUP"),
    ("الجهاد الاسلامي المصري", "EGYPTIAN ISLAMIC JIHAD"),
])
def test_an_organisations_common_words_in_arabic_script_are_read_in_english(
        arabic: str, english: str) -> None:
    """No romanisation brings الجهاد الاسلامي المصري ('aljhad alaslamy almsry') near EGYPTIAN
    ISLAMIC JIHAD; a third spelling reads its common words in English."""
    form = analyze_name(arabic)
    assert set(form.foreign_tokens) <= set(analyze_name(english).tokens) | {"and"}
    assert form.tokens[0].startswith("al")  # the romanised spelling stays first


def test_a_name_in_arabic_script_keeps_its_romanisation_beside_the_english_reading() -> None:
    """هيئة تحرير الشام is HAY'AT TAHRIR AL-SHAM on the lists, not 'authority liberation
    levant': the English reading is a spelling beside the romanised one, never instead."""
    form = analyze_name("هيئة تحرير الشام")
    assert form.tokens == ("hyyt", "thryr", "alsham")
    assert "liberation" in form.foreign_tokens
    # a person's name is never read so: جهاد is a given name (Jihad)
    assert analyze_name("جهاد مغنية", person=True).foreign_tokens == ()
    assert analyze_name("عبد الله").foreign_tokens == ()  # no such word: no third spelling


@pytest.mark.parametrize(("plural", "singular"), [
    ("HUAWEI TECHNOLOGIES CO., LTD.", "Huawei Technology Co. Ltd."),
    ("Sina Tile Industries", "Sina Tile Inds"), ("Alpha Holdings Ltd", "Alpha Holding Ltd")])
def test_the_plural_of_a_common_company_word_is_that_word(plural: str, singular: str) -> None:
    assert analyze_name(plural).tokens == analyze_name(singular).tokens


@pytest.mark.parametrize(("written", "english"), [
    ("Jewgeni Prigoschin", ("yevgeni", "prigoshin")),  # German
    ("Jewgienij Prigożyn", ("yevgieniy", "prigozhyn")),  # Polish
    ("Evgueni Prigojine", ("evgeni", "prigozhin")),  # French
    ("Michail Chodorkowski", ("mikhail", "khodorkovski")),
    ("Vladimir Poutine", ("vladimir", "putin"))])
def test_a_person_written_the_german_polish_or_french_way_is_read_in_english(
        written: str, english: tuple[str, ...]) -> None:
    form = analyze_name(written, True)
    assert form.foreign_tokens == english
    assert form.tokens in form.spellings  # (as written, too)


def test_a_name_written_the_english_way_or_a_company_is_not_reread() -> None:
    assert analyze_name("Yevgeniy Prigozhin", True).foreign_tokens == ()
    assert analyze_name("John Smith", True).foreign_tokens == ()
    assert analyze_name("Schwarz Gruppe", False).foreign_tokens == ()  # German words


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_reading_by_a_convention_never_fails(text: str) -> None:
    reading = english_reading(text)
    assert reading == "" or reading == reading.casefold()
