"""Updates of one chat in order, different chats side by side.

PTB's default processes every update one after another, so one slow reply (a 429 wait,
a bad connection) holds up every other user. This processor lets updates of different
chats run concurrently while those of one chat still run strictly in arrival order:
each chat has a FIFO lock, taken in the order the updates arrive.

This is also what makes the guided flows (ConversationHandler, keyed by chat and user) safe
with concurrent updates: two updates of one conversation never run at the same time.
"""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class UrutanPerChat(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 64):
        super().__init__(max_concurrent_updates)
        self._kunci: dict[object, tuple[asyncio.Lock, int]] = {}

    @staticmethod
    def _chat(update: object) -> object:
        if isinstance(update, Update):
            if update.effective_chat is not None:
                return update.effective_chat.id
            if update.effective_user is not None:
                return ("user", update.effective_user.id)
        return None  # updates without a chat share one lane

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        kunci = self._chat(update)
        lock, n = self._kunci.get(kunci, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._kunci[kunci] = (lock, n + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, n = self._kunci[kunci]
            if n <= 1:
                del self._kunci[kunci]
            else:
                self._kunci[kunci] = (lock, n - 1)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
