"""The web front end, in the bot's process: one Starlette app on uvicorn (`interview-qa serve`).

`app` builds the ASGI app and its lifespan (the Searcher opened once; the Telegram Application started inside it
when a token is set: polling, or a webhook route of this app); `pages` the public pages, `api` the JSON API,
`staff` the console behind a login, `views` the pure view models the templates draw, `security` the headers, the
limits and the staff session, `metrics` the Prometheus counters, `charts` the query-log charts (matplotlib SVG),
`uploads` the reading of uploaded texts, `server` uvicorn. Every user-facing string is in `bot.texts`.
"""
