"""The SQLite schema of a quizhost database, as a list of forward migrations.

`MIGRATIONS[n]` upgrades a database from schema version `n` to `n + 1`; the version lives in
`PRAGMA user_version`, so `SCHEMA_VERSION == len(MIGRATIONS)`. A later version only *appends* a
script here (never edits a shipped one), and every database ever written upgrades by running the
scripts it has not seen, in order, each in its own transaction.

`PRAGMA application_id` marks the file as ours, so an unrelated SQLite file that happens to have
tables is refused instead of being "migrated".
"""

from __future__ import annotations

from typing import Final

#: 'QHST' — written into the SQLite header so `file(1)` and quizhost can recognise the database.
APPLICATION_ID: Final = 0x51485354

_V1: Final = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB
);

CREATE TABLE games (
    id            TEXT PRIMARY KEY,
    pin           TEXT NOT NULL,
    bank_title    TEXT NOT NULL,
    bank_path     TEXT NOT NULL,
    bank_json     TEXT,
    seed          INTEGER NOT NULL,
    state         TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    ended_at_ms   INTEGER
);
CREATE INDEX games_unfinished ON games (created_at_ms) WHERE ended_at_ms IS NULL;

CREATE TABLE players (
    game_id      TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    joined_at_ms INTEGER NOT NULL,
    kicked       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (game_id, id)
);

CREATE TABLE questions (
    game_id      TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    bank_index   INTEGER NOT NULL,
    opened_at_ms INTEGER NOT NULL,
    deadline_ms  INTEGER NOT NULL,
    closed_at_ms INTEGER,
    PRIMARY KEY (game_id, idx)
);

CREATE TABLE answers (
    game_id      TEXT NOT NULL,
    question_idx INTEGER NOT NULL,
    player_id    TEXT NOT NULL,
    answer_json  TEXT NOT NULL,
    received_ms  INTEGER NOT NULL,
    elapsed_ms   INTEGER NOT NULL,
    correct      INTEGER,
    points       INTEGER NOT NULL,
    UNIQUE (game_id, question_idx, player_id),
    FOREIGN KEY (game_id, question_idx) REFERENCES questions (game_id, idx) ON DELETE CASCADE,
    FOREIGN KEY (game_id, player_id) REFERENCES players (game_id, id) ON DELETE CASCADE
);
CREATE INDEX answers_by_player ON answers (game_id, player_id);

CREATE TABLE commands (
    game_id      TEXT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    at_ms        INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    PRIMARY KEY (game_id, seq)
);
"""

# Version 2: the player cap a game was started with, so `--resume` keeps it.
_V2: Final = """
ALTER TABLE games ADD COLUMN max_players INTEGER;
"""

# Version 3: the rules a game is played by (`GameSettings` as JSON), so a replay uses them.
# NULL for games stored before: they replay under the default rules, as they were played.
_V3: Final = """
ALTER TABLE games ADD COLUMN settings_json TEXT;
"""

# Version 4: one durable row per answer. An accepted answer's journal entry (kind SubmitAnswer)
# carries its outcome (elapsed_ms, correct, points; bank_question in an assignment, whose
# answers are numbered by bank question), and `answers` becomes a view that reads it from
# there, so each answer is written once instead of twice. The rows written before stay, as
# they were, in the renamed table; the view shows both. An entry without `points` is from before
# version 4: its answer shows through its old row, or, if the live game took it back, not at all.
# json_extract rather than ->> so that older sqlite3 tools can still read the file.
_V4: Final = """
ALTER TABLE answers RENAME TO answers_before_v4;

CREATE VIEW answers (
    game_id, question_idx, player_id, answer_json, received_ms, elapsed_ms, correct, points, seq
) AS
SELECT game_id, question_idx, player_id, answer_json, received_ms, elapsed_ms, correct, points,
       NULL
  FROM answers_before_v4
UNION ALL
SELECT game_id,
       coalesce(json_extract(payload_json, '$.bank_question'),
                json_extract(payload_json, '$.question')),
       json_extract(payload_json, '$.player_id'),
       json_extract(payload_json, '$.answer'),
       at_ms,
       json_extract(payload_json, '$.elapsed_ms'),
       json_extract(payload_json, '$.correct'),
       json_extract(payload_json, '$.points'),
       seq
  FROM commands
 WHERE kind = 'SubmitAnswer' AND json_extract(payload_json, '$.points') IS NOT NULL;
"""

#: Forward migrations; index n takes a database from version n to n + 1.
MIGRATIONS: Final[tuple[str, ...]] = (_V1, _V2, _V3, _V4)

SCHEMA_VERSION: Final = len(MIGRATIONS)
