import json as jsonlib
import sys

from django.core.management.base import BaseCommand, CommandError

from chat.ask import UnknownJurisdiction, ask, ask_payload
from kb.search.engine import engine_get


class Command(BaseCommand):
    help = "Ask the knowledge base a question. `ask -` reads one question per line and prints JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("question", help='the question, or "-" to read questions from standard input')
        parser.add_argument(
            "--jurisdiction", help="a code such as US-TX (detected from the question if absent)"
        )
        parser.add_argument("--minor", action="store_true", default=None, help="the person shown is under 18")
        parser.add_argument("--json", action="store_true", help="print the JSON answer")

    def handle(self, *args, question, jurisdiction=None, minor=None, json=False, **options):
        engine_get().index(wait=True)  # a command waits for the index a server would build meanwhile
        if question == "-":
            for line in sys.stdin:
                if line.strip():
                    self.stdout.write(self._json(line.strip()[:2000], jurisdiction, minor))
            return
        if len(question) > 2000:
            raise CommandError("the question is longer than 2,000 characters")
        if json:
            self.stdout.write(self._json(question, jurisdiction, minor))
            return
        try:
            result = ask(question=question, jurisdiction=jurisdiction, minor=minor)
        except UnknownJurisdiction as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(result.answer)

    def _json(self, question, jurisdiction, minor) -> str:
        try:
            return jsonlib.dumps(
                ask_payload(ask(question=question, jurisdiction=jurisdiction, minor=minor)),
                ensure_ascii=False,
            )
        except UnknownJurisdiction as exc:
            raise CommandError(str(exc)) from None
