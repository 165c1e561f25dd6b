"""The organisation network page in headless Chromium (Debian's chromium, driven by Playwright).

The page must draw every organisation, show a node's evidence on click, filter ties
by relation, find a node by its Chinese name, log no console error and ask for
nothing but itself.
"""

from __future__ import annotations

import json
import re

import pytest

from kg.files import load_dataset
from kg.rdf.namespaces import ID
from kg.store import RdflibStore

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
CNIPA = str(ID["org/cnipa"])


@pytest.fixture(scope="module")
def page_file(built_network):
    return built_network[1] / "org-network.html"


@pytest.fixture(scope="module")
def organisation_count(built_network):
    store = RdflibStore(load_dataset(built_network[1] / "graph.trig"))
    return len(store.query("SELECT DISTINCT ?o WHERE { ?o a org:Organization }").rows)


@pytest.fixture()
def browser_page(page_file):
    """(page, console errors, refused requests, every request) with the page loaded and drawn."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors, refused, requests = [], [], []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))

            def gate(route):
                url = route.request.url
                if url.startswith(("file:", "about:")):
                    route.continue_()
                else:
                    refused.append(url)
                    route.abort()

            page.route("**/*", gate)
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=20_000)
            yield page, errors, refused, requests
        finally:
            browser.close()


def click_node(page, node_id: str) -> None:
    """A real mouse click at the node's place on the canvas."""
    x, y = page.evaluate(
        """id => { const p = kgNetwork.canvasToDOM(kgNetwork.getPosition(id));
                   const r = document.getElementById('network').getBoundingClientRect();
                   return [r.left + p.x, r.top + p.y]; }""", node_id)
    page.mouse.click(x, y)


def test_page_draws_every_organisation_and_shows_evidence(browser_page, page_file, organisation_count, tmp_path):
    page, errors, refused, requests = browser_page
    assert organisation_count > 20
    assert page.evaluate("Object.keys(kgNetwork.getPositions()).length") == organisation_count
    assert page.evaluate("kgNetwork.body.nodeIndices.length") == organisation_count
    page.screenshot(path=str(tmp_path / "org-network.png"))

    click_node(page, CNIPA)
    details = page.locator("#details")
    details.locator("blockquote.evidence").first.wait_for(timeout=5_000)
    text = details.inner_text()
    assert "China National Intellectual Property Administration" in text and CNIPA in text
    assert "国家知识产权局" in text
    assert "intergovernmental agreement with the World Intellectual Property Organization" in text
    assert "2024-07-29-scio-press-conference-cnipa.txt" in text
    page.screenshot(path=str(tmp_path / "org-network-cnipa.png"))
    assert (tmp_path / "org-network.png").stat().st_size > 10_000

    assert errors == []
    assert refused == []
    assert requests == [page_file.as_uri()]


def test_hover_shows_names_and_iri(browser_page):
    page = browser_page[0]
    x, y = page.evaluate(
        """id => { const p = kgNetwork.canvasToDOM(kgNetwork.getPosition(id));
                   const r = document.getElementById('network').getBoundingClientRect();
                   return [r.left + p.x, r.top + p.y]; }""", CNIPA)
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "国家知识产权局" in tooltip.inner_text() and CNIPA in tooltip.inner_text()
    assert browser_page[1] == []


def test_relation_filter_and_search(browser_page, page_file):
    page, errors = browser_page[0], browser_page[1]
    data = json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>',
                                page_file.read_text(encoding="utf-8"), re.S).group(1))
    edges = [e["data"] for e in data["network"]["elements"]["edges"]]
    co_hosted = sum(1 for e in edges if e["relation"] == "coHosted")
    assert co_hosted > 0
    assert page.evaluate("kgNetwork.body.edgeIndices.length") == len(edges)
    page.locator("#relation-filter input[value=coHosted]").uncheck()
    assert page.evaluate("kgNetwork.body.edgeIndices.length") == len(edges) - co_hosted
    page.locator("#relation-filter input[value=coHosted]").check()
    assert page.evaluate("kgNetwork.body.edgeIndices.length") == len(edges)

    page.locator("#search").fill("国知局")
    assert page.locator("#search-status").inner_text() == "1 match"
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [CNIPA]
    assert CNIPA in page.locator("#details").inner_text()
    page.locator("#search").fill("no such organisation")
    assert page.locator("#search-status").inner_text() == "0 matches"
    assert errors == []
