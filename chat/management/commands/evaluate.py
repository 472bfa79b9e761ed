from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chat.evaluation.metrics import (
    FLOOR,
    GATE,
    ORIGINAL_FLOOR,
    ORIGINAL_TEST,
    SPLITS,
    evaluate,
    gate_failures,
    questions_load,
    split_path,
)
from kb.search.engine import engine_get
from kb.search.retrieve import MODES


class Command(BaseCommand):
    help = (
        "Score the ask pipeline on a question set: dev (for tuning) or test (reported, gates make test); "
        "questions.yaml until the split files exist."
    )

    def add_arguments(self, parser):
        parser.add_argument("--split", choices=SPLITS, default="dev", help="which split to score")
        parser.add_argument("--questions", help="a YAML question set instead of a split")
        parser.add_argument("--modes", default="hybrid", help=f"comma-separated, from {', '.join(MODES)}")
        parser.add_argument("--misses", action="store_true", help="list what the first mode missed")
        parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
        parser.add_argument(
            "--gate", action="store_true", help="exit non-zero below the floor make test enforces"
        )

    def handle(
        self, *args, split, questions=None, modes="hybrid", misses=False, markdown=False, gate=False, **o
    ):
        path = Path(questions) if questions else split_path(split)
        modes = [m.strip() for m in modes.split(",") if m.strip()]
        if any(m not in MODES for m in modes):
            raise CommandError(f"modes must be among {MODES}")
        engine_get().index(wait=True)  # score real retrieval, not answers given while rebuilding
        items = questions_load(path)
        results = {mode: evaluate(items, mode=mode) for mode in modes}
        first = results[modes[0]]
        self.stdout.write(f"{len(items)} questions ({path.name})\n")
        if markdown:
            self.stdout.write("| metric | " + " | ".join(modes) + " | gate |")
            self.stdout.write("|---|" + "---:|" * len(modes) + "---|")
        else:
            self.stdout.write(f"{'metric':<24}" + "".join(f"{m:>10}" for m in modes) + "   gate")
        for metric in first.row():
            values = [results[m].row()[metric] for m in modes]
            fmt = (
                "{:.1f}"
                if metric.startswith("ms")
                else ("{:.0f}" if metric.startswith("Foreign") else "{:.3f}")
            )
            cells = ["n/a" if v is None else fmt.format(v) for v in values]
            rule = " ".join(str(x) for x in GATE[metric]) if metric in GATE else ""
            if markdown:
                self.stdout.write(f"| {metric} | " + " | ".join(cells) + f" | {rule} |")
            else:
                self.stdout.write(f"{metric:<24}" + "".join(f"{c:>10}" for c in cells) + f"   {rule}")
        failures = gate_failures(first)
        below_floor = gate_failures(first, FLOOR)
        self.stdout.write(
            "\nIssue 9 targets: " + ("met" if not failures else "NOT MET — " + "; ".join(failures))
        )
        if not questions and split == "test":
            original = evaluate(items[:ORIGINAL_TEST], mode=modes[0])
            row = original.row()
            below_floor += [f"original {ORIGINAL_TEST}: {f}" for f in gate_failures(original, ORIGINAL_FLOOR)]
            self.stdout.write(
                f"The original {ORIGINAL_TEST} test questions: jurisdiction {row['Jurisdiction accuracy']:.3f}, "
                f"foreign {row['Foreign-law answers']:.0f}, law@5 {row['Law@5']:.3f}, "
                f"roles {row['Channel-role coverage']:.3f}, ask on ambiguous {row['Ask on ambiguous']:.3f}"
            )
        self.stdout.write(
            "Floor (make test): " + ("passed" if not below_floor else "FAILED — " + "; ".join(below_floor))
        )
        if misses:
            self.stdout.write(f"\n{modes[0]} misses:")
            for line in first.misses:
                self.stdout.write(f"- {line}")
        if gate and below_floor:
            raise CommandError("evaluation below its floor: " + "; ".join(below_floor))
