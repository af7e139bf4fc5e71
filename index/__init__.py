"""The pure core of interview-qa: corpus parsing, embedding, the FAISS + BM25 index and search.

Nothing in this package imports telegram.
"""
