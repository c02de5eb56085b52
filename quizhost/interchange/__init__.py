"""Import and export: the quiz formats teachers already have, to and from question banks.

One adapter module per format turns a file into bank models (`quizhost.bank.models`) and a
bank back into a file: `kahoot` (Kahoot's .xlsx template), `table` (quizhost's CSV/TSV layout
and Quizlet's export), `gift`, `moodle_xml` and `aiken`. Adapters depend on the bank package
only; `command` runs them for `quizhost import`, `export` and `new`.
"""

from quizhost.interchange.model import Imported, Issue, Item, Place, UsageError

__all__ = ["Imported", "Issue", "Item", "Place", "UsageError"]
