"""The read-only web UI over a store (``newsweave serve``): stories, search, story and
article pages, each with a JSON twin at the same path plus ``.json``.

Example::

    from newsweave.webui import create_app
    app = create_app("news.sqlite")   # a Starlette app; serve it with uvicorn
"""

from newsweave.webui.app import create_app

__all__ = ["create_app"]
