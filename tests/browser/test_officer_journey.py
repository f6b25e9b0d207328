"""An officer's day in the real browser: Debian's Chromium against the live server."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from initiatives.services import initiative_update
from tests.browser_support import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill("secret")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_an_officer_filters_the_list_edits_an_initiative_and_sees_it_in_the_history(
    page, live_server, mcc_officer, passeport, gia
):
    log_in(page, live_server, "agent.mcc")
    page.goto(f"{live_server.url}/initiatives/")
    page.get_by_label("Recherche").fill("Passeport")
    # htmx replaces the results without a full reload, and the URL keeps the filter.
    expect(page.get_by_role("status")).to_contain_text("2 initiatives correspondent")
    expect(page.get_by_role("link", name=re.compile("GIA"))).to_have_count(0)
    expect(page).to_have_url(re.compile(r"q=Passeport"))

    page.get_by_role("link", name="Passeport Culturel Numérique - phase 1").click()
    page.get_by_role("link", name="Modifier").click()
    page.get_by_label("Statut").select_option(label="Terminé")
    page.get_by_label("Trimestre de fin").select_option("2024-2025 T1")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Les modifications ont été enregistrées.")).to_be_visible()
    history = page.locator("section[aria-labelledby=history-title]")
    expect(history).to_contain_text("agent.mcc")
    expect(history.get_by_role("row", name=re.compile("Statut"))).to_contain_text("Terminé")


def test_a_save_on_a_stale_form_is_refused_and_the_other_change_stands(
    page, live_server, mcc_officer, coordinator, passeport
):
    initiative = passeport[0]
    log_in(page, live_server, "agent.mcc")
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/edit/")
    initiative_update(
        user=coordinator, initiative=initiative, data={"title": "Passeport – titre revu"}
    )

    page.get_by_label("Titre").fill("Passeport – titre de l’agent")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("alert").first).to_contain_text("a changé entre-temps")
    initiative.refresh_from_db()
    assert initiative.title == "Passeport – titre revu"


def test_an_officer_of_another_organisation_cannot_reach_the_edit_page(
    page, live_server, banq_officer, passeport
):
    initiative = passeport[0]
    log_in(page, live_server, "agent.banq")
    page.goto(f"{live_server.url}/initiatives/{initiative.pk}/")
    expect(page.get_by_role("link", name="Modifier")).to_have_count(0)
    response = page.goto(f"{live_server.url}/initiatives/{initiative.pk}/edit/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")


@pytest.mark.parametrize(
    "path", ["/initiatives/", "/initiatives/{pk}/", "/initiatives/{pk}/edit/", "/roadmap/", "/"]
)
def test_the_pages_have_no_serious_accessibility_violation(
    page, live_server, mcc_officer, passeport, path
):
    log_in(page, live_server, "agent.mcc")
    page.goto(live_server.url + path.format(pk=passeport[0].pk))
    results = Axe().run(page)
    serious = [
        (violation["id"], violation["help"], [node["target"] for node in violation["nodes"]][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
