"""The dense side: FAISS inner product over L2-normalised vectors. The only module that imports faiss."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from index.errors import ConfigError

FAISS_TYPES = ("flat", "hnsw", "ivf")


def set_threads(threads: int) -> None:
    """FAISS's OpenMP threads; one query at a time is fastest on one (no fork-join per search)."""
    faiss.omp_set_num_threads(max(1, threads))


class VectorIndex:
    """Nearest passages by cosine; exact (`flat`) by default, `hnsw` or `ivf` for very large corpora."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "flat", hnsw_m: int = 32, ivf_lists: int = 1024) -> VectorIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        if kind == "flat":
            index: faiss.Index = faiss.IndexFlatIP(dim)
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.hnsw.efSearch = 128
        elif kind == "ivf":
            lists = max(1, min(ivf_lists, len(vectors) // 39))
            quantizer = faiss.IndexFlatIP(dim)
            index = faiss.IndexIVFFlat(quantizer, dim, lists, faiss.METRIC_INNER_PRODUCT)
            if len(vectors):
                index.train(vectors)
            index.nprobe = max(1, min(lists, 16))
        else:
            raise ConfigError(f"index.faiss_type must be one of {', '.join(FAISS_TYPES)}, not {kind!r}")
        if len(vectors):
            index.add(vectors)
        return cls(index)

    def search(self, query: np.ndarray, k: int, among: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(ids, cosines) of the `k` nearest rows to one normalised query vector, only among the rows `among`
        when it is given; ids of -1 (padding) are dropped."""
        if self.size == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        params = None
        if among is not None:
            params = self._search_parameters(faiss.IDSelectorBatch(np.ascontiguousarray(among, dtype=np.int64)))
        matrix = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        scores, ids = self._index.search(matrix, min(k, self.size), params=params)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def _search_parameters(self, selector: faiss.IDSelector) -> faiss.SearchParameters:
        """Search parameters that restrict the search to `selector`, keeping the index's own settings."""
        if isinstance(self._index, faiss.IndexHNSW):
            return faiss.SearchParametersHNSW(sel=selector, efSearch=self._index.hnsw.efSearch)
        if isinstance(self._index, faiss.IndexIVF):
            return faiss.SearchParametersIVF(sel=selector, nprobe=self._index.nprobe)
        return faiss.SearchParameters(sel=selector)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        return cls(faiss.read_index(str(path)))
