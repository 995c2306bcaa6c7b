"""Browser tests (Playwright + Debian chromium); a package so tests can import conftest helpers."""
