"""Issue 17: the compare page's CSV is in the offline export and its link works, offline and over http.

Why: legal teams work from the offline zip too; a link to a file the zip lacks
would fail only for them. Over http the link downloads the same bytes the build
wrote (the `download` attribute keeps the reader on the page).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser
from treesite.render import COMPARE_CSV

from tests.browser.conftest import LOCAL_PREFIXES, Watched, new_watched
from tests.browser.test_offline import offline_zip, site  # noqa: F401  (session fixtures: the export and its unzipped copy)

LINK = f'.compare-csv a[href$="{COMPARE_CSV}"]'


def rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_zip_holds_the_csv(offline_zip: Path) -> None:  # noqa: F811
    with zipfile.ZipFile(offline_zip) as zf:
        assert COMPARE_CSV in zf.namelist()
        table = rows(zf.read(COMPARE_CSV))
    assert table[0][:2] == ["Answer page", "Path"]
    assert len(table) > 1


def test_the_compare_page_links_the_file_from_file_url(watched: Watched, site: Path) -> None:  # noqa: F811
    """Opened from file://, the link on the compare page points at the file beside it in the export."""
    page = watched.page
    page.goto((site / "compare.html").resolve().as_uri())
    link = page.locator(LINK)
    link.wait_for()
    href = link.evaluate("a => a.href")
    assert href.startswith("file:")
    target = Path(unquote(urlsplit(href).path))
    assert target.resolve() == (site / COMPARE_CSV).resolve() and target.is_file()
    watched.watcher.assert_clean()


def test_the_link_downloads_the_file_over_http(chromium_browser: Browser, site_url: str, built_site: Path) -> None:
    watched = new_watched(chromium_browser, allowed_prefixes=(site_url, *LOCAL_PREFIXES))
    page = watched.page
    try:
        page.goto(site_url + "compare.html")
        with page.expect_download() as download_info:
            page.locator(LINK).click()
        download = download_info.value
        assert download.suggested_filename == COMPARE_CSV
        path = download.path()
        assert path is not None
        assert Path(path).read_bytes() == (built_site / COMPARE_CSV).read_bytes()
        assert page.url == site_url + "compare.html"
        watched.watcher.assert_clean()
    finally:
        watched.context.close()
