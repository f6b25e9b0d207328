"""The English catalogue: complete, compiled, and actually shown once English is chosen.

Source strings are French (fr-CA); locale/en/LC_MESSAGES/django.po holds their
English translation and django.mo is committed so that run time needs no gettext.
When one of these tests fails after a change of wording, refresh the catalogue:

    make messages        # makemessages -l en, then compilemessages
    # translate every new empty msgstr in locale/en/LC_MESSAGES/django.po and
    # check then remove every "#, fuzzy" flag
    .venv/bin/python manage.py compilemessages -l en --ignore=.venv
"""

import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from initiatives.choices import Status
from tests.factories import InitiativeFactory

CATALOGUE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_PATH = CATALOGUE_DIR / "django.po"
MO_PATH = CATALOGUE_DIR / "django.mo"
BASE_TEMPLATE = Path(settings.BASE_DIR) / "templates" / "base.html"
JINJA2_DIR = Path(settings.BASE_DIR) / "templates" / "jinja2"

REFRESH = (
    "Run `make messages`, translate every empty msgstr of locale/en/LC_MESSAGES/django.po "
    "(and check, then remove, every '#, fuzzy' flag), then "
    "`.venv/bin/python manage.py compilemessages -l en --ignore=.venv`."
)


# --- A small .po reader (polib is not a dependency) ----------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.msgstr_plural[i] for i in sorted(self.msgstr_plural)] or [""]

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid[:70]!r}"


def read_po(path: Path) -> list[Entry]:
    """Return the entries of a .po file, header included (its msgid is "")."""
    entries, current, target = [], None, None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line.startswith("#~"):
            if current is None or current.msgid:
                current = Entry(line=number, obsolete=True)
                entries.append(current)
            current.obsolete = True
            continue
        if not line:
            current, target = None, None
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = _unescape(line[1:-1])
            if isinstance(target, int):
                current.msgstr_plural[target] += value
            else:
                setattr(current, target, getattr(current, target) + value)
        else:
            match = _FIELD.match(line)
            assert match, f"{path}:{number}: unreadable line {raw!r}"
            keyword, index, value = match.groups()
            value = _unescape(value)
            if index is not None:
                target = int(index)
                current.msgstr_plural[target] = value
            else:
                target = keyword
                setattr(current, keyword, value)
    return [entry for entry in entries if not entry.obsolete]


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    assert PO_PATH.exists(), f"{PO_PATH} is missing. {REFRESH}"
    return [entry for entry in read_po(PO_PATH) if entry.msgid]


@pytest.fixture(scope="module")
def header() -> str:
    return next(entry.msgstr for entry in read_po(PO_PATH) if not entry.msgid)


# --- (b) The catalogue is complete ---------------------------------------------------------


def test_the_catalogue_is_english_with_two_plural_forms(header):
    assert "Language: en\n" in header
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header


def test_every_entry_is_translated(entries):
    untranslated = [str(e) for e in entries if not all(t.strip() for t in e.translations)]
    assert not untranslated, (
        f"{len(untranslated)} untranslated entr{'y' if len(untranslated) == 1 else 'ies'} "
        f"in {PO_PATH.relative_to(settings.BASE_DIR)}:\n  "
        + "\n  ".join(untranslated[:30])
        + f"\n{REFRESH}"
    )


def test_no_entry_is_fuzzy(entries):
    fuzzy = [str(e) for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, (
        "Fuzzy entries are guesses by msgmerge and are left out of django.mo: check each "
        "translation, then remove its '#, fuzzy' line:\n  "
        + "\n  ".join(fuzzy[:30])
        + f"\n{REFRESH}"
    )


def test_plural_entries_have_both_english_forms(entries):
    incomplete = [
        str(e) for e in entries if e.msgid_plural is not None and len(e.msgstr_plural) != 2
    ]
    assert not incomplete, "Plural entries need msgstr[0] and msgstr[1]:\n  " + "\n  ".join(
        incomplete
    )


_PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sd]|%[sd]|\{[A-Za-z_][A-Za-z0-9_]*\}")
# HTML elements only: "<jeton>" in a message is a placeholder for the reader, translated.
_TAG = re.compile(r"</?(?:a|abbr|b|br|code|em|i|kbd|li|p|small|span|strong|sub|sup|time|ul)\b")


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text.replace("%%", "")))


def test_translations_keep_every_placeholder_and_tag(entries):
    broken = []
    for entry in entries:
        if entry.msgid_plural is None:
            pairs = [(entry.msgid, entry.msgstr)]
        else:
            pairs = [(entry.msgid, entry.msgstr_plural.get(0, ""))]
            pairs += [(entry.msgid_plural, entry.msgstr_plural.get(1, ""))]
        for source, translation in pairs:
            if not translation:
                continue  # reported by test_every_entry_is_translated
            if _placeholders(source) != _placeholders(translation):
                broken.append(f"{entry}: placeholders {sorted(_placeholders(source))}")
            if sorted(_TAG.findall(source)) != sorted(_TAG.findall(translation)):
                broken.append(f"{entry}: HTML tags {sorted(_TAG.findall(source))}")
    assert not broken, "Translations must keep placeholders and tags:\n  " + "\n  ".join(broken)


def test_no_source_string_holds_an_escape_that_xgettext_keeps_literally(entries):
    """xgettext reads "\\u00a0" in a Python string as the six characters, not as U+00A0.

    The msgid then never matches the string Python looks up at run time, so the
    translation is silently never used. Write the character itself in the source
    (a no-break space, U+00A0) instead of its escape.
    """
    literal = [str(e) for e in entries if re.search(r"\\[uUN]", e.msgid + (e.msgid_plural or ""))]
    assert not literal, (
        "These source strings hold a \\uXXXX (or \\N{...}) escape, which makemessages keeps "
        "as is, so their translation is never found: write the character itself in the "
        "gettext() call, then run `make messages`:\n  " + "\n  ".join(literal)
    )


# --- (c) The committed .mo matches the .po -------------------------------------------------


def _expected_catalogue(entries: list[Entry]) -> dict:
    catalogue = {}
    for entry in entries:
        if "fuzzy" in entry.flags:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            if entry.msgstr:
                catalogue[key] = entry.msgstr
        elif all(entry.msgstr_plural.values()):
            for index, text in entry.msgstr_plural.items():
                catalogue[key, index] = text
    return catalogue


def _compiled_catalogue(path: Path) -> dict:
    with path.open("rb") as handle:
        catalogue = dict(gettext.GNUTranslations(handle)._catalog)
    catalogue.pop("", None)  # the header: its dates change with every makemessages
    return catalogue


def test_the_compiled_catalogue_matches_the_po(entries):
    """Compare what the .mo holds with what the .po says, whatever msgfmt version built it."""
    assert MO_PATH.exists(), f"{MO_PATH} is missing: compile it. {REFRESH}"
    expected, compiled = _expected_catalogue(entries), _compiled_catalogue(MO_PATH)
    stale = sorted(str(key)[:80] for key in expected.keys() ^ compiled.keys())
    stale += sorted(
        str(k)[:80] for k in expected.keys() & compiled.keys() if expected[k] != compiled[k]
    )
    assert not stale, (
        "locale/en/LC_MESSAGES/django.mo is out of date with django.po "
        f"({len(stale)} differing entries, e.g. {stale[:5]}). {REFRESH}"
    )


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext (msgfmt) is not installed")
def test_msgfmt_accepts_the_catalogue(tmp_path):
    """msgfmt --check: format strings agree between msgid and msgstr, the header is sound."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(PO_PATH)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"msgfmt --check refused django.po:\n{result.stderr}"
    assert _compiled_catalogue(tmp_path / "django.mo") == _compiled_catalogue(MO_PATH), (
        f"django.mo differs from a fresh compilation of django.po. {REFRESH}"
    )


# --- Jinja2 templates: only what makemessages can see ---------------------------------------

# makemessages reads templates/jinja2/*.html with Django's template lexer: it extracts
# {{ _("literal") }} (a filter may follow), but neither gettext()/ngettext() calls, nor
# {% trans %} blocks, nor _() with arguments. Such strings would never reach the catalogue.
_JINJA_CALL = re.compile(r"\b(?:n?gettext|pgettext|npgettext)\s*\(|\{%-?\s*(?:trans|pluralize)\b")
_JINJA_UNDERSCORE = re.compile(r"(?<![\w.])_\(")
_EXTRACTABLE = re.compile(r"""_\(\s*(?:"[^"\\]*"|'[^'\\]*')\s*\)""")


def test_jinja2_templates_only_use_strings_makemessages_extracts():
    problems = []
    for path in sorted(JINJA2_DIR.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(settings.BASE_DIR)
        for match in _JINJA_CALL.finditer(text):
            problems.append(f"{name}: {match.group(0)!r}")
        for match in _JINJA_UNDERSCORE.finditer(text):
            if not _EXTRACTABLE.match(text, match.start()):
                problems.append(f"{name}: {text[match.start() : match.start() + 40]!r}")
    assert not problems, (
        'makemessages cannot extract these Jinja2 translations: write {{ _("...") }} with a '
        "literal and no argument, or translate the text in Python and pass it to the "
        "template:\n  " + "\n  ".join(problems)
    )


# --- (a) English pages ------------------------------------------------------------------------


def _base_layout_french() -> list[str]:
    """The French strings base.html translates that English changes (proper names stay)."""
    sources = re.findall(
        r"""\{%\s*translate\s+(?:"([^"]+)"|'([^']+)')""", BASE_TEMPLATE.read_text()
    )
    french = {double or single for double, single in sources}
    with_english = {e.msgid for e in read_po(PO_PATH) if e.msgid and e.msgstr not in ("", e.msgid)}
    return sorted(french & with_english)


def choose_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def assert_english(response, *expected):
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    assert '<html lang="en">' in html
    for text in expected:
        assert text in html, f"{text!r} is missing from {response.request['PATH_INFO']}"
    leftovers = [text for text in _base_layout_french() if text in html]
    assert not leftovers, f"Untranslated French in the layout: {leftovers}. {REFRESH}"
    return html


def test_the_base_layout_has_french_strings_to_check():
    assert {"Tableau de bord", "Feuille de route", "Se déconnecter"} <= set(_base_layout_french())


@pytest.mark.django_db
def test_the_login_page_is_in_english(client):
    choose_english(client)

    html = assert_english(client.get(reverse("login")), "Log in", "Skip to main content")

    assert "Connexion" not in html
    assert ">Français<" in html  # the way back, in its own language


@pytest.fixture
def english_manager(client, manager, plan, mcc, ambition):
    InitiativeFactory(
        plan=plan, lead_organization=mcc, ambition=ambition, status=Status.IN_PROGRESS
    )
    choose_english(client)
    client.force_login(manager)
    return client


def test_the_dashboard_is_in_english(english_manager):
    html = assert_english(
        english_manager.get("/"), "Dashboard", "Roadmap", "Log out", "Portfolio dashboard"
    )

    assert "Key figures" in html
    assert "In progress" in html  # a status label, from initiatives/choices.py
    assert "Tableau de bord du portefeuille" not in html


def test_the_initiative_list_is_in_english(english_manager):
    html = assert_english(
        english_manager.get(reverse("initiatives:list")), "Filter the initiatives"
    )

    assert "Filtrer les initiatives" not in html


def test_the_roadmap_is_in_english(english_manager):
    html = assert_english(english_manager.get(reverse("roadmap")), "Digital transformation roadmap")

    assert "Group by" in html
    assert "Regrouper par" not in html


def test_french_stays_the_default(client, manager, plan):
    client.force_login(manager)

    html = client.get("/").content.decode()

    assert "Tableau de bord" in html
    assert "Log out" not in html
