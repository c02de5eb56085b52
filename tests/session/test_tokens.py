"""Player tokens: only our own, unexpired, HS256 tokens for this game verify."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest

from quizhost.session.tokens import BadToken, TokenSigner

SECRET = b"s" * 64
OTHER = b"o" * 64


def _b64(obj: dict[str, object]) -> str:
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _claims(**override: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {"sub": "p1", "gid": "g1", "iat": now, "exp": now + 600}
    claims.update(override)
    return claims


def test_round_trip() -> None:
    """A token we issued verifies to its player id."""
    signer = TokenSigner(SECRET)
    assert signer.verify(signer.issue("g1", "p1"), "g1") == "p1"


def test_short_secret_is_refused() -> None:
    """HS256 keys shorter than 32 bytes are refused outright."""
    with pytest.raises(ValueError):
        TokenSigner(b"short")


def test_other_secret_is_refused() -> None:
    """A token signed with another secret (another server, a forger) is refused."""
    forged = TokenSigner(OTHER).issue("g1", "p1")
    with pytest.raises(BadToken):
        TokenSigner(SECRET).verify(forged, "g1")


def test_alg_none_is_refused() -> None:
    """A hand-made unsigned token (`alg: none`) is refused."""
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims())}."
    with pytest.raises(BadToken):
        TokenSigner(SECRET).verify(token, "g1")


def test_other_algorithm_is_refused() -> None:
    """A token with the right key but HS512 is refused: only HS256 is accepted."""
    token = jwt.encode(_claims(), SECRET, algorithm="HS512")
    with pytest.raises(BadToken):
        TokenSigner(SECRET).verify(token, "g1")


def test_expired_is_refused() -> None:
    """A token past its `exp` is refused."""
    signer = TokenSigner(SECRET)
    token = signer.issue("g1", "p1", ttl_s=60, now=time.time() - 3600)
    with pytest.raises(BadToken, match="expired"):
        signer.verify(token, "g1")


def test_other_game_is_refused() -> None:
    """A token of another game on this server is refused."""
    signer = TokenSigner(SECRET)
    with pytest.raises(BadToken, match="another game"):
        signer.verify(signer.issue("g0", "p1"), "g1")


@pytest.mark.parametrize("missing", ["exp", "sub", "gid", "iat"])
def test_missing_claim_is_refused(missing: str) -> None:
    """Each claim we rely on is required."""
    claims = _claims()
    del claims[missing]
    with pytest.raises(BadToken):
        TokenSigner(SECRET).verify(jwt.encode(claims, SECRET, algorithm="HS256"), "g1")


@pytest.mark.parametrize("bad", [{"sub": 5}, {"sub": ""}, {"gid": ["g1"]}])
def test_wrongly_typed_claims_are_refused(bad: dict[str, object]) -> None:
    """Claims of the wrong type are refused rather than trusted."""
    token = jwt.encode(_claims(**bad), SECRET, algorithm="HS256")
    with pytest.raises(BadToken):
        TokenSigner(SECRET).verify(token, "g1")


@pytest.mark.parametrize("junk", ["", "junk", "a.b.c", "....", "x" * 5000, "é.é.é"])
def test_junk_is_refused(junk: str) -> None:
    """Anything that is not a JWT is refused with BadToken, never another exception."""
    with pytest.raises(BadToken):
        TokenSigner(SECRET).verify(junk, "g1")


def test_tampered_payload_is_refused() -> None:
    """Changing the player id in a valid token breaks its signature."""
    header, _payload, signature = TokenSigner(SECRET).issue("g1", "p1").split(".")
    tampered = f"{header}.{_b64(_claims(sub='p2'))}.{signature}"
    with pytest.raises(BadToken):
        TokenSigner(SECRET).verify(tampered, "g1")


def test_an_issued_token_is_the_one_pyjwt_would_write() -> None:
    """Tokens are written without pyjwt (per join, it was the slow part) but byte for byte as
    pyjwt writes them, so any JWT library reads them."""
    signer = TokenSigner(SECRET)
    token = signer.issue("g1", "p1", 600, now=1_700_000_000)
    claims = {"sub": "p1", "gid": "g1", "iat": 1_700_000_000, "exp": 1_700_000_600}
    assert token == jwt.encode(claims, SECRET, algorithm="HS256")
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT"}
