"""Hybrid retrieval over the published knowledge base.

passages (records → text) · embedder (text → unit vectors) · dense (FAISS) · lexical (BM25)
· fuse (rank fusion) · index (build, save, swap, load) · engine (the loaded index, kept current).
"""
