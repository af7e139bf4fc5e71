"""The state that front ends keep between requests, behind one interface (`store.StateStore`) with two backends:
SQLite files (the default, embedded: one machine) and PostgreSQL (`INTERVIEW_QA_DATABASE_URL` or `state.url`: any
number of `serve` replicas share it). It holds the opt-in query log and feedback, the answer keys behind Telegram
buttons (with their owner and expiry), the staff sessions, the per-user and per-address rate-limit counters (a
`limits` storage of its own, moving window), the conversation context of follow-ups (a plug point), the index
generation that tells every replica to reload, and the lease of the one Telegram poller.

database.py  the two databases behind one small transaction API, and their versioned schemas
entries.py   expiring keyed values (answer keys, a chosen bureau, conversation contexts)
ratelimits.py  the `limits` moving-window storage over SQL
postgres_log.py  the query log and the staff sessions in PostgreSQL (SQLite keeps bot.querylog and bot.web.sessions)
store.py     StateStore: memory, SQLite and PostgreSQL; `open_state(config)`
"""
