"""Question banks: YAML files authors write, loaded into validated, immutable models.

Call `load_bank(path)` to get a `Bank` or a `BankError` whose `problems` say what to fix and
where; `validate_paths` checks several files without raising (the `validate` command).
"""

from quizhost.bank.errors import BankError, BankFileError, Problem
from quizhost.bank.loader import (
    BankReport,
    check_bytes,
    check_file,
    check_text,
    load_bank,
    load_banks,
    validate_paths,
)
from quizhost.bank.textmatch import matches, normalize_answer

__all__ = [
    "BankError",
    "BankFileError",
    "BankReport",
    "Problem",
    "check_bytes",
    "check_file",
    "check_text",
    "load_bank",
    "load_banks",
    "matches",
    "normalize_answer",
    "validate_paths",
]
