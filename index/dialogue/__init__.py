"""Follow-up questions read with their conversation: how Chinese follow-ups are phrased (`phrasing`), what a
conversation remembers of each exchange (`turns`), which reading a follow-up gets (`choice`, fitted on the tuning
dialogues by benchmarks/dialogues.py) and the layer that reads it over the Searcher (`followups`). No I/O but the
fitted numbers read once (followup.json); details: docs/search.md, "Follow-up questions"."""
