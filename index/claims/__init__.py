"""Checking a claim against the record: quantities with units, framing ("据……介绍"), alignment of a claim with a
passage, stitching across passages, and the verdict (verbatim / differs / not_found)."""
