"""Probes written as victims type them, with places from the whole world, to check that detection
generalises beyond the evaluation's questions. Each expects a knowledge-base code, "GLOBAL" (a place
we have no records for, named), or "ask" (no confident answer: we must ask "Did you mean…?").

The most harmful mistake is answering for a wrong country, so a word that is only weakly a place
("Male", "Nice", "Split", "Sale", "Reading", "Mobile") must never become one by itself."""

import pytest

from kb.places import jurisdiction_detect

ASK = "ask"

PROBES = [
    # A word that is also a place, on its own or opening the message: never a country.
    ("Male. 16 years old. someone made a fake of me", ASK),
    ("Nice. thanks for the help, what do I do next", ASK),
    ("Split. my bf and I split and now he posts my pics", ASK),
    ("Sale. someone is selling my nudes online", ASK),
    ("Reading the law, is a deepfake illegal?", ASK),
    ("Mobile. a guy made a fake nude of me", ASK),
    ("Bath. he filmed me in the bath without consent", ASK),
    ("Police won't help me, what can I do", ASK),
    ("Victoria posted my nudes on instagram", ASK),
    ("I told Florence about the pictures and she cried", ASK),
    ("Chad keeps texting me fake nudes of myself", ASK),
    ("my friend Paris says I should go to the police", ASK),
    ("Hola, alguien publicó fotos falsas mías, qué hago", ASK),
    ("Bonjour, quelqu'un a publié des photos truquées de moi", ASK),
    ("Help. someone made deepfakes of me and I'm 15", ASK),
    ("Faith is my name and someone posted my photos", ASK),
    ("Sorry for my English, someone shared my photos", ASK),
    # Shared names without a qualifier: ask unless one place clearly dominates.
    ("I live in Georgia and my ex posted pics", ASK),
    ("I live in Córdoba", ASK),
    ("I'm in San José and someone leaked my photos", ASK),
    ("I live in Valencia", ASK),
    ("I live in Santiago", ASK),
    ("I live in Birmingham", ASK),
    # Shared names with a qualifier.
    ("I live in Córdoba, Argentina", "AR"),
    ("I live in Córdoba, Spain", "ES"),
    ("I'm in San José, Costa Rica", "CR"),
    ("Valencia, Venezuela", "VE"),
    ("Birmingham, Alabama", "US-AL"),
    ("Birmingham UK, my ex shared my nudes", "GB-ENG"),
    ("Perth, Western Australia", "AU-WA"),
    ("London, Ontario", "CA-ON"),
    # Cities and towns from the whole world, in English.
    ("I live in Nairobi and someone made a deepfake of me", "KE"),
    ("I'm from Lagos, someone is threatening to post my nudes", "NG"),
    ("im in manila and my ex leaked my pics", "PH"),
    ("I live in Mumbai, what are my options", "IN"),
    ("Someone in my class in Seoul made fake pictures of me", "KR"),
    ("I'm in Auckland", "NZ"),
    ("I live in Brisbane", "AU-QLD"),
    ("I live in Calgary", "CA-AB"),
    ("I'm a student in Austin Texas", "US-TX"),
    ("live in Glasgow, what can I do", "GB-SCT"),
    ("I live in Cape Town", "ZA"),
    # Spanish, French, Portuguese, German, Italian.
    ("Vivo en Bogotá y mi ex subió fotos mías", "CO"),
    ("Soy de Monterrey, me hicieron un deepfake", "MX-NLE"),
    ("vivo en buenos aires, un chico publicó fotos mías", "AR"),  # no city record: Argentina
    ("Vivo en Madrid y alguien creó imágenes falsas de mí", "ES"),
    ("J'habite à Lyon et mon ex a publié des photos de moi", "FR"),
    ("Je suis de Montréal, quelqu'un a partagé mes photos", "CA-QC"),
    ("J'habite à Bruxelles", "BE"),
    ("Moro em São Paulo e meu ex postou fotos minhas", "BR"),
    ("Moro em Lisboa", "PT"),
    ("Ich wohne in München und jemand hat Fotos von mir geteilt", "DE"),
    ("Ich lebe in Wien", "AT"),
    ("Vivo a Milano e il mio ex ha pubblicato foto", "IT"),
    ("Abito a Roma", "IT"),
    # Someone else's place, and the person's own.
    ("My ex lives in Texas but I live in Ontario", "CA-ON"),
    ("He is in Germany, I'm in France", "FR"),
    ("Mi ex vive en México pero yo vivo en España", "ES"),
    ("I'm not in the US, I live in Canada", "CA"),
    # Capitals and countries.
    ("Is this illegal in Japan?", "JP"),
    ("what are the deepfake laws in brazil", "BR"),
]


# Probes the detection still gets wrong (see the report in the commit that adds each); strict, so a fix
# that makes one pass must remove it from here.
KNOWN_MISSES = {
    "Sale. someone is selling my nudes online",
    "Mobile. a guy made a fake nude of me",
    "Bath. he filmed me in the bath without consent",
    "I'm in San José and someone leaked my photos",
    "I live in Birmingham",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(t, e, marks=pytest.mark.xfail(strict=True)) if t in KNOWN_MISSES else (t, e)
        for t, e in PROBES
    ],
)
def test_probe(kb_jurisdictions, text, expected):
    d = jurisdiction_detect(text)
    assert (d.code or ASK) == expected
