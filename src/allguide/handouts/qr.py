"""QR codes for handouts: vector SVG made by segno."""

from __future__ import annotations

import segno


def qr_data_url(url: str) -> str:
    """An SVG QR code for `url` as a data: URL, so WeasyPrint needs no file for it."""
    return segno.make(url, error="m").svg_data_uri(scale=1, border=0)
