"""The wire protocol v1 codec: client frames in, server frames out (docs/protocol.md)."""
