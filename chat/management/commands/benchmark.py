import shutil
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from chat.ask import ask
from chat.evaluation import benchmark as b
from chat.evaluation.metrics import questions_load, split_path
from kb.places import jurisdiction_detect
from kb.search.engine import engine_get
from kb.search.index import content_fingerprint, index_build
from kb.search.parallel import cores_available


class Command(BaseCommand):
    help = (
        "Print latency (in-process and HTTP, wall and CPU), throughput, index build time and memory, "
        "on the real content and on a synthetic corpus, as Markdown tables."
    )

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
        out(
            f"## Recourse benchmark — {time.strftime('%Y-%m-%d %H:%M')} — {len(questions)} distinct "
            f"questions, embedder {settings.RECOURSE_EMBEDDER}, {settings.RECOURSE_TORCH_THREADS} torch thread(s)\n"
        )

        started = time.perf_counter()
        engine = engine_get()
        engine.index(wait=True)
        load_seconds = time.perf_counter() - started
        loaded_rss = b.current_rss_mb()

        fresh = Path(tempfile.mkdtemp(prefix="recourse-bench-real-"))
        started, cpu = time.perf_counter(), time.process_time()
        manifest = index_build(
            out_dir=fresh, embedder=engine.embedder, fingerprint=content_fingerprint(), force=True
        )
        build_seconds, build_cpu = time.perf_counter() - started, time.process_time() - cpu
        shutil.rmtree(fresh, ignore_errors=True)
        records = sum(manifest["counts"][k] for k in ("law", "channel", "guide"))
        out("| measure | figure |\n|---|---:|")
        out(f"| model load + index load | {load_seconds:.2f} s (RSS {loaded_rss:.0f} MB) |")
        seconds, mb = b.gazetteer_cold_load()
        out(f"| gazetteer load (fresh process, disk cache) | {seconds:.2f} s, +{mb:.0f} MB RSS |")
        out(
            f"| index build, real content ({records} records, {manifest['counts']['passages']} passages; "
            f"one thread, as a server's own rebuild) | {build_seconds:.1f} s ({build_cpu:.1f} s CPU) |"
        )

        out("\nLatency (after warm-up):\n")
        out(b.Timing.HEADER)
        out(b.time_calls("place detection", lambda item: jurisdiction_detect(item[0]), inputs).row())
        ask_timing = b.time_calls(
            "`ask`, in-process", lambda item: ask(question=item[0], jurisdiction=item[1]), inputs
        )
        out(ask_timing.row())
        with b.http_server() as base:  # the rate limits are off for this server only
            out(
                b.time_calls(
                    "`POST /api/v1/ask` over HTTP", lambda item: b.http_ask(base, *item), inputs
                ).row()
            )
        out(f"\nRSS after the real-content runs: {b.current_rss_mb():.0f} MB (peak {b.peak_rss_mb():.0f} MB)")

        if synthetic:
            out(f"\nSynthetic corpus: {synthetic:,} records\n")
            passages = b.synthetic_passages(engine.index().passages, synthetic)
            processes = cores_available()
            build = b.synthetic_build(engine.embedder, passages, processes=processes)
            dense = build.manifest.get("dense", "flat")
            recall = build.manifest.get("dense_recall")
            out("| measure | figure |\n|---|---:|")
            out(
                f"| index build, {synthetic:,} records, embedding in {processes} process(es) as `build_index` "
                f"does | {build.seconds:.1f} s wall, {build.cpu_seconds:.1f} s CPU |"
            )
            out(
                f"| peak memory during that build (RSS, plus the embedding processes' unshared memory) "
                f"| {build.peak_rss_mb:.0f} MB |"
            )
            out(
                f"| dense index | {dense}"
                + (f", recall@10 {recall:.3f} against exact" if recall else "")
                + " |"
            )
            out("")
            out(b.Timing.HEADER)
            out(
                b.synthetic_queries(
                    engine.embedder, build.out, [q for q, _ in inputs], min(queries, 300)
                ).row()
            )
            shutil.rmtree(build.out, ignore_errors=True)
        out(f"\nPeak RSS of this process (model loaded): {b.peak_rss_mb():.0f} MB")
