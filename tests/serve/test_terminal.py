"""Text for a terminal (serve/terminal.py): JSON that carries no raw control character."""

from __future__ import annotations

import json

from proxywatch.serve.terminal import json_text


def test_json_text_escapes_what_json_leaves_raw_and_keeps_the_value():
    value = {"actor": "Red\u202eHand\x9b31m\x1b[0m", "lines": "one\u2028two", "name": "Ḥizb Allāh — كتائب"}
    text = json_text(value, indent=1)
    assert json.loads(text) == value
    for raw in ("\u202e", "\x9b", "\x1b", "\u2028"):
        assert raw not in text
    assert "\\u202e" in text and "\\u009b" in text and "Ḥizb Allāh — كتائب" in text  # other text stays as it is
