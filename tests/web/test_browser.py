"""The application in a real browser (Debian's Chromium, driven by Playwright) against a real
uvicorn server: sign in, upload, search, open an entity's timeline, sign out; a viewer gets no
upload form and is refused the upload route. Screenshots of the main pages go to
docs/screenshots/ for the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from testimonium.store.views import date_sort_key
from tests.web import live
from tests.web.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("no browser: install Debian chromium: apt-get install chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NEWS = """Court in Taraz jails teacher Gulnara Bekova after she fled Xinjiang

By Daniyar Omarov

TARAZ (Steppe Courier) — A court in Taraz sentenced Gulnara Bekova, a teacher who fled Xinjiang, to six months in prison on March 12, her lawyer said.

Bekova crossed the border into Kazakhstan in January, according to her family. Police arrested Bekova in Taraz on February 3.

"She was forced to teach in a camp," her lawyer, Aidos Serikbayev, told reporters on March 13. He said Bekova would appeal the verdict.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = live.start(tmp_path_factory.mktemp("browser"))
    for name, role in {"ada": "admin", "eddie": "editor", "vera": "viewer"}.items():
        running.app.state.accounts.add_user(name, PASSWORD, role)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    yield page
    context.close()
    assert page.problems == [], f"the browser reported errors: {page.problems}"


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page, name: str) -> None:
    page.goto("/")
    sync_api.expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    sync_api.expect(page.get_by_role("heading", name="Documents", level=1)).to_be_visible()


def test_an_editor_uploads_finds_and_follows_a_document_to_an_entity_timeline(page, server, tmp_path):
    expect = sync_api.expect
    page.goto("/login")
    shoot(page, "login")
    sign_in(page, "eddie")

    news = tmp_path / "bekova.txt"
    news.write_text(NEWS, encoding="utf-8")
    page.get_by_role("link", name="Upload").click()
    page.get_by_label("Files").set_input_files(str(news))
    page.get_by_label("Publication date").fill("2019-03-14")
    page.get_by_label("Outlet").fill("Steppe Courier")
    page.get_by_role("button", name="Upload and extract").click()
    expect(page.get_by_role("status")).to_have_text("1 ingested, 0 already present, 0 failed.", timeout=120_000)
    shoot(page, "upload")

    page.get_by_role("link", name="Search").click()
    page.get_by_label("Words to find").fill("Bekova appeal")
    page.get_by_role("button", name="Search").click()
    title = "Court in Taraz jails teacher Gulnara Bekova after she fled Xinjiang"
    expect(page.locator("ol.hits mark").first).to_be_visible()
    shoot(page, "search")
    page.locator("ol.hits li.hit-document").get_by_role("link", name=title).click()

    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.locator("a.hl-claim").first).to_be_visible()
    shoot(page, "document")
    page.locator(".doc-text a.hl-entity", has_text="Gulnara Bekova").first.click()

    expect(page.get_by_role("heading", name=re.compile("Gulnara Bekova"), level=1)).to_be_visible()
    dates = page.locator("ol.timeline time").evaluate_all("items => items.map(item => item.getAttribute('datetime'))")
    assert dates == sorted(dates, key=date_sort_key) and {"2019-01", "2019-02-03", "2019-03-12"} <= set(dates)
    first = page.locator("ol.timeline > li").first
    expect(first).to_contain_text("January 2019")
    expect(first).to_contain_text("known to the month")
    shoot(page, "entity")

    # Upload ran the connect stage: the entity page links to what several sources say about her.
    page.get_by_role("main").get_by_role("link", name="Corroboration").click()
    expect(page.get_by_role("heading", name=re.compile("Corroboration: Gulnara Bekova"), level=1)).to_be_visible()
    page.locator("table a[href^='/events/']", has_text="sentence").first.click()
    expect(page.get_by_role("heading", name=re.compile("Sources: 1 independent of 1"))).to_be_visible()
    expect(page.locator("section.chain mark").first).to_be_visible()
    shoot(page, "event")

    page.get_by_role("link", name="Claims").click()
    expect(page.locator("ol.claims > li").first).to_be_visible()
    shoot(page, "claims")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto("/claims")
    expect(page).to_have_url(re.compile(r"/login\?next="))


def test_a_viewer_gets_no_upload_form_and_the_upload_route_refuses_them(page, server):
    sign_in(page, "vera")
    expect = sync_api.expect
    expect(page.get_by_role("link", name="Upload")).to_have_count(0)
    expect(page.locator("input[type=file]")).to_have_count(0)
    response = page.goto("/upload")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    page.problems.clear()  # the browser reports the expected 403 as a failed load
    expect(page.locator("input[type=file]")).to_have_count(0)
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    refused = page.request.post("/upload", multipart={
        "csrf_token": token, "files": {"name": "x.txt", "mimeType": "text/plain", "buffer": b"A note."}})
    assert refused.status == 403
    assert server.store.count() <= 1  # nothing stored by the viewer


def test_admin_pages(page, server):
    sign_in(page, "ada")
    shoot(page, "documents")
    page.get_by_role("link", name="Users").click()
    sync_api.expect(page.get_by_role("heading", name="Users")).to_be_visible()
    shoot(page, "admin-users")
    page.get_by_role("link", name="Custody log").click()
    page.get_by_role("button", name=re.compile("Verify every original")).click()
    sync_api.expect(page.get_by_role("heading", name="Verification passed")).to_be_visible()
    shoot(page, "custody")
