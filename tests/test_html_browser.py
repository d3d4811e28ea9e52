"""The HTML report and the editable fragment in a real browser: Debian's headless Chromium via Selenium.

What markup tests cannot show: that the error is painted in the error style, that the
timeline's points are laid out left to right on screen, that clicking one scrolls to its
words, that the layout fits a phone, and that the fix script edits a textarea correctly
(JavaScript strings count UTF-16 units, the offsets count code points).

Needs `apt-get install -y chromium chromium-driver` and selenium (the `test` extra); each
test skips saying which is missing. The driver path is given explicitly so Selenium Manager
never runs (it would try to download a driver); the flags keep Chromium off the network.
Screenshots go to each test's tmp_path, and also to $FACTLINT_SCREENSHOT_DIR when set.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from html_fixtures import seed_view

from factlint.shells.html import ArticleView, render_article, render_report, script, stylesheet

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1400",
)


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not os.access(path, os.X_OK):
            return f"{path} not found: install Debian's {package} (apt-get install -y chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    try:
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    except WebDriverException as error:
        pytest.skip(f"Chromium could not be started: {error.msg}")
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def save_screenshot(driver, tmp_path: Path, name: str, element=None) -> Path:
    target = tmp_path / name
    assert element.screenshot(str(target)) if element is not None else driver.save_screenshot(str(target))
    if folder := os.environ.get("FACTLINT_SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(target, Path(folder) / name)
    return target


def rgb(value: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", value)[:3])


def test_report_highlights_the_error_and_its_timeline_points_lead_to_the_text(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    report = tmp_path / "report.html"
    report.write_text(render_report([seed_view()], tool_version="test"), encoding="utf-8")
    browser.set_window_size(1280, 1400)
    browser.get(report.as_uri())

    mark = browser.find_element(By.CSS_SELECTOR, 'mark.error[data-start="19:58"]')
    assert mark.text == "Wednesday, October 1" and mark.is_displayed()
    assert rgb(mark.value_of_css_property("background-color")) == (0xFD, 0xE3, 0xE1)  # --fl-error-bg
    assert rgb(mark.value_of_css_property("border-bottom-color")) == (0xB3, 0x26, 0x1E)  # --fl-error
    assert mark.value_of_css_property("border-bottom-style") == "solid"

    timeline = browser.find_element(By.CSS_SELECTOR, 'svg.fl-timeline-svg[id$="-tl"]')
    items = {a.find_element(By.TAG_NAME, "text").text: a for a in timeline.find_elements(By.CSS_SELECTOR, "a.fl-tl-item")}
    shown = [items["#1 first met"], items["visit"], items["Wednesday, October 1"]]  # 2016-11, 2017, 2019-10-01
    assert all(item.is_displayed() for item in shown)
    left_of = "return arguments[0].querySelector('circle, rect').getBoundingClientRect().left"
    lefts = [browser.execute_script(left_of, item) for item in shown]
    assert lefts == sorted(lefts) and lefts[0] < lefts[1] < lefts[2]
    assert browser.find_element(By.CSS_SELECTOR, "g.fl-pub text").text == "published 2019-10-04"
    assert timeline.find_elements(By.CSS_SELECTOR, ".fl-conflict")
    assert browser.find_element(By.CSS_SELECTOR, 'svg[id$="-tlz"] .fl-conflict').is_displayed()  # the detail axis

    arrival = items["Wednesday, October 1"]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", timeline)
    before = browser.execute_script("return window.scrollY")
    arrival.find_element(By.TAG_NAME, "circle").click()
    target = arrival.get_dom_attribute("href").removeprefix("#")
    assert browser.execute_script("return location.hash") == f"#{target}"
    span = browser.find_element(By.ID, target)
    assert span.text == "Wednesday, October 1" and "fl-claim" in span.get_attribute("class")
    assert browser.execute_script("return document.querySelector(':target') === arguments[0]", span)
    assert browser.execute_script("return window.scrollY") < before  # back up from the timeline to the text
    top, height = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, window.innerHeight]", span
    )
    assert 0 <= top < height
    save_screenshot(browser, tmp_path, "report-after-clicking-october-1.png")
    save_screenshot(browser, tmp_path, "report-timeline.png", browser.find_element(By.CSS_SELECTOR, ".fl-timeline"))

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})  # print: one column, no scrollers
    try:
        assert browser.execute_script("return getComputedStyle(document.querySelector('.fl-article')).display") == "block"
        assert browser.execute_script("return getComputedStyle(document.querySelector('.fl-diags')).position") == "static"
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(base64.b64decode(browser.print_page()))
        assert pdf.read_bytes().startswith(b"%PDF")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    browser.set_window_size(390, 844)  # a phone: nothing wider than the screen but the timeline's own scroller
    browser.get(report.as_uri())
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert browser.find_element(By.CSS_SELECTOR, 'mark.error[data-start="19:58"]').is_displayed()
    save_screenshot(browser, tmp_path, "report-phone.png")
    browser.set_window_size(1280, 1400)


def fragment_page(tmp_path: Path, article: ArticleView, name: str) -> Path:
    """A stand-in for the service page: a textarea, the editable fragment, the CSS and the fix script."""
    page = tmp_path / name
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>fix</title>'
        f"<style>{stylesheet()}</style><script>{script()}</script></head><body>"
        '<textarea id="source" rows="8" cols="100"></textarea><div id="out">'
        f"{render_article(article, editable=True)}</div>"
        "<script>window.inputs = 0; const ta = document.getElementById('source');"
        f"ta.value = {json.dumps(article.source)}; ta.addEventListener('input', () => window.inputs++);"
        "factlintWireFixes(document.getElementById('out'), ta);</script></body></html>",
        encoding="utf-8",
    )
    return page


def click_fix(browser, label: str) -> None:
    from selenium.webdriver.common.by import By

    button = browser.find_element(By.CSS_SELECTOR, f'button.fl-apply[data-label="{html.escape(label)}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()


def textarea_value(browser) -> str:
    return browser.execute_script("return document.getElementById('source').value")


def test_apply_fix_edits_the_textarea(browser, tmp_path: Path) -> None:
    seed = seed_view()
    browser.get(fragment_page(tmp_path, seed, "fix.html").as_uri())
    click_fix(browser, "Tuesday, October 1")
    value = textarea_value(browser)
    assert "Duterte and his official delegation arrived in Moscow on Tuesday, October 1, for his second visit" in value
    start = seed.source.index("Wednesday, October 1")
    assert value == seed.source[:start] + "Tuesday" + seed.source[start + len("Wednesday") :]
    assert browser.execute_script("return window.inputs") == 1  # the service page re-checks on input
    assert browser.execute_script("return document.querySelector('button.fl-apply[data-label=\"Tuesday, October 1\"]').disabled")
    save_screenshot(browser, tmp_path, "fix-applied.png")


def emoji_article() -> ArticleView:
    source = "🎉👍🏽 Fans 🇵🇭 cheered.\nThe 🛬 delegation arrived on Wednesday, October 1, in 🇷🇺 Moscow."
    column = source.splitlines()[1].index("Wednesday") + 1

    def at(offset: int) -> dict:
        return {"line": 2, "column": column + offset}

    fixes = [
        {"label": "Tuesday, October 1", "edits": [{"replacement": "Tuesday", "path": "e.txt", "start": at(0), "end": at(9)}]},
        {"label": "Wednesday, October 2", "edits": [{"replacement": "2", "path": "e.txt", "start": at(19), "end": at(20)}]},
    ]
    diagnostic = {
        "path": "e.txt",
        "rule": "weekday-mismatch",
        "severity": "error",
        "message": "October 1, 2019 was a Tuesday, not a Wednesday",
        "start": at(0),
        "end": at(20),
        "text": "Wednesday, October 1",
        "note": "",
        "related": [],
        "suggestions": fixes,
    }
    return ArticleView("e.txt", source, (diagnostic,), {})


def test_apply_fix_counts_code_points_after_emoji(browser, tmp_path: Path) -> None:
    article = emoji_article()
    assert len(article.source.encode("utf-16-le")) // 2 > len(article.source)  # the two ways of counting differ here
    browser.get(fragment_page(tmp_path, article, "emoji.html").as_uri())
    click_fix(browser, "Wednesday, October 2")  # the later edit first: its offsets stay valid for the next
    click_fix(browser, "Tuesday, October 1")
    assert textarea_value(browser) == article.source.replace("Wednesday, October 1", "Tuesday, October 2")
    save_screenshot(browser, tmp_path, "fix-emoji.png")


def test_a_fix_is_refused_once_the_text_has_changed_under_it(browser, tmp_path: Path) -> None:
    article = emoji_article()
    browser.get(fragment_page(tmp_path, article, "stale.html").as_uri())
    browser.execute_script("const ta = document.getElementById('source'); ta.value = 'Edited. ' + ta.value;")
    click_fix(browser, "Tuesday, October 1")
    assert textarea_value(browser) == "Edited. " + article.source
    button = browser.execute_script("return document.querySelector('button.fl-apply[data-label=\"Tuesday, October 1\"]')")
    assert "fl-failed" in button.get_attribute("class") and not button.get_attribute("disabled")


# --- the wired views: a report written by `factlint check --format html`, and the service's page ---


def test_generated_report_highlights_the_error_and_draws_the_timeline(browser, tmp_path: Path) -> None:
    """The report file the command writes (not a hand-built view): the engine's own timeline, in a browser."""
    import io

    from selenium.webdriver.common.by import By

    from factlint.shells.cli import main

    report = tmp_path / "report.html"
    seed = Path(__file__).resolve().parents[1] / "seeds"
    assert main(["check", str(seed), "--no-cache", "--format", "html", "--output-file", str(report)], stdout=io.StringIO()) == 1
    browser.set_window_size(1280, 1400)
    browser.get(report.as_uri())
    mark = browser.find_element(By.CSS_SELECTOR, 'mark.error[data-start="19:58"]')
    assert mark.text == "Wednesday, October 1" and mark.is_displayed()
    assert rgb(mark.value_of_css_property("background-color")) == (0xFD, 0xE3, 0xE1)
    timeline = browser.find_element(By.CSS_SELECTOR, 'svg.fl-timeline-svg[id$="-tl"]')
    items = {a.find_element(By.TAG_NAME, "text").text: a for a in timeline.find_elements(By.CSS_SELECTOR, "a.fl-tl-item")}
    shown = [items["#1 first met"], items["visit"], items["Wednesday, October 1"]]  # 2016-11, 2017, 2019-10-01
    assert [item.get_dom_attribute("data-first") for item in shown] == ["2016-11-01", "2017-01-01", "2019-10-01"]
    assert all(item.is_displayed() for item in shown)
    left_of = "return arguments[0].querySelector('circle, rect').getBoundingClientRect().left"
    lefts = [browser.execute_script(left_of, item) for item in shown]
    assert lefts[0] < lefts[1] < lefts[2]
    save_screenshot(browser, tmp_path, "generated-report.png")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    """`factlint serve` on 127.0.0.1, started as a user would, stopped after the module."""
    import subprocess
    import sys
    import time
    import urllib.request

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        pytest.skip("the serve extra is not installed (pip install -e '.[test,serve]')")
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "factlint", "serve", "--port", str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url + "health", timeout=2) as response:
                if json.load(response)["status"] == "ok":
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"factlint serve did not start: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.25)
    yield url
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def test_service_page_checks_a_pasted_article_and_applies_a_fix(browser, service: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.ui import WebDriverWait

    seed = seed_view().source
    browser.set_window_size(1280, 1400)
    browser.get(service)
    wait = WebDriverWait(browser, 60)
    assert not browser.find_element(By.ID, "token-label").is_displayed()  # this server wants no token
    browser.find_element(By.ID, "live").click()  # as-you-type off: the Check button does the checking here
    browser.execute_script("document.getElementById('source').value = arguments[0]", seed)  # pasted
    browser.find_element(By.ID, "check").click()
    mark = wait.until(until.visibility_of_element_located((By.CSS_SELECTOR, 'mark.error[data-start="19:58"]')))
    assert mark.text == "Wednesday, October 1"
    assert rgb(mark.value_of_css_property("background-color")) == (0xFD, 0xE3, 0xE1)
    assert browser.find_element(By.ID, "status").text == "Checked: 1 error(s), 1 warning(s), 0 info."
    timeline = browser.find_element(By.CSS_SELECTOR, 'svg.fl-timeline-svg[id$="-tl"]')
    items = {a.find_element(By.TAG_NAME, "text").text: a for a in timeline.find_elements(By.CSS_SELECTOR, "a.fl-tl-item")}
    shown = [items["#1 first met"], items["visit"], items["Wednesday, October 1"]]
    assert [item.get_dom_attribute("data-first") for item in shown] == ["2016-11-01", "2017-01-01", "2019-10-01"]
    assert all(item.is_displayed() for item in shown)
    save_screenshot(browser, tmp_path, "service-checked.png")

    click_fix(browser, "Tuesday, October 1")
    start = seed.index("Wednesday, October 1")
    assert textarea_value(browser) == seed[:start] + "Tuesday" + seed[start + len("Wednesday") :]
    # the fix re-checks at once: the weekday error is gone, the day-count warning stays
    wait.until(until.invisibility_of_element_located((By.CSS_SELECTOR, 'mark.error[data-start="19:58"]')))
    wait.until(until.text_to_be_present_in_element((By.ID, "status"), "Checked: 0 error(s), 1 warning(s), 0 info."))
    assert "Tuesday, October 1" in browser.find_element(By.CSS_SELECTOR, ".fl-text").text
    save_screenshot(browser, tmp_path, "service-fixed.png")


def test_service_page_checks_as_you_type(browser, service: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(service)
    browser.execute_script("document.getElementById('date').value = '2019-10-04'")  # typing it depends on the locale
    browser.find_element(By.ID, "source").send_keys("They met on Monday, October 1.")  # no button pressed
    mark = WebDriverWait(browser, 60).until(until.visibility_of_element_located((By.CSS_SELECTOR, "mark.error")))
    assert (mark.text, mark.get_dom_attribute("data-start")) == ("Monday, October 1", "1:13")
    assert "published 2019-10-04 (--date)" in browser.find_element(By.CSS_SELECTOR, ".fl-counts").text
    save_screenshot(browser, tmp_path, "service-as-you-type.png")
