from django.apps import AppConfig


class PolicyConfig(AppConfig):
    """The policymakers' side: reads kb's published records, never writes them."""

    name = "policy"
    verbose_name = "Policy (compare, maps, data)"
