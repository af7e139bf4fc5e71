"""The conversation, front-end neutral: reply models (`replies`), what buttons and links carry (`actions`) and the
`Conversation` itself (per-user limits from `bot.ratelimit`); no telegram import and no I/O of its own."""
