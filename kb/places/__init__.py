"""Where someone lives: a gazetteer of the world's place names, detection and disambiguation.

Search and chat call `jurisdiction_detect` (free text) and `jurisdiction_from_code` (a code given).
This package imports nothing from chat.
"""

from kb.places.detect import CONFIDENT, Detection, Place, jurisdiction_detect, jurisdiction_from_code

__all__ = ["CONFIDENT", "Detection", "Place", "jurisdiction_detect", "jurisdiction_from_code"]
