"""The record being compared: names plus optional schema, dates, countries, identifiers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property

from rigour.text.scripts import is_dense_script

from pierce.names.aliases import branch_companies, split_aliases
from pierce.names.analyze import NameForm, analyze_name, particles, titles
from pierce.names.equivalents import listed_spellings
from pierce.names.hangul import is_hangul_name
from pierce.names.text import latin_key

PERSON_SCHEMATA = frozenset({"Person"})
ORG_SCHEMATA = frozenset({"Company", "Organization", "PublicBody", "Vessel", "Airplane"})


@dataclass(frozen=True)
class Record:
    names: tuple[str, ...]
    schema: str = "LegalEntity"
    birth_dates: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO alpha-2, lowercase
    identifiers: tuple[str, ...] = ()  # normalised typed identifiers, e.g. "lei:529900..."
    id: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # those of `names` the list marks as weak (FtM weakAlias: OFAC "low quality" AKAs, UN
    # "Low" aliases): broad names such as "Abu Ibraheem", matched exactly only
    weak_names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()  # full postal addresses, as lists and registers give them
    # those of a query's `names` that are its names with a word as the lists also spell it
    # (`with_derived_names`): matched exactly only, as one spelling is enough of a step
    spellings: tuple[str, ...] = ()

    @cached_property
    def exact_only_names(self) -> frozenset[str]:
        """The names matched exactly only: those the list marks weak, a query's `spellings`
        and, for a person who also has a name of several words, every one-word alias, titles
        and particles aside (EL NICO, ABU ALI, Colonel Rock). UN and OFAC mark such aliases
        ("Bechir", "Abdelrahman", "Abu Ibraheem") low quality; the CSL copies them unmarked.
        A lone given name or nickname matched approximately would put a full name on anybody's.
        Worked out once per record: a listed record meets many queries."""
        weak = frozenset(self.weak_names) | frozenset(self.spellings)
        if self.schema not in PERSON_SCHEMATA or len(self.names) < 2:
            return weak
        # Han, Hangul and Kana write a whole name without spaces (习近平): not one word; a
        # title or a particle is no word of a name (Colonel Rock, EL NICO, ABU ALI)
        single = [n for n in self.names if not is_dense_script(n) and len(
            [w for w in n.split() if latin_key(w) not in _not_words()]) == 1]
        if single and len(single) < len(self.names):
            return weak | frozenset(single)
        return weak

    def with_names(self, keep: Sequence[int]) -> Record:
        """The record with only its names at positions `keep` (those screening scores), whose
        exact-only names stay so: a one-word alias kept alone is still an alias beside a
        longer name."""
        subset = replace(self, names=tuple(self.names[k] for k in keep))
        # seeds the cached property (cached_property writes the instance dict, frozen or not)
        subset.__dict__["exact_only_names"] = self.exact_only_names & frozenset(subset.names)
        return subset


def schema_group(left: str, right: str) -> str:
    """The schema group of a pair, a model input: person, org, or any (unknown/mixed)."""
    if left in PERSON_SCHEMATA and right in PERSON_SCHEMATA | {"LegalEntity", "Thing", ""}:
        return "person"
    if right in PERSON_SCHEMATA and left in {"LegalEntity", "Thing", ""}:
        return "person"
    if left in ORG_SCHEMATA or right in ORG_SCHEMATA:
        return "org"
    return "any"


UNSPECIFIC_SCHEMATA = frozenset({"LegalEntity", "Thing", ""})


def is_person(schema: str) -> bool:
    """Are the record's names analysed as a person's (whose words are never legal forms)?"""
    return schema in PERSON_SCHEMATA


@cache
def _not_words() -> frozenset[str]:
    """Words that are no words of a person's name on their own: titles and particles."""
    return titles() | particles()


def with_derived_names(query: Record) -> Record:
    """A query naming a branch or an office (VTB Bank Shanghai Branch, Representative Office
    of Bank Mellat in Moscow) is also screened as its company, which it legally is; an
    organisation's name is also screened with a word as the lists also spell it (Hezbollah
    as Hizballah: `listed_spellings`), matched exactly only (TAEDONG C. BANK, a spelling of
    DAEDONG C. BANK, is no fuzzy match of TAESONG BANK). Queries only: a listed branch does
    not list its company, and listed names are all on the lists."""
    if is_person(query.schema):
        return query
    companies = [c for name in query.names for c in branch_companies(name)]
    spelt = [s for name in query.names for s in listed_spellings(name)]
    extra = tuple(dict.fromkeys(n for n in (*companies, *spelt) if n not in query.names))
    if not extra:
        return query
    return replace(query, names=(*query.names, *extra),
                   spellings=tuple(n for n in extra if n in spelt and n not in companies))


def readings(name: str, schema: str) -> tuple[NameForm, ...]:
    """How a query's name is looked up: analysed as its schema says (`is_person`), and a
    Hangul name of no known schema also as a person's, which reads a syllable a word (김정은
    → kim jong un; a company's reading runs them together)."""
    person = is_person(schema)
    if not person and schema in UNSPECIFIC_SCHEMATA and is_hangul_name(name):
        return analyze_name(name), analyze_name(name, True)
    return (analyze_name(name, person),)


@cache
def schemata_compatible(left: str, right: str) -> bool:
    """Could one real-world party be described by both schemata? FtM's common schema decides
    (a Company is never a Person or a Vessel); an unspecific schema (LegalEntity, Thing) is
    compatible with everything, so a query without a schema can still meet a ship."""
    if left == right or left in UNSPECIFIC_SCHEMATA or right in UNSPECIFIC_SCHEMATA:
        return True
    from followthemoney import model
    from followthemoney.exc import InvalidData

    try:
        model.common_schema(left, right)
    except (InvalidData, KeyError):
        return False
    return True


def identifier_key(kind: str, value: str) -> str:
    """A comparable identifier: type prefix + value without spaces, dashes, case."""
    cleaned = "".join(c for c in value.casefold() if c.isalnum())
    return f"{kind}:{cleaned}" if cleaned else ""


NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "abbreviation")
# a person's name given in parts (FtM Person), as customer records keep it
GIVEN_PARTS = ("firstName", "secondName", "middleName", "fatherName")
ADDRESS_PROPS = ("address",)  # full addresses (addressEntity points at Address entities)
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry")
DATE_PROPS = ("birthDate", "incorporationDate")
ID_KINDS = {"leiCode": "lei", "imoNumber": "imo", "swiftBic": "bic"}
NOT_IDENTIFIERS = frozenset({"programId", "createdAt", "modifiedAt", "retrievedAt"})
MIN_IDENTIFIER_CHARS = 5


def identifier_props() -> frozenset[str]:
    """FtM properties of type identifier that identify a party (LEI, IMO, USCC, passport ...)."""
    from followthemoney import model

    props = set()
    for schema in model.schemata.values():
        for prop in schema.properties.values():
            if prop.type.name == "identifier" and prop.name not in NOT_IDENTIFIERS:
                props.add(prop.name)
    return frozenset(props)


_ID_PROPS: frozenset[str] | None = None


def name_from_parts(props: dict[str, list[str]]) -> str:
    """A person's name from its parts (firstName, secondName, middleName, fatherName,
    lastName; the first value of each), written "LAST, Given names" so that the surname is
    marked as one (see `pierce.names.analyze.surnames`); '' without parts."""
    def part(prop: str) -> str:
        return next((v.strip() for v in props.get(prop, ()) if v and v.strip()), "")

    given = " ".join(v for p in GIVEN_PARTS if (v := part(p)))
    last = part("lastName")
    return f"{last}, {given}" if last and given else last or given


def record_from_properties(entity_id: str, schema: str,
                           props: dict[str, list[str]]) -> Record:
    """A Record from FtM property values (as a CSV row or an entity gives them)."""
    global _ID_PROPS
    if _ID_PROPS is None:
        _ID_PROPS = identifier_props()
    # a name holding others (Hoda Shipping aka Honar) is also each of them, as strong as it
    given = [(p, v.strip()) for p in NAME_PROPS for v in props.get(p, ()) if v and v.strip()]
    if whole := name_from_parts(props):
        given.append(("name", whole))
    given += [(p, part) for p, v in given for part in split_aliases(v)]
    names = tuple(dict.fromkeys(v for _, v in given))
    strong = {v for p, v in given if p != "weakAlias"}
    weak = tuple(n for n in names if n not in strong)
    births = tuple(v.strip() for p in DATE_PROPS for v in props.get(p, ()) if v.strip())
    countries = tuple(sorted({v.strip().casefold() for p in COUNTRY_PROPS
                              for v in props.get(p, ()) if v.strip()}))
    addresses = tuple(dict.fromkeys(v.strip() for p in ADDRESS_PROPS for v in props.get(p, ())
                                    if v.strip()))
    idents = []
    for prop, values in props.items():
        if prop in _ID_PROPS:
            for value in values:
                key = identifier_key(ID_KINDS.get(prop, "id"), value)
                if len(key.split(":", 1)[-1]) >= MIN_IDENTIFIER_CHARS:
                    idents.append(key)
    return Record(names, schema, births, countries, tuple(sorted(set(idents))), entity_id,
                  weak_names=weak, addresses=addresses)
