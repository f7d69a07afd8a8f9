"""The built book in headless Chromium (Debian's /usr/bin/chromium, driven by playwright):
no console errors, every image loads, Chinese search works, paragraph citations land on their
paragraph. Screenshots go to _build/screenshots/."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from conftest import toc_files

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
HTML = BUILD / "html"
SINGLE = BUILD / "singlehtml"
SHOTS = BUILD / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="/usr/bin/chromium is not installed"),
    pytest.mark.skipif(
        not (HTML / "book" / "intro.html").is_file(), reason="_build/html absent: run `make book`"
    ),
]

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves _build/ (html/ and singlehtml/ side by side). Browsers ask the origin's root for
    /favicon.ico whenever a page names none (the redirecting index.html doesn't), at a moment
    that varies; a deployed site serves html/ at the root, so /favicon.ico comes from there."""

    def translate_path(self, path):
        if path.split("?")[0] == "/favicon.ico":
            path = "/html/favicon.ico"
        return super().translate_path(path)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(Quiet, directory=str(BUILD))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


def open_page(browser, url: str):
    """Open url; return (page, console errors, page errors, failed requests)."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, errors, failed


def broken_images(page) -> list[str]:
    return page.evaluate(
        """() => Array.from(document.images)
              .filter(i => !(i.complete && i.naturalWidth > 0))
              .map(i => (i.currentSrc || i.src).slice(0, 80))"""
    )


def shot_name(doc: str) -> str:
    return doc.replace("/", "__")


@pytest.mark.parametrize("doc", ["index"] + toc_files())
def test_page_loads_without_console_errors_and_images_load(browser, server, doc):
    page, errors, failed = open_page(browser, f"{server}/html/{doc}.html")
    try:
        assert errors == [], errors
        assert [u for u in failed if u.startswith(server)] == []
        assert broken_images(page) == []
        if doc.startswith("notebooks/"):
            n = page.evaluate(
                "() => document.querySelectorAll('img[src^=\"data:image/png\"]').length"
            )
            assert n > 0, f"{doc}: no figure"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{shot_name(doc)}.png"), full_page=True)
    finally:
        page.close()


def test_single_page_shows_every_figure(browser, server):
    if not (SINGLE / "index.html").is_file():
        pytest.skip("_build/singlehtml/index.html absent: run `make book`")
    page, errors, _ = open_page(browser, f"{server}/singlehtml/index.html")
    try:
        assert errors == [], errors
        n = page.evaluate("() => document.querySelectorAll('img[src^=\"data:image/png\"]').length")
        assert n >= len([f for f in toc_files() if f.startswith("notebooks/")])
        assert broken_images(page) == []
        page.screenshot(path=str(SHOTS / "singlehtml.png"), full_page=False)
    finally:
        page.close()


def test_chinese_search_finds_musk(browser, server):
    page, errors, _ = open_page(browser, f"{server}/html/search.html?q=马斯克")
    try:
        page.wait_for_selector("#search-results ul.search li", timeout=20000)
        hits = page.locator("#search-results ul.search li").count()
        assert hits >= 3, hits
        titles = page.locator("#search-results ul.search li a").all_inner_texts()
        assert any("Source texts" in t for t in titles), titles
        assert errors == [], errors
        page.screenshot(path=str(SHOTS / "search-musk.png"), full_page=False)
    finally:
        page.close()


def test_clicking_a_paragraph_citation_lands_on_the_paragraph(browser, server):
    page, errors, _ = open_page(browser, f"{server}/html/book/intro.html")
    try:
        link = page.locator("a:has(.saga-para-cite)").first
        href = link.get_attribute("href")
        target = href.rsplit("#", 1)[1]
        link.click()
        page.wait_for_url(f"**/book/sources.html#{target}")
        para = page.locator(f"[id='{target}']")
        assert para.count() == 1
        box = para.bounding_box()
        assert box is not None and 0 <= box["y"] < 900, box
        label = para.locator(".saga-para-label").inner_text()
        assert "¶" in label
        assert errors == [], errors
        page.screenshot(path=str(SHOTS / "citation-landing.png"), full_page=False)
    finally:
        page.close()


def test_single_page_citation_stays_on_the_page(browser, server):
    if not (SINGLE / "index.html").is_file():
        pytest.skip("_build/singlehtml/index.html absent: run `make book`")
    page, _, _ = open_page(browser, f"{server}/singlehtml/index.html")
    try:
        link = page.locator("a:has(.saga-para-cite)").first
        target = link.get_attribute("href").rsplit("#", 1)[1]
        link.click()
        page.wait_for_url(f"**/singlehtml/index.html#{target}")
        box = page.locator(f"[id='{target}']").bounding_box()
        assert box is not None and 0 <= box["y"] < 900, box
    finally:
        page.close()
