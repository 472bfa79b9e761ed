"""Rules added after the third, blind round of evaluation questions (issue 9): each class the new
dev questions showed, tested on sentences of its own (not the evaluation's)."""

from __future__ import annotations

import pytest

from kb.places.detect import jurisdiction_detect


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Almaty-based NGO worker here, a client's photos were leaked", "KZ"),  # not Nagoya's airport code
        ("I'm an OSU student and my roommate filmed me", None),  # not Osu, Ghana
        ("NYC here, my ex posted my nudes", "US-NY"),
        ("LA-based actress, deepfake porn of me is everywhere", "US-CA"),
    ],
)
def test_capitals_that_are_acronyms_are_not_cities(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I'm on a small island where everyone knows everyone", None),  # "Island" is Iceland in German
        ("ich wohne in Island und jemand hat Nacktbilder geteilt", "IS"),
        ("I live in Alemania, someone shared my pics", "DE"),
    ],
)
def test_another_language_s_name_that_is_an_english_word_is_the_word_in_english(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Paducah here - a website has my nude picture up", "US-KY"),
        ("Prince Albert here. Can I sue someone for posting my pictures?", "CA-SK"),
        ("Cotonou ici, un faux compte publie des photos de moi", "BJ"),
        ("grad student here, a guy from my cohort is threatening me", None),
    ],
)
def test_a_name_followed_by_here_is_where_the_person_is(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("gander newfoundland, our son got sextorted last night", "CA-NL"),
        ("kalgoorlie WA, ex posted my nudes on a facebook group", "AU-WA"),
    ],
)
def test_a_qualifier_rescues_a_city_name_the_guards_turned_down(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I live in Mexico, Missouri (yes really). My ex posted my nudes.", "US-MO"),
        ("Peru, Indiana here, not the country lol. Someone made fake nudes of me", "US-IN"),
        ("I live in Colombia, Antioquia and my ex posted pics", "CO"),
    ],
)
def test_a_country_s_name_qualified_by_another_country_s_state_is_a_town_there(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "Rehoboth Beach. My ex posted nude photos of me online.",  # not Rehoboth, Namibia
        "We just moved to Punta del Este and a boy shared a photo of my daughter",  # not Este, Italy
    ],
)
def test_a_city_name_inside_a_longer_place_name_is_not_that_city(kb_jurisdictions, text):
    assert jurisdiction_detect(text).code is None


def test_a_namesake_hardly_anyone_names_does_not_outweigh_a_known_town(kb_jurisdictions):
    # Doncaster, Victoria is a suburb GeoNames knows by one name; Doncaster, England by many.
    assert jurisdiction_detect("im 23, in doncaster. is that even illegal").code == "GB-ENG"
    # Athlone, Cape Town has ten times the people of Athlone, Ireland, but no other name: ask, never ZA.
    assert jurisdiction_detect("Went to the guards in Athlone about my ex").code is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Con la ley 27.736 puedo pedir que un juez ordene bajar las fotos?", "AR"),
        ("¿la ley 19.580 cubre los montajes hechos con inteligencia artificial?", "UY"),
        ("Does IT Act 66E apply if he shared the video without consent?", "IN"),
        ("ho letto che si può fare una segnalazione al Garante privacy", "IT"),
        ("art. 197a CP : est-ce que ça s'applique aussi aux menaces ?", "CH"),
        ("Can the eSafety Commissioner make a site remove it? It's hosted in Russia I think", "AU"),
    ],
)
def test_a_law_or_service_named_by_number_initials_or_its_own_word_implies_the_place(kb_records, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_school_that_is_the_asker_s_workplace_does_not_make_a_colleague_a_minor():
    from kb.minors import minor_detect

    assert not minor_detect(
        "I teach at a middle school. A colleague told me a parent made a fake nude of her."
    )
    assert minor_detect("I teach at a middle school. A student told me a boy made a fake nude of her.")
    assert minor_detect("I teach at a high school and a colleague found a nude of a 15 year old")


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("My daughter Brooklyn (22) just found out her ex made AI porn of her", False),
        ("My daughter (15) just found out a boy made AI porn of her", True),
        ("I'm 20, the video is from when I was in high school", True),
        ("Schüler der 8. Klasse haben Bilder einer Mitschülerin erstellt", True),
        ("my son is 24 and his ex is blackmailing him", False),
    ],
)
def test_an_adult_age_stated_outweighs_family_words(text, minor):
    from kb.minors import minor_detect

    assert minor_detect(text) is minor


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("i run a moms facebook group in biddeford and someone is using AI to make nudes of us", "US-ME"),
        ("bruh someone made deepfakes of me on telegram, what do i do", None),
        ("ngl im so scared, my ex posted my nudes on snapchat smh", None),
    ],
)
def test_a_long_word_we_do_not_know_typed_in_lower_case_is_a_town(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Buongiorno, sono di Mendrisio, mio figlio è vittima di sextortion", "CH"),  # 7,000 people
        ("I live in Montpelier and my ex posted my nudes", "US-VT"),
        ("a guy from Mendrisio keeps messaging me", None),  # another person's town, and a small one
    ],
)
def test_a_small_town_counts_where_the_person_says_it_is_theirs(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Teacher here in Blacksburg. Two of my 8th graders came to me", "US-VA"),  # "here", not "her e"
        ("rutland vt. my ex shared a video of us with his hunting buddies", "US-VT"),
        ("i live in lacey wa but the ex who posted my pics lives in idaho falls now", "US-WA"),
        ("marine wife in kaneohe. someone made a fake nude of me", "US-HI"),
        ("Wir sind aus Wiener Neustadt. Wie bekomm ich das wieder aus dem Netz??", "AT"),
        ("Ich bin Deutsche, wohne aber in Malmö. Mein Ex in Flensburg hat Fotos hochgeladen.", "SE"),
        ("I'm from Kerala but working in Sharjah for 3 years now. My ex back home threatens me", "AE"),
        ("small town in cornwall so everyone knows everyone, and my ex has sent my pics round", "GB-ENG"),
        ("Parma. my ex posted my pics", None),  # a province named after its city is weighed as the city
    ],
)
def test_round_four_classes(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("does the abusive behaviour and sexual harm act cover threats to share?", "GB-SCT"),
        ("what damages can a victim recover under Civil Code section 1708.86?", "US-CA"),
        ("lei que el chantaje sexual esta en la ley 30096, es cierto?", "PE"),
    ],
)
def test_a_statute_named_in_lower_case_or_by_its_section_implies_its_place(kb_records, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "One of my students (she's 34) told me her husband will send naked photos of her",
            None,
        ),  # no "s. 34"
        ("Women's rights lawyer here. A client's video is in a Telegram channel", None),  # not a service
        (
            "my boyfriends ex made a fake porn video of me to break us up. smyrna",
            None,
        ),  # not İzmir's old name
        ("my husband is deployed in germany and says he'll post our videos. im home in hagerstown", "US-MD"),
        (
            "how do i get them off google. la crosse",
            "US-WI",
        ),  # "Google" is only another name of a Kansas city
    ],
)
def test_round_four_words_that_are_not_places(kb_records, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_region_gives_way_only_to_a_town_neither_famous_nor_large(kb_jurisdictions):
    # Canterbury, England (39 other names in GeoNames) against New Zealand's region: ask.
    d = jurisdiction_detect("canterbury based. a customer took photos up my skirt")
    assert d.code is None and {"GB-ENG", "NZ"} <= {p.code for p in d.alternatives}
    # Cornwall, Ontario (16 names, 49,000 people) gives way to the English county.
    assert jurisdiction_detect("small town in cornwall so everyone knows everyone").code == "GB-ENG"
    assert jurisdiction_detect("I live in Portland").code == "US-OR"  # not the Jamaican parish


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("my bd posted my nudes. we got a kid together and he did it to embarrass me", False),
        ("my ex is threatening to send my nudes to my kids school", False),
        ("mishawaka, 17. a guy online says hes gonna post my pics", True),
        ("lancs based, 23f. my ex screenshotted a pic i sent", False),
        ("I teach 10th grade and one of my students made a deepfake porn video of me", False),
        ("I teach 8th grade and a student told me a boy made a nude of her", True),
    ],
)
def test_children_who_are_not_the_person_shown_and_ages_written_online(text, minor):
    from kb.minors import minor_detect

    assert minor_detect(text) is minor


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("vivo en San Salvador", "SV"),  # not the Bahamas district: the city is also its department
        ("Pembroke, Pembrokeshire. I've found files on my husband's laptop", "GB-WLS"),  # "[Sir Benfro]"
        (
            "I live in Neustadt. My ex says he will put my photos online",
            "DE",
        ),  # not a Romanian city's other name
        ("I'm in Newbridge, Co. Kildare. Someone shared a sexual image of me", "IE"),
        ("guy from hinge says hes in nigeria and will send my pics unless i pay", None),
        ("i live in atlantic city and the creep who made the deepfake lives in philly", "US-NJ"),
        ("so my ex lives in buffalo now but im still in oakville and hes threatening me", "CA-ON"),
        ("he moved to Florida and posted my pics, I am in Georgia", "US-GA"),
        ("Moved from Spain to Portimão last year. In Spain I'd use the AEPD", "PT"),
    ],
)
def test_round_five_classes(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_known_smaller_namesake_is_weighed_so_we_ask(kb_jurisdictions):
    # Maryborough, Queensland (27,000) and Maryborough, Victoria (7,700, known under several names).
    d = jurisdiction_detect("fake nudes of me going round on snap. maryborough. what can i do")
    assert d.code is None and {"AU-QLD", "AU-VIC"} <= {p.code for p in d.alternatives}
    assert (
        jurisdiction_detect("I live in Mendrisio").code == "CH"
    )  # a town alone still needs the person's cue


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("is disclosing fabricated intimate images under RCW 9A.86.030 a felony?", "US-WA"),
        ("La. R.S. 14:73.14 — a man is selling AI nudes of me on a discord server", "US-LA"),
        ("is that an offence under s 91R crimes act", "AU-NSW"),  # inside "ss. 91N-91S"
        ("o art. 218-C do código penal vale se meu ex vazou meus nudes?", "BR"),
        ("art 612 ter codice penale: il mio ex ha mandato le mie foto intime", "IT"),
        ("One of my students (she's 34) told me her husband will send photos", None),
    ],
)
def test_a_statute_s_own_number_implies_its_place(kb_records, text, code):
    assert jurisdiction_detect(text).code == code


def test_section_numbers_read_the_longest_reading_and_ranges():
    from kb.places.names import section_numbers

    assert section_numbers("La. R.S. 14:73.14 (Act of 2024)") == {"14:73.14"}
    assert {"91n", "91r", "91s"} <= section_numbers("Crimes Act 1900 (NSW), Division 15C (ss. 91N-91S)")
    assert section_numbers("art. 612 ter") == section_numbers("art. 612-ter") == {"612-ter"}
    assert section_numbers("she's 34 and he's 36") == set()


def test_a_bill_s_number_implies_its_place(kb_records):
    assert jurisdiction_detect("what happened to Bill C-63 (Online Harms Act)?").code == "CA"
    assert jurisdiction_detect("did SB 413 pass?").code == "US-MT"  # the only SB 413 the content has


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("My ex, Jordan, has been posting my nudes from a burner account", None),
        ("not in ohio anymore, moved to kokomo last spring. my ex back there posted my pics", "US-IN"),
        ("I'm at uni in Manchester during term but home is Llandudno.", "GB-WLS"),
        ("Ich komme ursprünglich aus Graz, wohne aber seit zwei Jahren in Passau.", "DE"),
        ("Ladysmith, KZN. a fake nude of me made with an app is on twitter", "ZA"),
        ("My supervisor at the Georgia-Pacific mill made deepfake porn of me", None),
        ("I work as a housemaid somewhere in the Gulf. My employer took photos of me", None),
    ],
)
def test_round_six_classes(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_the_punjab_is_still_a_place(kb_jurisdictions):
    d = jurisdiction_detect("I live in the Punjab")
    assert d.code is None and {"IN", "PK"} <= {p.code for p in d.alternatives}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A lower-case city right after its own language's "in", "a", "à", "em".
        ("bin 16, jemand aus meiner schule in dortmund hat fake nacktbilder von mir gemacht", "DE"),
        ("ho 15 anni e a scuola a palermo girano foto fatte con l'ia di me", "IT"),
        ("jsuis a nantes et mon ex menace de publier mes photos", "FR"),
        # English keeps its article: the noun, not the place.
        ("he wore a jersey in the video he filmed of me", None),
        # Portuguese "no" is "in the", not a negation; Spanish "no vivo en" still is.
        ("tá no 2º ano em Campinas e uns meninos espalharam fotos dela", "BR"),
        ("no vivo en Texas, vivo en Ohio y mi ex subió mis fotos", "US-OH"),
        # A city signing off in lower case, though the search model's vocabulary has its name.
        ("someone posted a deepfake of me in our group chat. cornell, ithaca", "US-NY"),
    ],
)
def test_round_seven_classes(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_country_s_first_language_counts_untagged():
    from kb.places.gazetteer import country_languages

    assert "de" in country_languages("DE") and "pt" in country_languages("BR")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kids at my school in Aurora made AI nudes of me. What does Colorado's law say?", "US-CO"),
        ("I teach in Springfield. Does the Illinois deepfake law cover a photo a pupil edited?", "US-IL"),
    ],
)
def test_a_state_named_elsewhere_picks_the_namesake_inside_it(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_state_beats_a_large_city_hardly_named_abroad(kb_jurisdictions):
    """Santa Catarina: Brazil's state, or Cape Verde's municipality; not the Mexican city (one other name)."""
    d = jurisdiction_detect("I'm an exchange student living in Santa Catarina and my ex posted a video")
    assert d.code is None and "BR" in {p.code for p in d.alternatives}
    assert not any(p.code.startswith("MX") for p in d.alternatives)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Two names with several meanings that fit together one way only, in one state.
        ("I go to school in Columbus. What does the Georgia law say about deepfakes?", "US-GA"),
        # Not when one of them is another person's place.
        ("my ex moved to Georgia and I live in Columbus", None),
        # Another name of a large city in lower case after "in", when it is no word we know.
        ("my cousin in trivandrum says someone put her morphed pics on insta", "IN"),
        ("i searched in google and found my pics", None),
        # The Italian name of a province, in Italian, opening the message.
        ("Venezia, un ragazzo ha messo le mie foto su un sito", "IT"),
    ],
)
def test_names_that_settle_each_other(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_small_town_in_lower_case_after_i_live_in_in_its_own_language(kb_jurisdictions):
    """ "ich wohne in baden": Baden, Austria, or Baden, Switzerland (both under 50,000 people); asked."""
    d = jurisdiction_detect("ich wohne in baden und jemand erpresst mich mit intimen fotos")
    assert d.code is None and {"AT", "CH"} <= {p.code for p in d.alternatives}
