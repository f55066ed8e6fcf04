"""The "How the tools decide" page lists every rule the tools run, in words, with linked sources."""

from __future__ import annotations

from pathlib import Path

from alliance import model
from alliance.contract import PATHS
from alliance.rules import ALL_RULES
from alliance.rules.classifier import PROCEDURES
from alliance.view import rule_anchor
from bs4 import BeautifulSoup

from macros.rules_page import rule_entry


def rules_page(built_site: Path) -> BeautifulSoup:
    return BeautifulSoup((built_site / PATHS["rules"]).read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_rule_and_procedure_is_on_the_page_with_its_condition(built_site: Path) -> None:
    page = rules_page(built_site)
    entries = {entry["id"]: entry for entry in page.select(".alliance-rule[id]")}
    assert set(entries) == {rule_anchor(rule.id) for rule in ALL_RULES} | {rule_anchor(p) for p in PROCEDURES}
    for rule in ALL_RULES:
        shown = words(entries[rule_anchor(rule.id)].get_text(" "))
        assert rule.id in shown
        assert words(rule.when.describe()) in shown, rule.id


def test_every_term_a_rule_uses_is_defined_once_on_the_page(built_site: Path) -> None:
    # Issue 21: a "When" line says a long part of its condition in a few words; the page defines each.
    page = rules_page(built_site)
    conditions = [condition for rule in ALL_RULES
                  for condition in (rule.when, getattr(rule, "focus", rule.when))]
    terms = {term.id: term for condition in conditions for term in condition.terms()}
    entries = {entry["id"]: words(entry.get_text(" ")) for entry in page.select(".alliance-term[id]")}
    assert set(entries) == {f"term-{term_id}" for term_id in terms}
    for term_id, term in terms.items():
        assert words(term.definition()) in entries[f"term-{term_id}"], term_id


def test_each_rule_shows_what_follows_from_it(built_site: Path) -> None:
    entries = {entry["id"]: words(entry.get_text(" "))
               for entry in rules_page(built_site).select(".alliance-rule")}
    for rule in ALL_RULES:
        shown = entries[rule_anchor(rule.id)]
        for text in rule.texts():
            plain = text.split("{", 1)[0]  # up to the first slot
            assert words(plain) in shown, (rule.id, plain)


def test_the_rules_sources_link_to_the_pages_reference_list(built_site: Path) -> None:
    page = rules_page(built_site)
    linked = {link["href"].split("#ref-", 1)[1] for link in page.select(".alliance-rule a.citation")}
    cited = {key for rule in ALL_RULES for key in rule.citations()} | {
        key for flag in model.FLAGS for key in flag.cite}
    assert linked == cited
    for key in linked:
        assert page.find(id=f"ref-{key}") is not None, key


def test_an_entry_is_markdown_the_site_renders() -> None:
    entry = rule_entry(ALL_RULES[0])
    assert entry.startswith(f'<div class="alliance-rule" id="{rule_anchor(ALL_RULES[0].id)}" markdown="1">')
