"""The websockets server: plain HTTP for the player page and QR code, limits, tokens."""
