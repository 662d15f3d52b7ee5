"""The web application and the HTTP API over the store: `create_app(settings)`.

Pages are rendered on the server; the API under /api/v1 returns the same records as JSON. Every
route is guarded by `auth.require(role)` (or marked `auth.public`), and the app refuses to start
when a route has no such guard.
"""

from testimonium.web.app import create_app
from testimonium.web.options import WebOptions

__all__ = ["WebOptions", "create_app"]
