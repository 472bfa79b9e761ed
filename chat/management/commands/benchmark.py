import shutil
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from chat.ask import ask
from chat.evaluation import benchmark as b
from chat.evaluation.metrics import questions_load, split_path
from kb.places import jurisdiction_detect
from kb.search.engine import engine_get
from kb.search.index import content_fingerprint, index_build


class Command(BaseCommand):
    help = "Print latency (in-process and HTTP), throughput, index build time and memory, on real and synthetic data."

    def add_arguments(self, parser):
        parser.add_argument("--queries", type=int, default=300, help="timed asks per measurement")
        parser.add_argument(
            "--synthetic", type=int, default=10_000, help="records in the synthetic corpus (0 to skip)"
        )

    def handle(self, *args, queries, synthetic, **options):
        out = self.stdout.write
        questions = questions_load(split_path("dev"))
        inputs = [(q.q, q.given) for q in questions]
        inputs = (inputs * (queries // max(1, len(inputs)) + 1))[:queries]
        out(f"Recourse benchmark — {time.strftime('%Y-%m-%d %H:%M')} — {len(questions)} distinct questions\n")

        started = time.perf_counter()
        engine = engine_get()
        engine.index()
        out(
            f"model load + index load: {time.perf_counter() - started:.2f} s; RSS {b.current_rss_mb():.0f} MB"
        )

        fresh = Path(tempfile.mkdtemp(prefix="recourse-bench-real-"))
        started = time.perf_counter()
        manifest = index_build(
            out_dir=fresh, embedder=engine.embedder, fingerprint=content_fingerprint(), force=True
        )
        out(
            f"index build, real content ({manifest['counts']['passages']} passages, "
            f"{sum(manifest['counts'][k] for k in ('law', 'channel', 'guide'))} records): "
            f"{time.perf_counter() - started:.2f} s"
        )
        shutil.rmtree(fresh, ignore_errors=True)

        seconds, mb = b.gazetteer_cold_load()
        out(f"gazetteer load (fresh process, disk cache): {seconds:.2f} s; +{mb:.0f} MB RSS")
        texts = [q for q, _ in inputs]
        out(b.time_calls("place detection", lambda text: jurisdiction_detect(text), texts).line())

        out("\nLatency (after warm-up):")
        out(
            b.time_calls(
                "ask, in-process", lambda item: ask(question=item[0], jurisdiction=item[1]), inputs
            ).line()
        )
        base, shutdown = b.http_server()
        try:
            out(
                b.time_calls(
                    "POST /api/v1/ask over HTTP", lambda item: b.http_ask(base, *item), inputs
                ).line()
            )
        finally:
            shutdown()
        out(f"RSS after the real-content runs: {b.current_rss_mb():.0f} MB (peak {b.peak_rss_mb():.0f} MB)")

        if synthetic:
            out(f"\nSynthetic corpus: {synthetic:,} records")
            passages = b.synthetic_passages(engine.index().passages, synthetic)
            seconds, folder = b.synthetic_build(engine.embedder, passages)
            out(f"index build, {synthetic:,} records: {seconds:.1f} s")
            out(
                b.synthetic_queries(engine.embedder, folder, [q for q, _ in inputs], min(queries, 300)).line()
            )
            shutil.rmtree(folder, ignore_errors=True)
        out(f"\nPeak RSS of this process (model loaded): {b.peak_rss_mb():.0f} MB")
