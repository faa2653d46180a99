"""Name analysis: pure functions that turn a raw name into comparable forms.

`analyze_name` is the entry point; the other modules are its steps, usable alone.
"""

from pierce.names.analyze import NameForm, analyze_name
from pierce.names.text import clean_text, latin_key

__all__ = ["NameForm", "analyze_name", "clean_text", "latin_key"]
