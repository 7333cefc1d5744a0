"""Developer tools: the system check, benchmark, browser, screenshots, printed-page
rendering and reading level."""
