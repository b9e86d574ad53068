"""Every sentence template the config and the engine write, for the translators and the tests.

It lives apart from config/messages.py because config/engine_messages.py imports that module.
"""

from __future__ import annotations

from lmstudio_app.config import engine_messages, messages
from lmstudio_app.config.messages import Template


def catalogue() -> list[Template]:
    """Every template of config/messages.py and config/engine_messages.py, in the order written."""
    return [value for module in (messages, engine_messages) for value in vars(module).values()
            if isinstance(value, Template)]
