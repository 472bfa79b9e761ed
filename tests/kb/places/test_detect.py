"""Finding the place from free text, against the real jurisdiction files."""

import pytest

from kb.places import jurisdiction_detect, jurisdiction_from_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Someone posted a fake nude of me. I live in Paris, Texas.", "US-TX"),
        ("I'm in Houston", "US-TX"),
        ("deepfake law in TX?", "US-TX"),
        ("I live in Victoria, Australia", "AU-VIC"),
        ("Victoria, near Melbourne", "AU-VIC"),
        ("I live in Victoria, BC", "CA-BC"),
        ("New South Wales", "AU-NSW"),
        ("what are the laws in NSW", "AU-NSW"),
        ("I live in Scotland", "GB-SCT"),
        ("I'm in Northern Ireland", "GB-NIR"),
        ("I live in Jersey", "JE"),
        ("I live in New Jersey", "US-NJ"),
        ("Georgia, USA", "US-GA"),
        ("Portland, OR", "US-OR"),
        ("I'm in Washington state", "US-WA"),
        ("Washington, D.C.", "US-DC"),
        ("is it illegal in France", "FR"),
        ("Ich wohne in Deutschland", "DE"),
        ("someone in England shared my photos", "GB-ENG"),
        ("I live in London", "GB-ENG"),
        ("my son in Sydney", "AU-NSW"),
        ("Toronto", "CA-ON"),
        ("in Seoul", "KR"),
        ("España", "ES"),
        ("Is Spain's proposed offence in force?", "ES"),
        ("Can the B.C. tribunal order it removed?", "CA-BC"),
        ("I'm in the U.S.", "US"),
        ("im in tx and my ex is posting my pics", "US-TX"),
        ("im in the uk what do i do", "GB"),
        ("I'm in Miami", "US-FL"),
    ],
)
def test_it_finds_the_place(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_georgia_alone_is_ambiguous_and_offers_both(kb_jurisdictions):
    d = jurisdiction_detect("I live in Georgia")
    assert d.code is None and d.needs_jurisdiction
    assert {p.code for p in d.alternatives} == {"US-GA", "GE"}


def test_a_place_outside_the_knowledge_base_falls_back_to_global_and_says_so(kb_jurisdictions):
    d = jurisdiction_detect("I live in Greenland")
    assert d.code == "GLOBAL"
    assert "no records for Greenland" in d.note


@pytest.mark.parametrize(
    "text",
    [
        "my ex Austin is threatening to leak my nudes",
        "sorry for my english, someone made a porn video with my face",
    ],
)
def test_a_person_or_a_language_is_not_taken_for_a_place(kb_jurisdictions, text):
    assert jurisdiction_detect(text).code is None


def test_no_place_means_we_must_ask(kb_jurisdictions):
    d = jurisdiction_detect("someone made a fake nude of me")
    assert d.code is None and d.source is None and d.needs_jurisdiction


def test_a_residence_cue_beats_another_place_and_offers_it(kb_jurisdictions):
    d = jurisdiction_detect("I live in Texas but the man who posted it is in France")
    assert d.code == "US-TX"
    assert "FR" in [p.code for p in d.alternatives]


@pytest.mark.parametrize(("code", "expected"), [("us-tx", "US-TX"), ("FR", "FR"), ("GB-EAW", "GB-EAW")])
def test_a_given_code_is_taken_as_given(kb_jurisdictions, code, expected):
    d = jurisdiction_from_code(code)
    assert (d.code, d.source) == (expected, "given")


def test_an_unknown_code_is_refused(kb_jurisdictions):
    assert jurisdiction_from_code("XX-YY") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Someone in Kanpur made a video of me", "IN"),
        ("I live in Coventry and my ex shared my photos", "GB-ENG"),
        ("i live in tampines", "SG"),
        ("fresno. someone made nudes of me with AI", "US-CA"),
    ],
)
def test_a_city_nobody_typed_an_alias_for_is_found_in_the_gazetteer(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I live in Dublin, California", "US-CA"),
        ("Manchester, Connecticut", "US-CT"),
        ("Birmingham, Michigan", "US-MI"),
        ("Sydney, Ohio", "US-OH"),
        ("Glasgow, Kentucky", "US-KY"),
        ("Glasgow, KY", "US-KY"),
        ("Paris, Tennessee", "US-TN"),  # too small for the gazetteer: the qualifier itself decides
        ("Boston, Lincolnshire", "GB-ENG"),  # a county the knowledge base does not have still qualifies
        ("aurora il - my ex posted fakes of me", "US-IL"),
    ],
)
def test_a_qualifier_next_to_a_name_settles_a_famous_namesake(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"), [("Alexandria. someone posted photos", "EG"), ("I'm in Miami", "US-FL")]
)
def test_a_bare_city_goes_to_the_namesake_that_clearly_dominates(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "choices"),
    [
        ("Hamilton - someone shared pictures of me", {"CA-ON", "NZ"}),
        ("Springfield - someone posted my nudes", {"US-IL", "US-MA", "US-MO"}),
        ("Texas or California law?", {"US-TX", "US-CA"}),
    ],
)
def test_without_a_dominant_candidate_it_asks_with_the_top_choices(kb_jurisdictions, text, choices):
    d = jurisdiction_detect(text)
    assert d.code is None and d.needs_jurisdiction
    assert choices <= {p.code for p in d.alternatives}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("vivo en Alemanha", "DE"),
        ("vivo en Suiza y mi ex publicó fotos", "CH"),
        ("j'habite à Londres", "GB-ENG"),
        ("j'habite en Irlande du Nord", "GB-NIR"),
        ("ich wohne in München und mein Ex hat Bilder geteilt", "DE"),
        ("moro em São Paulo e vazaram minhas fotos", "BR"),
        ("Leipzig: Jemand hat mich heimlich unter dem Rock fotografiert", "DE"),
    ],
)
def test_place_names_in_other_languages_are_found(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "un montaje hecho con IA de mi cara",
        "hanno fatto un video porno con l'IA",
        "ils ont fait une vidéo avec l'IA",
        "qualcuno ha pubblicato mie foto intime, cosa posso fare?",
        "¿Cómo funciona el borrado de un vídeo sexual?",
        "Reading the law I found nothing",
        "grad student here, a guy from my cohort is threatening me",
    ],
)
def test_words_that_are_places_only_in_english_or_only_by_accident_are_not_places(kb_jurisdictions, text):
    assert jurisdiction_detect(text).code is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("not in Texas, I live in Ohio", "US-OH"),
        ("my abuser is in Ohio, I live in Texas", "US-TX"),
        ("he moved to Florida and posted my pics, I am in Georgia", "US-GA"),
        ("I don't live in Texas anymore, now I live in Ohio", "US-OH"),
        ("Toronto - my ex posted my nudes. is that criminal in canada", "CA-ON"),
    ],
)
def test_where_the_person_lives_beats_other_places_named(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_every_detection_carries_a_confidence_and_low_confidence_asks(kb_jurisdictions):
    sure, unsure = jurisdiction_detect("I live in Dublin, California"), jurisdiction_detect("Punjab")
    assert sure.confidence >= 0.9 and sure.code == "US-CA"
    assert (
        unsure.confidence < 0.6
        and unsure.code is None
        and {"IN", "PK"} <= {p.code for p in unsure.alternatives}
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [("ATL. my ex is sending my nudes around", "US-GA"), ("deepfake of me, I'm in SF", "US-CA")],
)
def test_a_large_city_s_short_name_counts_when_typed_in_capitals(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("nashville, guy at my job made deepfake porn of me. what's tennessee law", "US-TN"),
        ("he filmed me in car without asking, im in ballarat vic", "AU-VIC"),
    ],
)
def test_a_country_s_three_letter_code_typed_in_lower_case_is_a_word(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_country_code_that_is_a_word_counts_in_capitals_unless_the_message_is_shouted(kb_jurisdictions):
    assert jurisdiction_detect("Does US federal law cover AI-generated images?").code == "US"
    assert jurisdiction_detect("which US statute gives damages for shared intimate images?").code == "US"
    assert jurisdiction_detect("PLEASE HELP US HE POSTED MY PICS").code is None


def test_a_city_s_short_form_weighs_as_its_own_name(kb_jurisdictions):
    # "Stoke" is Stoke-on-Trent's short form (258,000 people), not an exonym: it outweighs Stoke, New Zealand.
    assert jurisdiction_detect("we're in Stoke. how do we get it taken down").code == "GB-ENG"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tulsa. a dude made a fake nude of me but i don't know if he shared it", "US-OK"),
        ("Mobile. a dude made a fake nude of me but i don't know if he shared it", "US-AL"),
        ("IA: me hicieron un deepfake y lo subieron a instagram", None),
        ("Reading the law, is a deepfake of me illegal?", None),
    ],
)
def test_a_city_named_alone_as_the_message_s_heading_counts_unless_it_is_among_the_commonest_words(
    kb_jurisdictions, text, code
):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("Male. 16 years old. someone made a fake of me", "MV"),
        ("Nice. thanks, what do I do next", "FR"),
        ("Split up with my ex. He posts my pics", "HR"),
        ("nice, thanks for that", "FR"),
    ],
)
def test_a_city_that_is_an_everyday_word_by_itself_is_offered_not_assumed(kb_jurisdictions, text, offered):
    d = jurisdiction_detect(text)
    assert d.code is None
    assert [p.code for p in d.alternatives] == [offered]


def test_an_everyday_word_city_still_counts_after_a_residence_cue(kb_jurisdictions):
    assert jurisdiction_detect("I live in Nice").code == "FR"


@pytest.mark.parametrize(
    "text",
    [
        "Jordan posted a fake nude of me",
        "Chad keeps sending my nudes to everyone in my class",
        "India said she would post my pics",
    ],
)
def test_a_place_name_doing_what_a_person_does_is_a_person(kb_jurisdictions, text):
    assert jurisdiction_detect(text).code is None


def test_a_country_doing_what_a_country_does_is_still_a_place(kb_jurisdictions):
    assert jurisdiction_detect("Australia says platforms must remove it within 24 hours?").code == "AU"


def test_a_small_town_typed_in_lower_case_after_i_live_in_is_not_taken_for_a_word(kb_jurisdictions):
    # "bay" is Bay, Laguna (33,000 people): answering for the Philippines would be another place's law.
    assert jurisdiction_detect("im in the bay area and my ex posted my pics").code is None
    assert jurisdiction_detect("i live in gulfport and my ex posted my pics").code == "US-MS"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("he wore a jersey when he filmed me", None),
        ("my ex is a turkey hunter and posted my pics", None),
        ("is there a texas law against deepfakes", "US-TX"),
        ("can an ohio court order removal", "US-OH"),
    ],
)
def test_a_place_name_in_lower_case_after_a_or_an_is_the_everyday_noun(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ellos irán a publicar mis fotos si no pago, qué hago?", None),
        ("Eu comprei um peru e ele tirou fotos minhas nua", None),
        ("Tenemos una cuba de agua y él me grabó", None),
        ("vivo en irán y mi ex publicó mis fotos", "IR"),
        ("mi ex subio mis fotos, vivo en mexico", "MX"),
    ],
)
def test_outside_english_a_lower_case_place_name_with_nothing_placing_it_is_a_word(
    kb_jurisdictions, text, code
):
    assert jurisdiction_detect(text).code == code


def test_a_shared_city_name_asks_when_the_runner_up_is_a_large_city_itself(kb_jurisdictions):
    # Córdoba, Argentina has six times the people of Córdoba, Spain, but Spain's is a city of 300,000.
    d = jurisdiction_detect("I live in Córdoba")
    assert d.code is None
    assert {"AR", "ES"} <= {p.code for p in d.alternatives}


def test_a_shared_city_name_goes_to_the_dominant_place_when_the_others_are_towns(kb_jurisdictions):
    assert jurisdiction_detect("I live in Bergen").code == "NO"


def test_a_well_known_town_whose_name_is_also_a_word_still_counts_as_a_namesake(kb_jurisdictions):
    # Bathurst, New Brunswick (12,000 people, 39 names in GeoNames) against Bathurst, New South Wales
    # (36,000): no clear winner, though "bathurst" is in the model's vocabulary.
    d = jurisdiction_detect("hi, I'm from Bathurst. someone hacked my icloud")
    assert d.code is None
    assert {"AU-NSW", "CA-NB"} <= {p.code for p in d.alternatives}
    assert jurisdiction_detect("I live in Bathurst NSW").code == "AU-NSW"
    # A town whose name is a word and that few name elsewhere is no rival: the choices stay the cities
    # (Milton, Florida, 10,000 people, does not push Milton, Georgia out of the five offered).
    assert "US-GA" in {p.code for p in jurisdiction_detect("I live in Milton").alternatives}
    assert "US-FL" not in {p.code for p in jurisdiction_detect("I live in Milton").alternatives}


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("im in cali", {"US-CA", "CO"}),
    ],
)
def test_a_city_alias_another_country_shares_is_weighed_as_a_city_not_assumed(
    kb_jurisdictions, text, offered
):
    d = jurisdiction_detect(text)
    assert d.code is None
    assert offered <= {p.code for p in d.alternatives}


def test_a_place_that_settles_by_itself_tells_which_country_a_shared_name_next_to_it_means(kb_jurisdictions):
    assert jurisdiction_detect("i live in Cali near San Diego. can i sue them").code == "US-CA"
    assert jurisdiction_detect("I live in Valencia, near Maracay").code == "VE"


def test_a_city_whose_name_is_also_a_language_counts_after_a_residence_cue(kb_jurisdictions):
    assert jurisdiction_detect("Abito a Roma").code == "IT"


def test_an_everyday_word_city_counts_when_the_message_is_in_its_country_s_language(kb_jurisdictions):
    assert (
        jurisdiction_detect("Nice. quelqu'un a publié des photos truquées de moi sur internet").code == "FR"
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I told Florence about the pictures and she cried", None),
        ("I asked Texas police and they did nothing", "US-TX"),
    ],
)
def test_a_name_told_or_asked_something_is_a_person_unless_a_legal_noun_follows(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "my ex in Sydney",
        "my ex is from Jamaica and he posted my nudes",
        "he moved to Florida and keeps posting my pics",
        "the guy who made the deepfake is in Russia",
    ],
)
def test_only_another_person_s_place_is_offered_not_assumed(kb_jurisdictions, text):
    d = jurisdiction_detect(text)
    assert d.code is None and d.needs_jurisdiction
    assert len(d.alternatives) == 1 and d.reason == "someone else's place"


def test_the_place_of_a_legal_action_against_someone_is_the_place_asked_about(kb_jurisdictions):
    assert jurisdiction_detect("Can I sue my ex in Texas for posting my private pics?").code == "US-TX"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I used to live in Texas but now I live in Oregon", "US-OR"),
        ("I grew up in Mexico, I live in Spain now", "ES"),
        ("Ich wohnte in Berlin, jetzt lebe ich in Wien", "AT"),
    ],
)
def test_a_former_home_is_not_where_the_person_lives(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "Madison took photos of me without consent",
        "Sydney created an AI nude of me and sent it around",
        "Dallas and I broke up and now he is posting my nudes",
        "Victoria y su novio subieron mis fotos",
        "I got a message from Jordan saying he has my nudes",
        "I watched the Paris Hilton documentary and the same happened to me",
    ],
)
def test_a_city_name_used_as_a_person_s_name_is_not_a_place(kb_jurisdictions, text):
    assert jurisdiction_detect(text).code is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("California made sexual deepfakes a crime, does that cover me?", "US-CA"),
        ("I live in Toronto and I am scared he will post more", "CA-ON"),
        ("I live in Paris Texas", "US-TX"),
        ("the Toronto Police did nothing", "CA-ON"),
        ("a message from Ireland's police", "IE"),
    ],
)
def test_a_place_doing_what_places_do_stays_a_place(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("London, ON, my ex shared my pics", "CA-ON"),
        ("Newcastle, NSW", "AU-NSW"),
        ("Sydney, NS", "CA-NS"),
    ],
)
def test_a_subdivision_s_postal_code_after_a_comma_qualifies_a_name(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_postal_code_that_is_a_word_counts_only_in_the_qualifier_slot(kb_jurisdictions):
    assert jurisdiction_detect("he posted it ON my wall").code is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Georgia (the country)", "GE"),
        ("i live in georgia the state", "US-GA"),
        ("vivo en Georgia, el país", "GE"),
    ],
)
def test_a_kind_named_after_a_shared_name_says_which_is_meant(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    "text",
    ["I live in South America", "I live in Asia", "vivo en Sudamérica", "I live in the Middle East"],
)
def test_a_continent_or_a_compass_word_is_not_a_place(kb_jurisdictions, text):
    assert jurisdiction_detect(text).code is None


def test_america_alone_is_still_the_united_states(kb_jurisdictions):
    assert jurisdiction_detect("I live in America").code == "US"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I live in Pheonix and my ex posted my pics", "US-AZ"),
        ("I live in Califronia", "US-CA"),
        ("I live in San Fransisco", "US-CA"),
        ("im from mancester", "GB-ENG"),  # GeoNames lists "Mancester" for Manchester, NH: a misspelling
        ("I live in Lynchberg and my ex posted my pics", "US-VA"),  # a city of 80,000
        ("im in chula vsta and my ex posted my pics", "US-CA"),  # two short words, one slip
    ],
)
def test_a_long_place_name_with_one_slip_after_i_live_in_is_that_place(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_misspelt_place_without_a_residence_cue_is_offered_not_assumed(kb_jurisdictions):
    d = jurisdiction_detect("Pheonix. my ex posted my pics")
    assert d.code is None and [p.code for p in d.alternatives] == ["US-AZ"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I live in Austria", "AT"),
        ("I live in Niger", "NE"),
        ("I live in Denial about what happened", None),
    ],
)
def test_real_names_and_real_words_are_never_corrected(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_lower_case_region_or_exonym_counts_after_a_residence_cue(kb_jurisdictions):
    assert jurisdiction_detect("ich wohne in bayern, was kann ich tun").code == "DE"
    assert jurisdiction_detect("abito a napoli, il mio ex ha pubblicato foto").code == "IT"
    assert jurisdiction_detect("vivo en guadalajara, jalisco y alguien hizo fotos").code == "MX-JAL"


def test_an_english_word_typed_without_a_city_s_accents_is_weighed_as_the_word(kb_jurisdictions):
    # "Sale" is Sale, England or Salé, Morocco (972,000): typed bare in English, Morocco counts a tenth.
    d = jurisdiction_detect("Sale. someone is selling my nudes online")
    assert d.code is None and {"GB-ENG", "MA"} <= {p.code for p in d.alternatives}


def test_a_heading_the_message_then_uses_as_a_word_is_its_topic(kb_jurisdictions):
    d = jurisdiction_detect("Bath. he filmed me in the bath without consent")
    assert d.code is None and [p.code for p in d.alternatives] == ["GB-ENG"]


@pytest.mark.parametrize(
    ("text", "offered"),
    [("I live in Columbus", {"US-OH", "US-GA"}), ("I'm in San José", {"US-CA", "CR"})],
)
def test_an_alias_shared_with_a_large_city_elsewhere_asks_unless_it_dominates(
    kb_jurisdictions, text, offered
):
    d = jurisdiction_detect(text)
    assert d.code is None and offered <= {p.code for p in d.alternatives}
    assert jurisdiction_detect("I live in Portland").code == "US-OR"  # 650,000 against 67,000


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("soy de Jalisco pero vivo en Monterrey desde hace años", "MX-NLE"),
        ("I'm from Lagos but I live in London", "GB-ENG"),
        ("I'm from Lagos, someone is threatening to post my nudes", "NG"),
        (
            "I moved from Phoenix to Albuquerque last year, and my ex back in Arizona just posted my nudes",
            "US-NM",
        ),
        ("originally from Kerala, now working in Abu Dhabi. someone back home is sharing pics of me", "AE"),
    ],
)
def test_where_the_person_lives_now_beats_where_they_come_from(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "Sydney from my work sent my nudes around the office, what do i do",
        "Nancy from HR says there's a fake nude of me going round the office",
    ],
)
def test_a_city_name_from_somewhere_doing_something_is_a_person(kb_jurisdictions, text):
    assert jurisdiction_detect(text).code is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("parkersburg. my ex posted a video of me on a porn site after we broke up", "US-WV"),
        ("corner brook. a guy shared a video of me without my consent", "CA-NL"),
        ("santiago de compostela. tengo 16 y un compañero ha subido un montaje mío", "ES"),
        ("our class of 2019 reunion group has a fake nude of me in it now. Bridgend", "GB-WLS"),
        ("help. my ex posted my pics", None),
    ],
)
def test_a_small_town_set_apart_as_heading_or_sign_off_counts_when_it_is_no_word(
    kb_jurisdictions, text, code
):
    assert jurisdiction_detect(text).code == code


def test_an_english_word_typed_without_a_country_s_accents_is_the_word(kb_jurisdictions):
    assert jurisdiction_detect("our class reunion group has a fake nude of me").code is None
    assert jurisdiction_detect("I live in Reunion").code == "FR"  # France's content lists Réunion


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("somos de Caguas, eso es federal crime?", "US"),  # Puerto Rico, among the United States' aliases
        ("vivo en Puerto Rico y mi ex publicó fotos", "US"),
        ("I live in Saint-Denis, Réunion and someone shared my pics", "FR"),
        ("I live in Aruba and my ex posted my pics", "GLOBAL"),  # no content for Aruba, and no owner
    ],
)
def test_a_territory_our_content_files_under_a_country_gets_that_country(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("il mio ex ha diffuso le mie foto intime nel gruppo degli amici. sono di Parma", "IT"),
        ("Parma. my ex posted my pics", None),  # Parma, Italy and Parma, Ohio: English says little
    ],
)
def test_the_message_s_language_chooses_among_namesakes_in_countries_that_speak_it(
    kb_jurisdictions, text, code
):
    assert jurisdiction_detect(text).code == code


def test_a_state_code_in_capitals_right_after_a_place_qualifies_it_without_a_comma(kb_jurisdictions):
    assert jurisdiction_detect("aurora CO. my ex keeps posting my private pics").code == "US-CO"


def test_a_qualifier_we_cannot_read_after_a_name_of_several_countries_asks(kb_jurisdictions):
    d = jurisdiction_detect("Sydney, Cape Breton. my ex posted my nudes on a website")
    assert d.code is None and {"AU-NSW", "CA-NS"} <= {p.code for p in d.alternatives}
    assert jurisdiction_detect("Sydney, I need help").code == "AU-NSW"


def test_a_qualified_name_is_not_qualified_again_by_the_next_place(kb_jurisdictions):
    text = "not Newcastle NSW, Newcastle upon Tyne. my ex put my nudes on a leak site"
    assert jurisdiction_detect(text).code == "GB-ENG"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("San Fernando, Trinidad. my ex shared a video of me", "TT"),  # Trinidad and Tobago
        ("St. John's, Antigua - a man posted naked pictures of me", "AG"),  # Antigua and Barbuda
        ("ich wohne in Norddeutschland. mein Ex hat ein Foto geschickt", "DE"),
        ("St. Gallen - mein Freund hat ein Video weitergeleitet", "CH"),  # Sankt Gallen
        ("Tlajomulco - mi ex subió un video", "MX-JAL"),  # Tlajomulco de Zúñiga, Jalisco (GeoNames 14)
        ("I live in St. John's", "CA-NL"),  # not Saint John, New Brunswick
    ],
)
def test_other_ways_to_write_a_place_s_own_name(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize("text", ["I'm in Latin America, what can I do", "I live in Eastern Europe"])
def test_a_part_of_a_continent_is_a_region_not_a_place(kb_jurisdictions, text):
    assert jurisdiction_detect(text).code is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A town of 5,000 to 15,000 people, set apart as the message's heading.
        ("Wagga Wagga. someone is using AI to make sexual pictures of me", "AU-NSW"),
        ("wagga wagga. someone is using AI to make sexual pictures of me", "AU-NSW"),
        ("Gander. my ex posted a video of me on a website", "CA-NL"),
        # A comma sets a lower-case name apart too.
        ("naas, co. kildare. lad i was seeing recorded us", "IE"),
        # … but not a word that opens a sentence.
        ("hi, my ex posted my pics", None),
        ("so, my ex posted my pics", None),
        ("Wagga Wagga is where my cousin lives, not me", None),
    ],
)
def test_a_name_set_apart_as_the_message_s_heading_is_where_the_person_is(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Scots and Jamaican "my" after the heading is no state's code.
        ("motherwell. ma ex put ma nudes on his snapchat story", "GB-SCT"),
        ("may pen. mi ex share mi pics pon whatsapp", "JM"),
        # A code right after a place, in the same sentence, still qualifies it.
        ("aurora il. my ex posted my pics", "US-IL"),
        ("lacey, wa. my ex posted my pics", "US-WA"),
    ],
)
def test_a_lower_case_code_qualifies_a_place_only_within_its_sentence(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_an_everyday_word_inside_a_lower_case_sentence_is_the_word(kb_jurisdictions):
    # "split" (Split, Croatia) and "york" inside the sentence are words, not places to weigh.
    d = jurisdiction_detect("carlisle. he moved to newcastle after we split but he keeps threatening me")
    assert "HR" not in {p.code for p in d.alternatives}
    assert (
        jurisdiction_detect("markham. im 22, international student at york. someone shared pics").code
        == "CA-ON"
    )
    assert jurisdiction_detect("im in kanpur and my ex posted my pics").code == "IN"


def test_a_name_that_is_mostly_a_word_is_not_offered_beside_a_place_named_outright(kb_jurisdictions):
    # Police, Poland (34,000 people) is not a choice next to Richmond Hill, even unsettled.
    d = jurisdiction_detect(
        "Richmond Hill. My son was sextorted and we've already called York Regional Police."
    )
    assert d.code is None
    assert "CA-ON" in {p.code for p in d.alternatives} and "PL" not in {p.code for p in d.alternatives}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I live in Bavaria and my ex posted my pics", "DE"),  # pycountry: "Bayern"
        ("Laufen in Bavaria. Someone made a deepfake porn of me", "DE"),
        ("I live in Lapland", "FI"),  # "Lappi"
        ("I live in Wallonia", "BE"),  # "wallonne, Région"
    ],
)
def test_a_subdivision_s_english_exonym_counts(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_twin_towns_joined_by_a_hyphen_share_the_residence_cue(kb_jurisdictions):
    # Albury is in New South Wales, Wodonga across the river in Victoria: ask which.
    d = jurisdiction_detect("live in albury-wodonga, someone made deepfake porn of me")
    assert d.code is None and {"AU-NSW", "AU-VIC"} <= {p.code for p in d.alternatives}


def test_a_state_is_not_folded_into_a_country_it_is_not_in(kb_jurisdictions):
    # "the Texas-Mexico border" names both places; it never means Mexico alone.
    assert jurisdiction_detect("I live in Texas-Mexico border town").code == "US-TX"
    # A city qualified by a country or a state code still is ("Mexico, Missouri": the town).
    assert jurisdiction_detect("Glasgow, KY - my ex put my nudes online").code == "US-KY"
    assert jurisdiction_detect("St. John's, Antigua - a man posted naked pictures of me").code == "AG"
    assert jurisdiction_detect("Mexico, Missouri").code == "US-MO"


def test_a_city_named_like_a_part_of_a_very_large_city_elsewhere_asks(kb_jurisdictions):
    # East London, South Africa, and the east of London: neither outweighs the other.
    d = jurisdiction_detect("i live in East London and someone is sharing a video of me")
    assert d.code is None and {"GB-ENG", "ZA"} <= {p.code for p in d.alternatives}
    assert jurisdiction_detect("East London, Eastern Cape. my ex shared my pics").code == "ZA"
    assert jurisdiction_detect("I live in North London").code == "GB-ENG"  # no city has that name


def test_a_region_of_unknown_population_is_not_outweighed_by_a_city_known_only_at_home(kb_jurisdictions):
    # Surrey, British Columbia (394,000 people) against the English county: asked. A city known the world
    # over still wins against a parish of its name (Portland, Oregon; Jamaica's Portland parish).
    d = jurisdiction_detect("I live in Surrey")
    assert d.code is None and {"CA-BC", "GB-ENG"} <= {p.code for p in d.alternatives}
    assert jurisdiction_detect("Portland").code == "US-OR"
    # Nor by a city of 180,000 (La Rioja, Argentina, against Spain's autonomous community).
    d = jurisdiction_detect("Estoy en La Rioja y mi ex publicó fotos mías")
    assert d.code is None and {"AR", "ES"} <= {p.code for p in d.alternatives}
    text = "PhD student at Surrey, based in Guildford. My ex-partner is threatening to share videos of me"
    assert jurisdiction_detect(text).code == "GB-ENG"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I live in Loch Garman and my ex shared a video of me", "IE"),  # Wexford, in Irish
        ("J'habite à Renaix et mon ex a publié des photos de moi", "BE"),  # Ronse, in French
        ("Ich wohne in Bozen, mein Ex hat Fotos von mir gepostet", "IT"),
        ("loch garman - my ex posted pics of me", "IE"),  # in lower case, as the message's heading
    ],
)
def test_a_smaller_town_s_name_in_another_language_of_its_country_counts(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_subdivision_s_name_in_lower_case_heads_a_message(kb_jurisdictions):
    # "Jujuy" is the province's own name and only another name of its capital city.
    assert jurisdiction_detect("jujuy. mi ex subio fotos mias a un grupo").code == "AR"
    # Another name of a city (Google, Kansas), in lower case, is still no place at the head of a message.
    assert jurisdiction_detect("google. my ex posted my pics").code is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The code of a subdivision of the city's own country, though it is a US state's code too.
        ("Dourados MS, meu ex postou fotos minhas", "BR"),  # Mato Grosso do Sul, not Mississippi
        ("Moro em Cascavel PR, meu ex postou", "BR"),  # Paraná, not Puerto Rico
        ("dourados ms, meu ex postou fotos minhas", "BR"),  # in lower case, ending the phrase
        ("juiz de fora mg, meu ex postou", "BR"),
        # A city of the state the code names keeps it.
        ("I'm in Springfield MO, my ex posted my pics", "US-MO"),
        ("i live in jackson ms, my ex posted my pics", "US-MS"),
    ],
)
def test_a_code_after_a_city_is_a_subdivision_of_the_city_s_country(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_place_that_is_a_word_of_the_message_s_language_stays_the_word(kb_jurisdictions):
    assert jurisdiction_detect("um campo grande e bonito, meu ex postou fotos").code is None


def test_a_town_too_small_for_the_city_list_is_weighed_against_its_namesake(kb_jurisdictions):
    # Ringwood, Hampshire (14,000 people, four names in GeoNames) against Ringwood, Victoria (19,000):
    # neither dominates, so we ask.
    d = jurisdiction_detect("Ringwood here, my ex posted my pics")
    assert d.code is None
    assert {"GB-ENG", "AU-VIC"} <= {p.code for p in d.alternatives}
    # A town known by its name only at home (two names or fewer) counts for a tenth of its people:
    # Prince Albert, Western Cape (13,000) does not outweigh Saskatchewan's (35,000).
    assert jurisdiction_detect("Prince Albert here. my ex posted my pics").code == "CA-SK"


@pytest.mark.parametrize(
    "text", ["Vivo en Madryn y mi ex subió fotos mías", "Estoy en Calafate y mi ex subió fotos mías"]
)
def test_the_last_words_of_a_town_s_name_that_geonames_lists_name_it(kb_jurisdictions, text):
    assert jurisdiction_detect(text).code == "AR"  # Puerto Madryn, El Calafate


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("je viens du 59 et mon ex a publié des photos de moi", "FR"),  # Nord
        ("ici au 971, un faux compte publie des montages de moi", "FR"),  # Guadeloupe
        ("j'habite dans le 2A et mon ex a publié des photos", "FR"),  # Corse-du-Sud
        # A date, an age, an amount: not a département.
        ("le rendez-vous est au 12 mai, mon ex a publié des photos", None),
        ("il me demande du 50 euros sinon il publie les photos", None),
        ("j'ai 16 ans et il a envoyé la photo au 15 de mes contacts", None),
        ("I live in the 93 and my ex posted my pics", None),  # only in French
    ],
)
def test_a_french_departement_by_its_number(kb_jurisdictions, text, code):
    assert jurisdiction_detect(text).code == code


def test_a_lower_case_word_that_names_a_town_is_the_town_after_i_live_in_and_now(kb_jurisdictions):
    # Swords, County Dublin (40,000 people): "swords" is a word, but not an everyday one.
    d = jurisdiction_detect("im from leeds originally but live in swords now. my ex posted my pics")
    assert d.code == "IE"
    # Everyday words stay words.
    assert jurisdiction_detect("im in therapy now and my ex posted my pics").code is None
    assert jurisdiction_detect("im in college now and my ex posted my pics").code is None
