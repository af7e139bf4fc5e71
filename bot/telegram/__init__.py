"""The Telegram front end: a python-telegram-bot 22 Application over the shared conversation.

`app` wires it and runs it (polling or webhook); `handlers` turns updates into conversation calls and cards into
messages; `state` is the typed bot data the handlers share; `batcher` runs searches in worker threads, batching
those that queue up; `transport` retries replies and survives unreadable updates; `redaction` keeps the token out of
every log line. Inside this package `import telegram` is python-telegram-bot (imports are absolute).
"""
