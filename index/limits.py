"""The bounds every front end and the core share: one place for each, so that the CLI, the web, the API and the bot
never disagree about what they accept."""

from __future__ import annotations

MAX_TOP_K = 50  # the most passages one answer shows (--top-k, ?top_k=, search.top_k)
MAX_CLAIM_CHARS = 2000  # a claim to check; longer ones are refused with a hint (the bot) or cut (the web)
MAX_DOCUMENT_CHARS = 100_000  # a text to check whole (pasted, uploaded, verify --file): longer is cut, and said so
