"""The widget forms are drawn at build time from the package's question model."""

from __future__ import annotations

from dataclasses import replace

import pytest
from alliance import questions
from alliance.contract import ACTIONS, ROLES, WIDGET_REQUESTS, WIDGETS
from alliance.plan_fields import PLAN_FIELDS, Field
from alliance.questions import QUESTIONS, Option
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from macros import forms


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def described_by(tag) -> list[str]:  # type: ignore[no-untyped-def]
    return str(tag.get("aria-describedby", "")).split()


@pytest.fixture(scope="module")
def classifier() -> BeautifulSoup:
    return soup(forms.widget(forms.CLASSIFIER))


@pytest.fixture(scope="module")
def planner() -> BeautifulSoup:
    return soup(forms.widget(forms.PLAN))


def test_every_question_is_a_fieldset_with_its_text_help_and_one_labelled_radio_per_option(
    classifier: BeautifulSoup,
) -> None:
    fieldsets = classifier.select("form fieldset[data-field]")
    assert [f["data-field"] for f in fieldsets] == [q.id for q in QUESTIONS]
    for question, fieldset in zip(QUESTIONS, fieldsets, strict=True):
        assert fieldset.legend.get_text() == question.text
        help_id = f"classifier-{question.id}-help"
        assert fieldset.find(id=help_id).get_text() == question.help
        kind = "radio" if question.kind == "single" else "checkbox"
        assert fieldset["data-kind"] == question.kind
        radios = fieldset.select(f"input[type={kind}]")
        assert [r["value"] for r in radios] == list(question.option_ids())
        for radio, option in zip(radios, question.options, strict=True):
            assert radio["name"] == question.id
            assert classifier.find("label", attrs={"for": radio["id"]}).get_text() == option.label
            assert help_id in described_by(radio)
        assert fieldset.find(attrs={"data-error-for": question.id}) is not None


def test_questions_are_grouped_in_display_order_with_legends_and_intros(classifier: BeautifulSoup) -> None:
    groups = classifier.select("form > fieldset.alliance-group")
    assert [g["data-group"] for g in groups] == [group_id for group_id, _, _ in questions.GROUPS]
    for group, (group_id, legend, intro) in zip(groups, questions.GROUPS, strict=True):
        assert group.legend.get_text() == legend
        assert intro in group.get_text()
        inside = [f["data-field"] for f in group.select("fieldset[data-field]")]
        assert inside == [q.id for q in QUESTIONS if q.group == group_id]


def test_every_plan_field_is_drawn_from_its_description(planner: BeautifulSoup) -> None:
    drawn = planner.select("form [data-field]")
    assert [d["data-field"] for d in drawn] == [f.id for f in PLAN_FIELDS]
    for field, node in zip(PLAN_FIELDS, drawn, strict=True):
        assert node["data-kind"] == field.kind
        assert field.label in node.find(["legend", "label"]).get_text()
        assert ("(required)" in node.get_text()) == field.required
        if field.kind in ("single", "multi"):
            kind = "radio" if field.kind == "single" else "checkbox"
            inputs = node.select(f"input[type={kind}]")
            assert [i["value"] for i in inputs] == list(field.option_ids())
            assert all(planner.find("label", attrs={"for": i["id"]}) for i in inputs)
        else:
            control = node.find("input")
            assert planner.find("label", attrs={"for": control["id"]}) is not None
            assert control["type"] == "text"  # what is typed goes to Python as typed, to judge
            if field.kind == "number":
                assert control["inputmode"] == "numeric"
            else:
                assert control["type"] == "text"
                assert control.get("maxlength") == str(field.max_length)
                assert "identifies a patient" in node.get_text()


def test_model_text_is_escaped_not_interpreted() -> None:
    nasty = replace(
        QUESTIONS[0], text='<img src=x onerror="alert(1)">', help="a & b < c",
        options=(Option('"><script>x</script>', "<b>bold</b>"),),
    )
    html = forms.question_html(nasty)
    assert "<img" not in html and "<script>" not in html and "<b>" not in html
    parsed = soup(html)
    assert parsed.legend.get_text() == nasty.text
    assert parsed.find("input")["value"] == '"><script>x</script>'
    text_field = Field("note", "Note <i>", "help <u>", "text", max_length=5)
    assert "<i>" not in forms.field_html(text_field) and "&lt;i&gt;" in forms.field_html(text_field)


def test_unknown_kinds_fail_naming_the_field_or_widget() -> None:
    with pytest.raises(forms.FormError, match=r"'odd'.*'slider'"):
        forms.field_html(Field("odd", "Odd", "", "slider"))
    with pytest.raises(forms.FormError, match="unknown widget 'nope'") as error:
        forms.widget("nope")
    assert isinstance(error.value, PluginError)


@pytest.mark.parametrize("kind", list(WIDGETS))
def test_every_name_the_browser_reads_comes_from_the_contract(kind: str) -> None:
    root = soup(forms.widget(kind)).find(attrs={"data-widget": kind})
    assert root["data-request"] == WIDGET_REQUESTS[kind]
    assert {node["data-role"] for node in root.select("[data-role]")} <= set(ROLES.values())
    assert {node["data-action"] for node in root.select("[data-action]")} <= set(ACTIONS.values())
    for role in ("STATUS", "FORM", "RESULT", "RESULT_HEADING", "VIEW", "ACTIONS", "ACTION_STATUS",
                 "FRAGMENT_MESSAGE", "ERROR_SUMMARY"):
        assert root.find(attrs={"data-role": ROLES[role]}) is not None, role


@pytest.mark.parametrize("kind", [forms.CLASSIFIER, forms.PLAN])
def test_widget_reads_without_javascript_and_keeps_results_hidden(kind: str) -> None:
    page = soup(forms.widget(kind))
    root = page.find(attrs={"data-widget": kind})
    assert "needs JavaScript" in root.find("noscript").get_text()
    assert root.find(attrs={"data-role": "result"}).has_attr("hidden")
    status = root.find(attrs={"data-role": "status-text"})
    assert status["role"] == "status" and status["aria-live"] == "polite"
    assert root.find(attrs={"data-role": "retry"}).name == "button"
    assert root.find("form").find("button", attrs={"type": "submit"}) is not None
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "ids must be unique on the page"


def test_plan_builder_warns_not_to_identify_patients_near_the_share_link(planner: BeautifulSoup) -> None:
    share = planner.find(attrs={"data-role": "share"})
    assert "identifies a patient" in share.get_text()
    assert "never sent" in share.get_text()
    assert {b["data-action"] for b in planner.select("button[data-action]")} == {
        "print", "copy", "download", "share",
    }


def test_classifier_result_embeds_the_figures_from_their_macros() -> None:
    class Env:
        macros = {  # noqa: RUF012
            "levels_figure": lambda: '<svg><g data-id="non-encounter"></g></svg>',
            "cycle_figure": lambda: '<svg><g data-id="adapt"></g></svg>',
        }

    page = soup(forms.widget(forms.CLASSIFIER, Env(), plan_href="plan-builder.html"))
    result = page.find(attrs={"data-role": "result"})
    assert result.select_one('[data-figure="levels_figure"] [data-id="non-encounter"]') is not None
    assert result.select_one('[data-figure="cycle_figure"] [data-id="adapt"]') is not None
    assert result.find(attrs={"data-role": "to-plan"})["href"] == "plan-builder.html"
    assert result.find(attrs={"data-role": "figures"}).has_attr("hidden")  # the view moves them into place
    Env.macros = {}
    with pytest.raises(forms.FormError, match=r"levels_figure\(\) macro"):
        forms.widget(forms.CLASSIFIER, Env())



def test_option_labels_reach_search_as_separate_words_and_forms_are_not_restored(
    planner: BeautifulSoup, classifier: BeautifulSoup
) -> None:
    # Material's search indexes the text between tags; without white space between the options, the
    # labels ran together ("Spinal manipulationSpinal mobilisation").
    for soup in (planner, classifier):
        text = soup.get_text()
        assert "manipulationSpinal" not in text and "understoodThey" not in text
        for fieldset in soup.select("[data-field] .alliance-options"):
            labels = [label.get_text() for label in fieldset.select("label")]
            assert " ".join(fieldset.get_text().split()) == " ".join(" ".join(labels).split())
            assert all(label + "\n" in fieldset.get_text() for label in labels[:-1])
        assert soup.find("form")["autocomplete"] == "off"
