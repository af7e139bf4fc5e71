"""The reader as a PyTorch module (build and training time only: imports torch, transformers and peft).

The shipped e5-small's lower `layers` transformer layers, LoRA adapters (peft) on their attention and feed-forward
matrices, the hidden states mean-pooled over the tokens and a linear head: one logit, "this window answers this
question". The adapter folder (index/reading/adapter/) holds peft's `adapter_config.json` and
`adapter_model.safetensors`, the head in `head.safetensors`, and `manifest.json` (reader.MANIFEST)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

if TYPE_CHECKING:
    import numpy as np

LORA_TARGETS = ("query", "key", "value", "dense")  # attention q/k/v/out and the feed-forward in/out of every layer
HEAD_FILE = "head.safetensors"


class Pooled(torch.nn.Module):
    """Transformer -> masked mean -> linear head -> one logit per row."""

    def __init__(self, transformer: Any, hidden: int) -> None:
        super().__init__()
        self.transformer = transformer
        self.head = torch.nn.Linear(hidden, 1)

    def forward(self, input_ids: torch.Tensor | None, attention_mask: torch.Tensor,
                inputs_embeds: torch.Tensor | None = None) -> torch.Tensor:
        hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                  inputs_embeds=inputs_embeds).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        return self.head(mean).squeeze(-1)


def load_base(folder: Path, layers: int) -> Any:
    """The e5-small transformer of the built-in model folder, cut to its lower `layers` layers, in float32."""
    import logging

    from transformers import BertModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    level = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # the unused upper layers and the missing pooler are expected
    try:
        model = BertModel.from_pretrained(str(folder), num_hidden_layers=layers, add_pooling_layer=False,
                                          local_files_only=True, attn_implementation="eager")
    finally:
        hf_logging.set_verbosity(level)
    logging.getLogger("transformers").setLevel(logging.ERROR)
    return model.float()


def with_lora(base: Any, rank: int, alpha: int, dropout: float) -> Any:
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(r=rank, lora_alpha=alpha, lora_dropout=dropout, target_modules=list(LORA_TARGETS),
                        bias="none")
    return get_peft_model(base, config)


def save_adapter(model: Pooled, folder: Path) -> None:
    """peft's adapter files and the head, into `folder` (which must exist)."""
    from safetensors.torch import save_file

    model.transformer.save_pretrained(str(folder))
    save_file({k: v.detach().contiguous() for k, v in model.head.state_dict().items()}, str(folder / HEAD_FILE))


def load_merged(adapter: Path, base_folder: Path) -> Pooled:
    """The reader with its LoRA weights merged into the base (a plain transformer again), for export."""
    from peft import PeftModel
    from safetensors.torch import load_file

    manifest = json.loads((adapter / "manifest.json").read_text("utf-8"))
    base = load_base(base_folder, int(manifest["layers"]))
    merged = PeftModel.from_pretrained(base, str(adapter)).merge_and_unload()
    model = Pooled(merged, int(base.config.hidden_size))
    model.head.load_state_dict(load_file(str(adapter / HEAD_FILE)))
    return model.eval()


class FromEmbeddings(torch.nn.Module):
    """The reader from word embeddings on (the table lives outside the graph, index.reading.reader)."""

    def __init__(self, model: Pooled) -> None:
        super().__init__()
        self.model = model

    def forward(self, inputs_embeds: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(None, attention_mask, inputs_embeds)


def probabilities(model: Pooled, rows: list[list[int]]) -> np.ndarray:
    """The reader's probabilities on token-id rows, one at a time (no padding), in PyTorch."""
    import numpy as np

    out = []
    with torch.no_grad():
        for row in rows:
            ids = torch.tensor([row])
            out.append(float(torch.sigmoid(model(ids, torch.ones_like(ids)))[0]))
    return np.asarray(out)


def word_table(model: Pooled) -> torch.Tensor:
    return model.transformer.embeddings.word_embeddings.weight.detach()


def export_onnx(model: Pooled, path: Path) -> None:
    """The merged reader to ONNX (opset 17; inputs inputs_embeds, the word embeddings of the tokens, and
    attention_mask; output the logit), weights beside it in `<name>.data`."""
    import os
    import warnings

    import onnx

    table = word_table(model)
    sample = (table[torch.tensor([[0, 35, 2]])], torch.tensor([[1, 1, 1]]))
    module = FromEmbeddings(model).eval()
    temp = path.with_suffix(f".tmp-{os.getpid()}")
    weights = path.with_name(path.name + ".data")
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(module, sample, str(temp), input_names=["inputs_embeds", "attention_mask"],
                              output_names=["logit"],
                              dynamic_axes={"inputs_embeds": {0: "batch", 1: "tokens"},
                                            "attention_mask": {0: "batch", 1: "tokens"}, "logit": {0: "batch"}},
                              opset_version=17, dynamo=False)
        graph = onnx.load(str(temp))
        weights.unlink(missing_ok=True)
        onnx.save_model(graph, str(temp), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=weights.name, size_threshold=1024)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
