"""The index on disk and in memory: FAISS (the only faiss import), bm25s (the only bm25s import), the index folder
with its manifest, checksums and lock, and building or refreshing it from the corpus."""
