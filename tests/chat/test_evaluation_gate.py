"""The evaluation gate: the held-out test split, with the real model, must meet issue 9's thresholds.

Tuning happens on dev (`manage.py evaluate --split dev`); this only reads test. The table is printed
whether it passes or not, so `make test` shows the figures.
"""

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.model
@pytest.mark.django_db
def test_the_held_out_split_passes_the_gate(settings, capsys):
    settings.RECOURSE_EMBEDDER = "minilm-int8"
    call_command("load_content", verbosity=0)
    with capsys.disabled():
        print("\n== evaluation gate (test split, real model)")
        try:
            call_command("evaluate", split="test", gate=True)
        except CommandError as error:
            pytest.fail(str(error))
