"""Reading: does this passage answer the question? A cross-encoder made from the shipped e5-small (LoRA adapters and
a small head, trained by benchmarks/train_reader.py and committed under `adapter/`), exported to ONNX by
`interview-qa model build` and run torch-free (`reader.py`) on a window of the passage's best sentences.

Importing this package imports nothing heavy: onnxruntime loads in reader.py, torch and peft in build.py only."""
