"""The conversation, front-end neutral: reply models (`replies`), what buttons and links carry (`actions`), per-user
limits (`ratelimit`) and the `Conversation` itself; no telegram import and no I/O of its own."""
