urlpatterns: list = [
    # Read endpoints (jurisdictions, laws, channels, guides, compare) and `ask` are added here.
]
