"""The editors' interface: draft → review → publish with diffs, verification, queues and suggestions.

records.py   the record lists and edit forms (edits to live records become revisions)
review.py    confirmation pages for each move, the revision (diff) page and revert
desk.py      the dashboard of queues, link checks, suggestions and withdrawals
translations.py  guide translations, read-only: they are files, loaded by load_content
forms.py     friendly widgets, sources as text, the change note and the edit token
kb/adminsite.py (outside this package, so that resolving the default site does not import it)
             holds the two-factor admin site, installed through kb.apps.RecourseAdminConfig
"""

from django.contrib import admin

from kb.admin import records, translations
from kb.admin.desk import LinkCheckAdmin, SuggestionAdmin, WithdrawalAdmin
from kb.admin.review import RevisionAdmin, VerificationCheckAdmin
from kb.models import LinkCheck, Revision, Suggestion, VerificationCheck, Withdrawal

admin.site.register(Revision, RevisionAdmin)
admin.site.register(VerificationCheck, VerificationCheckAdmin)
admin.site.register(LinkCheck, LinkCheckAdmin)
admin.site.register(Suggestion, SuggestionAdmin)
admin.site.register(Withdrawal, WithdrawalAdmin)

__all__ = ["records", "translations"]
