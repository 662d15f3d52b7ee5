"""testimonium: turn human-rights reporting into traceable, cross-checked evidence records."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("testimonium")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

TOOL_NAME = "testimonium"
