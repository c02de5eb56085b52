"""Player reconnect tokens: short JWTs (HS256) bound to one game.

A phone keeps its token and sends it in a `resume` frame after any disconnect. The token proves
"I am player `sub` of game `gid`" until `exp`. We pin the algorithm list to HS256 on decode
(so `alg: none` and algorithm confusion are refused), require every claim we rely on, and check
the game id ourselves. Refusing kicked players is the session's job: it asks the game core.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any, Final

import jwt

ALGORITHM: Final = "HS256"
DEFAULT_TTL_S: Final = 12 * 60 * 60  # a school day, so a token never outlives its game by much
_REQUIRED: Final = ["exp", "iat", "sub", "gid"]


def _b64(data: bytes) -> bytes:
    """base64url without padding, as JWS wants it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=")


_HEADER: Final = _b64(b'{"alg":"HS256","typ":"JWT"}')


class BadToken(Exception):
    """The token is not one we issued for this game, or it expired."""


class TokenSigner:
    """Issues and verifies player tokens with one secret (kept in the store's meta table)."""

    def __init__(self, secret: bytes) -> None:
        """`secret` must be at least 32 bytes (RFC 7518 asks HS256 keys to be >= 256 bits)."""
        if len(secret) < 32:
            raise ValueError("the signing secret must be at least 32 bytes")
        self._secret = secret

    def issue(
        self, game_id: str, player_id: str, ttl_s: int = DEFAULT_TTL_S, *, now: float | None = None
    ) -> str:
        """A token for `player_id` in `game_id`, valid for `ttl_s` seconds from `now`."""
        issued = int(time.time() if now is None else now)
        claims = {"sub": player_id, "gid": game_id, "iat": issued, "exp": issued + ttl_s}
        # The JWS compact form written directly (a third of pyjwt's cost, once per join);
        # `verify` still reads it with pyjwt, and the tests check pyjwt accepts it.
        signed = _HEADER + b"." + _b64(json.dumps(claims, separators=(",", ":")).encode())
        signature = hmac.digest(self._secret, signed, hashlib.sha256)
        return (signed + b"." + _b64(signature)).decode("ascii")

    def verify(self, token: str, game_id: str) -> str:
        """The player id in `token`; raises `BadToken` unless it is ours, unexpired, this game's."""
        if not isinstance(token, str) or not token or len(token) > 4096:
            raise BadToken("malformed token")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={"require": _REQUIRED, "verify_signature": True, "verify_exp": True},
            )
        except jwt.ExpiredSignatureError as exc:
            raise BadToken("token expired") from exc
        except jwt.InvalidTokenError as exc:
            raise BadToken(f"invalid token: {exc}") from exc
        sub, gid = claims.get("sub"), claims.get("gid")
        if not isinstance(sub, str) or not sub or not isinstance(gid, str):
            raise BadToken("invalid token claims")
        if gid != game_id:
            raise BadToken("token belongs to another game")
        return sub
