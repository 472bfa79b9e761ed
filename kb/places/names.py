"""The knowledge base's own names: jurisdictions, aliases, and the laws and services that imply a place.

Built from the jurisdiction graph and the published records, so new content teaches detection
without code: a law's short name, the act named in its citation ("Sexual Offences Act",
"SREN"), and a local service's name ("Revenge Porn Helpline", "Cybertip.ca") each point to the
place the record belongs to. A name made only of everyday words ("Intimate image sharing
offence") is not a name people type, so it counts only when written with its capitals.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

import ahocorasick

from kb.jurisdictions import GLOBAL, JurisdictionGraph, jurisdiction_graph
from kb.places.text import fold, name_key, text_words
from kb.places.vocabulary import known_words

# Words that make a phrase a statute's name, in the languages of our content.
STATUTE_WORDS = frozenset(
    "act acts code law laws order ordinance statute regulations loi code ley lei legge gesetz gesetzbuch "
    "decreto decret codice codigo".split()
)
_SECTION = re.compile(
    r"(?:\b(?:ss?|arts?|paras?|secs?)\.|\b(?:sections?|articles?)\b|§+)\s*\d[\w.()-]*(?:\s*-\s*\d[\w.()-]*)?",
    re.I,
)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_NUMBERED_STATUTE = re.compile(
    r"\b(?:Ley|Lei|Loi|Legge|Law|Act|Decreto|Decree|Gesetz|Republic Act)\s+(?:No\.?\s*)?(?:\d{1,3}(?:[.]\d{3})+|\d{3,5})\b"
)
_LOWER_OK = {"usa", "uk", "uae", "nsw"}  # not "eu": Portuguese for "I"
_FUNCTION_WORDS = (
    "a an and as at be by for from he her his i if in is it me my no not of on or so the to up we".split()
)
_BRAND = re.compile(r"^(?:[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*|[A-Z]{4,})$")  # eSafety, SaferNet, PHAROS


@dataclass(frozen=True)
class Named:
    codes: tuple[str, ...]
    kind: str  # "kb" (a jurisdiction's name or alias) | "law" | "service"
    exact: bool = False  # must be written with its capitals
    accented: bool = False  # only ever written with accents ("Ísland"): typed bare, it may be a word


@dataclass
class KbNames:
    graph: JurisdictionGraph
    automaton: ahocorasick.Automaton
    values: list[Named]
    lengths: list[int]
    codes: dict[str, set[str]] = field(default_factory=dict)  # short codes, matched as typed ("TX")
    common: frozenset[str] = frozenset()
    # The ISO 3166-2 suffixes of the knowledge base's subdivisions, the postal codes people write as a
    # qualifier ("London, ON", "Newcastle, NSW"): matched only right after a place and a comma.
    suffixes: dict[str, set[str]] = field(default_factory=dict)
    # Section and article numbers of each place's laws ("66e", "162.1", "201a"): typed next to a statute's
    # name that several places share ("section 66E of the Sexual Offences Act"), they say whose it is.
    sections: dict[str, set[str]] = field(default_factory=dict)
    # Every word of the laws' and services' names: such a word is never taken for a misspelt place.
    record_words: frozenset[str] = frozenset()


_SECTION_NUMBER = re.compile(
    # "s." needs its full stop ("she's 34" is no section); "sec", "art", "para" may go without.
    r"(?:\bss?\.|\b(?:secs?|arts?|paras?)\b\.?|\bsections?|\barticles?|\u00a7+)\s*(\d+[a-z]*(?:[.\-]\d+[a-z]*)*)"
)


# "s 91R", "s53S": without the full stop, only a number with a letter after it is a section.
_S_LETTERED = re.compile(r"\bs\s?(\d+[a-z]+)\b")
_BILL_LETTERED = re.compile(r"\bbill\s+([a-z]-\d{1,4})\b")
_BILL_NUMBER = re.compile(r"\b(s\.?b|h\.?b|a\.?b|l\.?d|h\.?f|s\.?f)\.?\s?(\d{2,5})\b")
# A number that looks like a statute's own ("9A.86.030", "14:73.14", "411.215", "218-C", "474.17A"): at
# least three digits and a separator, typed with or without "s." or "§"; codes ("RCW", "KRS") vary too
# much to need them.
_CITATION_NUMBER = re.compile(r"(?<![\w.])(\d[\da-z]*(?:[.:\-][\da-z]+)+)(?![\w])")


def section_numbers(text: str) -> set[str]:
    """Section and article numbers cited in a text: "s.66E" → "66e", "§ 201a" → "201a", "s. 162.1",
    "s 91R" → "91r", and statute-like numbers standing alone: "RCW 9A.86.030" → "9a.86.030"."""
    # "612 ter", "612ter", "612-ter" are one article (Italian, Spanish, French: bis, ter, quater…).
    folded = re.sub(r"(\d+)\s*-?\s*(bis|ter|quater|quinquies|sexies|septies|octies)\b", r"\1-\2", fold(text))
    found = {m.group(1).rstrip(".") for m in _SECTION_NUMBER.finditer(folded)}
    found |= {m.group(1) for m in _S_LETTERED.finditer(folded)}
    # Bills by their number: "Bill C-63" → "c-63"; "SB 413", "H.B. 2700" → "sb-413", "hb-2700".
    found |= {m.group(1) for m in _BILL_LETTERED.finditer(folded)}
    found |= {f"{m.group(1).replace('.', '')}-{m.group(2)}" for m in _BILL_NUMBER.finditer(folded)}
    found |= {
        m.group(1) for m in _CITATION_NUMBER.finditer(folded) if sum(ch.isdigit() for ch in m.group(1)) >= 3
    }
    # The longest reading only: "R.S. 14:73.14" is section 14:73.14, not section 14; "218-C", not 218.
    found = {n for n in found if not any(o != n and re.match(re.escape(n) + r"[.:\-]", o) for o in found)}
    # A range of lettered sections stands for each: "ss. 91N-91S" → 91n … 91s.
    for number in list(found):
        if r := re.fullmatch(r"(\d+)([a-z])-\1([a-z])", number):
            found |= {r[1] + chr(c) for c in range(ord(r[2]), ord(r[3]) + 1)}
    return found


def _statute_phrases(text: str) -> set[str]:
    """Act names inside a citation: "Sexual Offences Act 2003, s.66B" → "Sexual Offences Act 2003" and
    "Sexual Offences Act"; "loi n° 2024-449 du 21 mai 2024, SREN" → "SREN"."""
    out = set()
    # "Lei nº 13.718/2018" → "Lei 13.718/2018"; "Law No. 175 of 2018" → "Law 175 of 2018".
    text = re.sub(r"\b[nN][\u00ba\u00b0oO]\.?\s*(?=\d)", "", text)
    text = re.sub(r"(\d)/(?:19|20)\d\d\b", r"\1", text)
    variants = [
        re.sub(r"\s*\([^)]*\)\s*", " ", text),  # "Sexual Harm (Scotland) Act" → "Sexual Harm Act"
        text.replace("(", " ").replace(")", " "),  # … and "Sexual Harm Scotland Act"
        *re.findall(r"\(([^)]*)\)", text),  # "(loi n° 2024-449 …, SREN)" → "SREN"
    ]
    pieces = [
        p for v in variants for p in re.split(r"[,;/]|\binserted by\b|\bas amended\b|\bamended by\b", v)
    ]
    # A statute named by its number: "Ley 27.736", "Lei 13.718", "Ley 19.580".
    out.update(m.group(0) for m in _NUMBERED_STATUTE.finditer(text))
    for piece in pieces:
        piece = _SECTION.sub(" ", piece).strip(" .'\"\u2018\u2019\u201c\u201d")
        words = piece.split()
        if re.fullmatch(r"[A-Z]{3,8}|[A-Z][a-z][A-Z]{1,5}", piece):  # "SREN", "HDCA", "StGB"
            out.add(piece)
        elif len(words) >= 2 and any(fold(w) in STATUTE_WORDS for w in words) and piece[:1].isupper():
            out.add(piece)
            bare = _YEAR.sub(" ", piece).strip(" .")
            if len(bare.split()) >= 2:
                out.add(bare)
            out.update(_initials(bare))
    return out


def _initials(name: str) -> set[str]:
    """A statute's name shortened to its initials the way people write it: "Information Technology Act"
    → "IT Act", "Harmful Digital Communications Act" → "HDC Act" (matched only with its capitals)."""
    words = name.split()
    if len(words) < 3 or fold(words[-1]) not in STATUTE_WORDS:
        return set()
    lead = [w for w in words[:-1] if w.lower() not in ("of", "and", "the", "for", "on")]
    if len(lead) < 2 or not all(w[:1].isupper() and w.isalpha() for w in lead):
        return set()
    return {"".join(w[0] for w in lead) + " " + words[-1]}


@dataclass(frozen=True)
class RecordRows:
    """What detection reads from the published records: laws as (short name, citation, jurisdiction),
    channels as (name, jurisdiction), and the records' bodies (for the words they write in lower case).
    From the database in production; tests build it from the content files."""

    laws: list[tuple[str, str, str]]
    channels: list[tuple[str, str]]
    bodies: list[str]


def record_rows_from_db() -> RecordRows:
    from kb.models import Channel, Guide, Law

    return RecordRows(
        laws=list(Law.objects.published().values_list("short_name", "citation", "jurisdiction_id")),
        channels=list(Channel.objects.published().values_list("name", "jurisdictions")),
        bodies=[
            body or ""
            for model in (Law, Channel, Guide)
            for body in model.objects.published().values_list("body", flat=True)
        ],
    )


def _place_words(graph: JurisdictionGraph, codes: set[str]) -> set[str]:
    """The names, aliases and codes of these places and their ancestors, folded ("bc", "nsw", "texas")."""
    out = set()
    for code in codes:
        for c in graph.chain(code) if code in graph.names else [code]:
            out.update(name_key(n) for n in [c, graph.names.get(c, ""), *graph.aliases.get(c, [])] if n)
    return out


def _record_names(rows: RecordRows, graph: JurisdictionGraph) -> list[tuple[str, Named]]:
    """Names of published laws and single-place services, with the place each implies. A service's name
    that opens with its place's code ("BC Civil Resolution Tribunal") is also known without it, written
    with its capitals and three words or more (not "State Police": many places have one)."""
    out: list[tuple[str, Named]] = []
    for short, citation, code in rows.laws:
        phrases = _statute_phrases(citation)
        if short:
            phrases |= {re.sub(r"\(.*?\)", " ", short).strip(), *_statute_phrases(short)}
        for phrase in phrases:
            out.append((phrase, Named((code,), "law")))
    for name, codes in _service_codes(rows).items():
        named = Named(tuple(sorted(codes)), "service")
        places = _place_words(graph, codes)
        for piece in re.split(r"[:(),\u2013\u2014]", name):
            if len(piece.strip()) >= 4 and not (
                " " not in piece.strip() and fold(piece.strip()) in known_words()
            ):
                out.append((piece.strip(), named))
            first, _, rest = piece.strip().partition(" ")
            # A helpline named by its number: "1522", "3018", "017", "helpline 1930" (not a year there).
            for number in re.finditer(r"\b0?\d{3,5}\b", piece):
                said = re.search(r"\b(?:helpline|hotline|line|number)\s+$", piece[: number.start()], re.I)
                leading = not piece[: number.start()].strip()
                if (leading and not _YEAR.fullmatch(number.group())) or said:
                    out.append((number.group(), named))
            if first.isupper() and len(first) <= 3 and name_key(first) in places and len(rest.split()) >= 3:
                out.append((rest, Named(named.codes, named.kind, exact=True)))
            out.extend((w, named) for w in _brands(piece))
    return out


def _brands(piece: str) -> list[str]:
    """A service's brand words ("eSafety", "SaferNet", "PHAROS"), but not the words of a name set in
    capitals ("TAKE IT DOWN Act removal form": "TAKE" and "DOWN" are everyday words, not brands)."""
    words = piece.split()

    def in_capitals_run(i: int) -> bool:
        return words[i].isupper() and any(
            0 <= j < len(words) and words[j].isupper() and len(words[j]) >= 2 for j in (i - 1, i + 1)
        )

    return [w for i, w in enumerate(words) if _BRAND.match(w) and not in_capitals_run(i)]


def _service_codes(rows: RecordRows) -> dict[str, set[str]]:
    """Each local service's name and the places it serves (services for everyone left out)."""
    services: dict[str, set[str]] = {}
    for name, code in rows.channels:
        if code:
            services.setdefault(name, set()).add(code)
    return {name: codes for name, codes in services.items() if GLOBAL not in codes}


def _common_words(rows: RecordRows | None) -> frozenset[str]:
    """Words the knowledge base writes in lower case, plus the query vocabulary (and the few function
    words a city may share, for when there are no records to read)."""
    from kb.search.translate import vocabulary_words

    words: set[str] = set(vocabulary_words()) | set(_FUNCTION_WORDS)
    for body in rows.bodies if rows else ():
        words.update(re.findall(r"(?<![.!?]\s)(?<!^)\b([a-z]{2,})\b", body))
    return frozenset(words)


def kb_names_build(
    graph: JurisdictionGraph, *, records: bool = True, rows: RecordRows | None = None
) -> KbNames:
    """The names for `graph`; the records' names from `rows`, else from the database when `records`."""
    if rows is None and records:
        rows = record_rows_from_db()
    table: dict[str, list[Named]] = {}
    codes: dict[str, set[str]] = {}

    def add(name: str, named: Named) -> None:
        name = name.strip()
        bare = name.replace(".", "")
        if len(bare) <= 3 and bare.isupper() and named.kind == "kb":
            codes.setdefault(bare, set()).update(named.codes)
            if bare.lower() not in _LOWER_OK:
                return
        key = name_key(name)
        if len(key) < 3 and key not in _LOWER_OK:
            return
        table.setdefault(key, []).append(named)
        # "Coco's Law" is typed "cocos law" too.
        possessive = re.sub(r"(\w)['\u2019]s\b", r"\1s", name)
        if possessive != name:
            table.setdefault(name_key(possessive), []).append(named)

    for code, name in graph.names.items():
        if code not in graph.published or code == GLOBAL:
            continue
        for alias in [name, *graph.aliases.get(code, [])]:
            # An abbreviation ("Mich.", "Tex.") only with its capital: "mich" is German for "me".
            exact = alias.endswith(".") and len(alias) <= 7
            add(alias, Named((code,), "kb", exact=exact, accented=fold(alias) != alias.lower()))
    common = _common_words(rows)
    if rows is not None:
        for phrase, named in _record_names(rows, graph):
            words = [w.folded for w in text_words(phrase)]
            number = named.kind == "service" and phrase.isdigit()  # "helpline 1930": its number
            if all(w in STATUTE_WORDS or _YEAR.fullmatch(w) for w in words) and not number:
                continue  # "Act", "ACT 2004": not a name ("Lei 13.718" is)
            exact = all(w in common or w in STATUTE_WORDS or w.isdigit() for w in words)
            if _NUMBERED_STATUTE.fullmatch(phrase):
                exact = False  # "ley 27.736": the number says which law, in any case
            elif re.fullmatch(r"[A-Z]{2,5} \w+", phrase):
                exact = True  # "IT Act": initials only as written
            elif len([w for w in words if w not in _FUNCTION_WORDS]) >= 3 and words[-1] in STATUTE_WORDS:
                exact = False  # "the sexual offences act": three words and "act" name a statute in any case
            add(phrase, Named(named.codes, named.kind, exact=exact or named.exact))
        # A service's own distinctive word, capitalised: "Garante" (per la protezione dei dati personali),
        # "Polizia" (Postale). Not an English word, nor a word our content writes in lower case.
        place_words = {name_key(n) for c in graph.names for n in [graph.names[c], *graph.aliases.get(c, [])]}
        for name, served in _service_codes(rows).items():
            for word in re.findall(r"\b[A-Z][a-zà-ÿ]{5,}\b", name):
                key = name_key(word)
                if key not in common and key not in known_words() and key not in place_words:
                    add(word, Named(tuple(sorted(served)), "service", exact=True))
    _share_pieces(table)
    automaton = ahocorasick.Automaton()
    values: list[Named] = []
    lengths: list[int] = []
    for key in sorted(table):
        padded = f" {key} "
        automaton.add_word(padded, len(values))
        merged = table[key]
        kinds = {n.kind for n in merged}
        kind = "kb" if "kb" in kinds else merged[0].kind
        values.append(
            Named(
                tuple(sorted({c for n in merged if n.kind == kind for c in n.codes})),
                kind,
                exact=all(n.exact for n in merged),
                accented=all(n.accented for n in merged),
            )
        )
        lengths.append(len(padded))
    if values:
        automaton.make_automaton()
    sections: dict[str, set[str]] = {}
    record_words: set[str] = set()
    if rows is not None:
        for _short, citation, code in rows.laws:
            for number in section_numbers(citation):
                sections.setdefault(number, set()).add(code)
        record_words.update(w for key in table for n in table[key] if n.kind != "kb" for w in key.split())
    suffixes: dict[str, set[str]] = {}
    for code in graph.published:
        if "-" in code:
            suffixes.setdefault(code.split("-", 1)[1], set()).add(code)
    return KbNames(
        graph, automaton, values, lengths, codes, common, suffixes, sections, frozenset(record_words)
    )


def _share_pieces(table: dict[str, list[Named]]) -> None:
    """A law's or service's name found inside other records' names of its kind also means their places.

    "Policía Nacional" is a piece of Colombia's channel name, and also the opening words of Spain's,
    Honduras', Nicaragua's and the Dominican Republic's: typed alone it says a Spanish-speaking country,
    not Colombia. Left to the piece's own record, detection would answer with one country's law for a
    name several countries share; with every place it may mean, disambiguation asks or lets other cues decide.
    A name matched only as written ("TAKE", a brand word in capitals) is left alone: found folded inside
    another name ("take down requests") it is not the same name.
    """
    for kind in ("service", "law"):
        keys = [key for key, named in table.items() if any(n.kind == kind for n in named)]
        if not keys:
            continue
        finder = ahocorasick.Automaton()
        for key in keys:
            finder.add_word(f" {key} ", key)
        finder.make_automaton()
        extra: dict[str, set[str]] = {}
        for outer in keys:
            places = {c for n in table[outer] if n.kind == kind for c in n.codes}
            for _end, inner in finder.iter(f" {outer} "):
                if inner != outer:
                    extra.setdefault(inner, set()).update(places)
        for inner, places in extra.items():
            own = [n for n in table[inner] if n.kind == kind]
            if all(n.exact for n in own):
                continue
            if places - {c for n in own for c in n.codes}:
                table[inner].append(Named(tuple(sorted(places)), kind))


_lock = threading.Lock()
_cache: dict[int, KbNames] = {}


def kb_names() -> KbNames:
    """The knowledge base's names for the current graph, rebuilt when the graph changes."""
    graph = jurisdiction_graph()
    with _lock:
        names = _cache.get(id(graph))
    if names is None:
        names = kb_names_build(graph)
        with _lock:
            _cache.clear()
            _cache[id(graph)] = names
    return names


def kb_names_clear() -> None:
    with _lock:
        _cache.clear()
