"""Parsing: a corpus file's bytes to an `Interview` (encodings and front matter, HTML article text, speaker labels,
metadata, whitespace repair and sentences, turns and passages with exact offsets), and the corpus folder."""
