"""The ticket text ("Copy for ticket") reads at 14 px or more on a phone.

Why: an agent checks the text before pasting it into a reply. Inside Material's admonition
its code font came out at about 11 px on a phone (issue 24: 0.85 x 0.64rem); faq.css sets it.
"""

from __future__ import annotations

from playwright.sync_api import Browser

PHONE = {"width": 390, "height": 844}
MIN_PX = 14


def test_ticket_text_is_at_least_14px_on_a_phone(chromium_browser: Browser, site_url: str) -> None:
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(site_url + "a/aoai-global.html")
        page.locator("details.ticket > summary").click()
        text = page.locator("details.ticket pre > code").first
        size = float(text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        print(f"ticket text on a 390 px phone: {size:.1f} px")
        assert text.is_visible()
        assert size >= MIN_PX, f"the ticket text is {size:.1f} px on a phone, under {MIN_PX} px"
    finally:
        context.close()
