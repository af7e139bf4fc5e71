"""Search: evidence per candidate passage, fusion, English keywords, the "not found" rules and abstention model with
its calibration, and the `Searcher` with its lookups (passage, turn, bureaus)."""
