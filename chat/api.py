"""POST /api/v1/ask — a question in, the laws, channels and guides that apply where the person lives out."""

from django.db import DatabaseError
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from chat.ask import UnknownJurisdiction, ask, ask_payload
from kb.api.params import JSONBooleanField, JSONCharField
from kb.api.serializers import OptionalUriField, UriField
from kb.jurisdictions import jurisdiction_graph

# What a question may not consist of only: every character Python's `str.strip()` removes, and U+FEFF,
# which JSON Schema's `\s` (ECMA-262) counts as a space and Python does not. The schema spells the set
# out: with `\s`, a question of "\x1c" was documented as valid and refused, one of "\ufeff" the reverse.
BLANK = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
BLANK += "\u2028\u2029\u202f\u205f\u3000\ufeff"
_BLANK_CLASS = r"\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
QUESTION_PATTERN = rf"^[^\x00]*[^\x00{_BLANK_CLASS}][^\x00]*$"


@extend_schema_field({"type": "string", "minLength": 1, "maxLength": 2000, "pattern": QUESTION_PATTERN})
class QuestionField(JSONCharField):
    """Text with something in it besides blanks (`BLANK`), and no NUL byte (the parser refuses those)."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not value.strip(BLANK):
            self.fail("blank")
        return value


class JurisdictionField(serializers.ChoiceField):
    """A published jurisdiction code, in any case; the schema lists them, read when it is served."""

    def __init__(self, **kwargs):
        super().__init__(choices=(), **kwargs)

    @property
    def choices(self) -> dict[str, str]:
        try:
            return {code: code for code in sorted(jurisdiction_graph().published)}
        except DatabaseError:  # `check --deploy` builds the schema where no database answers
            return {}

    @choices.setter
    def choices(self, value) -> None:
        """The choices are the published codes, whatever the constructor was given."""

    def to_internal_value(self, data):
        code = data.upper() if isinstance(data, str) else None
        if code not in jurisdiction_graph().published:
            self.fail("invalid_choice", input=data)
        return code


class AskInput(serializers.Serializer):
    question = QuestionField(
        max_length=2000, trim_whitespace=True, help_text="Free text, at most 2,000 characters. Never stored."
    )
    jurisdiction = JurisdictionField(
        required=False,
        help_text="A published code such as US-TX, FR, GB-EAW. Detected from the question when absent.",
    )
    minor = JSONBooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="True when the person shown is under 18. Detected when absent.",
    )

    def validate(self, attrs):
        unknown = set(self.initial_data) - set(self.fields)
        if unknown:
            raise serializers.ValidationError({name: "Unknown field." for name in sorted(unknown)})
        return attrs


class PlaceOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class JurisdictionOut(serializers.Serializer):
    code = serializers.CharField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    source = serializers.ChoiceField(choices=["given", "detected"], allow_null=True)
    alternatives = PlaceOut(many=True)


class LawHitOut(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    citation = serializers.CharField()
    jurisdiction = serializers.CharField()
    status = serializers.CharField()
    url = UriField()
    last_verified = serializers.DateField(allow_null=True)
    score = serializers.FloatField()


class ChannelHitOut(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    url = OptionalUriField(allow_blank=True)
    jurisdictions = serializers.ListField(child=serializers.CharField())
    score = serializers.FloatField()


class GuideHitOut(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    score = serializers.FloatField()


class AskOutput(serializers.Serializer):
    jurisdiction = JurisdictionOut()
    answer = serializers.CharField(
        help_text="Markdown composed from the records below; every line links its record."
    )
    needs = serializers.ListField(
        child=serializers.CharField(), help_text='["jurisdiction"] when we must ask where.'
    )
    laws = LawHitOut(many=True)
    channels = ChannelHitOut(many=True)
    guides = GuideHitOut(many=True)


class AskView(APIView):
    """Answer a question from the knowledge base, restricted to the asker's jurisdiction chain."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(request=AskInput, responses={200: AskOutput}, operation_id="ask")
    def post(self, request):
        if not isinstance(request.data, dict):
            return Response(
                {"detail": "Send a JSON object.", "code": "invalid"}, status=status.HTTP_400_BAD_REQUEST
            )
        data = AskInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            result = ask(**data.validated_data)
        except UnknownJurisdiction as exc:
            return Response(
                {"detail": str(exc), "code": "invalid", "errors": {"jurisdiction": [str(exc)]}}, status=400
            )
        response = Response(AskOutput(ask_payload(result)).data)
        response["Cache-Control"] = "no-store"
        return response
