from pathlib import Path

from django.core.management.base import BaseCommand

from chat.evaluation.metrics import QUESTIONS, evaluate, questions_load
from kb.search.engine import engine_get
from kb.search.retrieve import MODES


class Command(BaseCommand):
    help = "Score BM25 alone, dense alone and the hybrid on the repository's question set, side by side."

    def add_arguments(self, parser):
        parser.add_argument("--questions", default=str(QUESTIONS), help="a YAML question set")
        parser.add_argument("--misses", action="store_true", help="list the questions the hybrid missed")
        parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")

    def handle(self, *args, questions, misses=False, markdown=False, **options):
        engine_get().index(wait=True)  # score real retrieval, not answers given while rebuilding
        items = questions_load(Path(questions))
        results = {mode: evaluate(items, mode=mode) for mode in MODES}
        metrics = list(results["hybrid"].row())
        self.stdout.write(f"{len(items)} questions ({Path(questions).name})\n")
        if markdown:
            self.stdout.write("| metric | " + " | ".join(MODES) + " |")
            self.stdout.write("|---|" + "---:|" * len(MODES))
        else:
            self.stdout.write(f"{'metric':<24}" + "".join(f"{m:>10}" for m in MODES))
        for metric in metrics:
            values = [results[m].row()[metric] for m in MODES]
            fmt = "{:.1f}" if metric.startswith("ms") else "{:.3f}"
            cells = [fmt.format(v) for v in values]
            if markdown:
                self.stdout.write(f"| {metric} | " + " | ".join(cells) + " |")
            else:
                self.stdout.write(f"{metric:<24}" + "".join(f"{c:>10}" for c in cells))
        if misses:
            self.stdout.write("\nHybrid misses (expected record not in the top 5):")
            for line in results["hybrid"].misses:
                self.stdout.write(f"- {line}")
