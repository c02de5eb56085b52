"""The wire protocol v1 codec: client frames in, server frames out (docs/protocol.md).

This package owns every frame and every number a client must know: the protocol version sent
in `welcome` and `host_state`, and the application's own close codes.
"""

from typing import Final

#: The protocol version in `welcome` and `host_state`. It only changes if a frame or field
#: changes meaning; additions (new frames, fields, values) keep it, since clients ignore what
#: they do not know.
PROTOCOL_VERSION: Final = 1

#: Application close codes (4000-4999): a page that sees one must not reconnect.
CLOSE_REPLACED: Final = 4001  # the player connected again elsewhere
CLOSE_KICKED: Final = 4003  # the host kicked the player

__all__ = ["CLOSE_KICKED", "CLOSE_REPLACED", "PROTOCOL_VERSION"]
