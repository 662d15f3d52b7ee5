"""One module per supported format; each reader is `(data: bytes, context) -> Document`."""
