import random

from testimonium.connect.records import Decision, EntityRef
from testimonium.connect.resolve import blocking_keys, canonical_name, resolve


def refs(*specs):
    """(type, name, aliases...) tuples, one document each."""
    return [EntityRef(i, 100 + i, spec[0], spec[1], tuple(spec[2:])) for i, spec in enumerate(specs, 1)]


def together(clusters, *ids):
    return any(set(ids) <= set(c) for c in clusters)


def check_partition(clusters, entities):
    ids = [i for c in clusters for i in c]
    assert sorted(ids) == sorted(e.id for e in entities)


def test_spellings_scripts_and_court_style_are_one_person():
    es = refs(("person", "Sayragul Sauytbay", "Sauytbay", "she"), ("person", "Sairagul Sauytbay"),
              ("person", "Sayragul Sautbay", "Sautbay"), ("organization", "Sairagul Sauitbay"),
              ("person", "SAUYTBAY Sayragul"), ("organization", "Сайрагуль Сауытбай"),
              ("person", "Yerbol Sauytbayev", "Sauytbayev"))
    clusters = resolve(es)
    check_partition(clusters, es)
    assert together(clusters, 1, 2, 3, 4, 5, 6)
    assert not together(clusters, 1, 7)


def test_a_lone_surname_does_not_glue_two_people():
    es = refs(("person", "Timur Akhmetov"), ("person", "Akhmetov"), ("person", "Daulet Akhmetov"),
              ("person", "Akhmetov", "Timur Akhmetov", "Daulet Akhmetov"))
    clusters = resolve(es)
    assert not together(clusters, 1, 3)
    assert not together(clusters, 1, 2)


def test_lower_case_descriptions_of_people_do_not_link():
    es = refs(("person", "the defendant"), ("person", "the defendant"), ("person", "his brother"))
    assert resolve(es) == [[1], [2], [3]]


def test_surname_only_aliases_do_not_link_different_first_names():
    es = refs(("person", "Timur Akhmetov", "Akhmetov", "Mr Akhmetov"), ("person", "Daulet Akhmetov", "Akhmetov"))
    assert not together(resolve(es), 1, 2)


def test_an_alias_statement_links_a_spelling_no_measure_would():
    es = refs(("person", "Abzal Kuspanov", "Kuspanov"), ("person", "KUSPANOV Abzal"),
              ("person", "Abzal Quspan", "Quspan", "Abzal Kuspanov"), ("person", "Quspan", "Abzal Kuspanov"))
    assert together(resolve(es), 1, 2, 3, 4)


def test_an_initial_that_fits_two_people_links_neither():
    es = refs(("person", "Karlygash Zhumadilova"), ("person", "K. Zhumadilova"), ("person", "Kamila Zhumadilova"))
    clusters = resolve(es)
    assert not together(clusters, 1, 3)
    assert not together(clusters, 1, 2)
    assert together(resolve(es[:2]), 1, 2)


def test_groups_and_places():
    es = refs(("group", "Uyghurs"), ("group", "Uighurs"), ("group", "ethnic Uighur"),
              ("place", "Almaty"), ("place", "Almaty Region"), ("organization", "ALMATY"),
              ("place", "Kazakhstan"), ("place", "Republic of Kazakhstan"), ("organization", "Kazakhstan"),
              ("group", "Kazakhs"), ("place", "Kazakhstan", "Kazakhs"))
    clusters = resolve(es)
    assert together(clusters, 1, 2, 3)
    assert together(clusters, 4, 6)
    assert not together(clusters, 4, 5)
    assert together(clusters, 7, 8, 9, 11)
    assert not together(clusters, 10, 7)


def test_bodies_ministries_and_descriptions_stay_apart():
    es = refs(("organization", "United Nations"), ("organization", "UN"),
              ("organization", "UN Committee on the Elimination of Racial Discrimination"),
              ("organization", "Chinese foreign ministry"), ("organization", "Kazakh foreign ministry"),
              ("organization", "foreign ministry"), ("organization", "foreign ministry"),
              ("media", "RFE/RL"), ("media", "Radio Free Europe/Radio Liberty"))
    clusters = resolve(es)
    assert together(clusters, 1, 2)
    assert not together(clusters, 1, 3)
    assert not together(clusters, 4, 5)
    assert not together(clusters, 6, 7)
    assert together(clusters, 8, 9)


def test_an_abbreviation_shared_by_two_long_forms_links_to_neither():
    es = refs(("organization", "Steppe Wire Service"), ("organization", "SWS"), ("media", "SWS"),
              ("organization", "Silk Water Society"))
    clusters = resolve(es)
    assert not together(clusters, 1, 2)
    assert not together(clusters, 2, 4)
    assert not together(clusters, 1, 4)
    assert together(resolve(es[:3]), 1, 2, 3)
    assert together(resolve(es[1:3]), 2, 3)


def test_an_abbreviation_goes_to_a_long_form_that_dominates_its_block():
    es = refs(*[("organization", "United Nations")] * 12, ("organization", "Union of Notaries"),
              ("organization", "UN"), ("organization", "UN"))
    clusters = resolve(es)
    assert together(clusters, 1, 14, 15)
    assert not together(clusters, 13, 14)


def test_an_abbreviation_given_as_alias_reaches_the_long_form():
    es = refs(("media", "Tien Shan Press Agency", "TSPA"), ("organization", "TSPA"))
    assert together(resolve(es), 1, 2)


def test_country_abbreviations():
    es = refs(("place", "U.S."), ("place", "United States"), ("place", "the United States"), ("organization", "US"))
    assert together(resolve(es), 1, 2, 3, 4)


def test_types_that_cannot_be_confused_do_not_link():
    es = refs(("person", "Washington"), ("place", "Washington"), ("group", "Chinese"), ("place", "Chinese"))
    clusters = resolve(es)
    assert not together(clusters, 1, 2)
    assert not together(clusters, 3, 4)


def test_merge_decision_joins_what_evidence_would_not():
    es = refs(("person", "Gaukhar Bekova"), ("person", "Gaukhar Omarova"), ("person", "Omarova"))
    assert not together(resolve(es), 1, 2)
    clusters = resolve(es, [Decision("merge", 1, 2), Decision("merge", 2, 3)])
    assert together(clusters, 1, 2, 3)


def test_split_decision_beats_evidence_and_merges_even_transitively():
    es = refs(("person", "Sayragul Sauytbay"), ("person", "Sairagul Sauytbay"), ("person", "Sayragul Sautbay"),
              ("person", "Aidana Oralova"))
    clusters = resolve(es, [Decision("split", 1, 3)])
    check_partition(clusters, es)
    assert not together(clusters, 1, 3)
    # 2 could join either side, never both.
    assert not (together(clusters, 1, 2) and together(clusters, 2, 3))
    clusters = resolve(es, [Decision("merge", 1, 4), Decision("merge", 4, 3), Decision("split", 1, 3)])
    assert not together(clusters, 1, 3)


def test_split_between_identical_names():
    es = refs(("person", "Aidana Oralova"), ("person", "Aidana Oralova"), ("person", "Aidana Oralova"))
    clusters = resolve(es, [Decision("split", 1, 2)])
    check_partition(clusters, es)
    assert not together(clusters, 1, 2)
    assert len(clusters) == 2


def test_canonical_name_prefers_latin_and_normal_case():
    members = [EntityRef(1, 1, "person", "SAUYTBAY Sayragul", mention_count=4),
               EntityRef(2, 2, "person", "Сайрагуль Сауытбай", mention_count=9),
               EntityRef(3, 3, "person", "Sayragul Sauytbay", mention_count=2),
               EntityRef(4, 4, "person", "Sauytbay", mention_count=7)]
    assert canonical_name(members) == "Sayragul Sauytbay"


def test_variants_share_a_blocking_key():
    a, b, c = refs(("person", "Sayragul Sauytbay"), ("person", "SAUYTBAY Sairagul"),
                   ("organization", "Сайрагуль Сауытбай"))
    assert blocking_keys(a) & blocking_keys(b)
    assert blocking_keys(a) & blocking_keys(c)
    x, y = refs(("organization", "United Nations"), ("organization", "UN"))
    assert blocking_keys(x) & blocking_keys(y)


def _population(seed):
    rng = random.Random(seed)
    given = ["Aidana", "Timur", "Karlygash", "Serik", "Dinara", "Nurlan"]
    family = ["Oralov", "Bekmuratov", "Sauytbay", "Kuspanov", "Temirkhanov"]
    forms = [lambda g, f: f"{g} {f}", lambda g, f: f"{f.upper()} {g}", lambda g, f: f"{g[0]}. {f}",
             lambda g, f: f"{g.replace('i', 'y')} {f}", lambda g, f: f]
    orgs = ["United Nations", "UN", "Steppe Wire Service", "SWS", "Almaty", "Almaty Region", "Uighurs", "Uyghurs"]
    out = []
    for i in range(1, 301):
        if rng.random() < 0.6:
            g, f = rng.choice(given), rng.choice(family)
            out.append(EntityRef(i, i, "person", rng.choice(forms)(g, f)))
        else:
            name = rng.choice(orgs)
            out.append(EntityRef(i, i, "group" if name in ("Uighurs", "Uyghurs") else "organization", name))
    return out


def test_re_resolving_the_touched_blocks_gives_the_full_run_clusters():
    everything = _population(7)
    old, new = everything[:250], everything[250:]
    full = {i: frozenset(c) for c in resolve(everything) for i in c}
    before = {i: frozenset(c) for c in resolve(old) for i in c}
    new_keys = set().union(*(blocking_keys(e) for e in new))
    touched = {e.id for e in old if blocking_keys(e) & new_keys}
    # As the connect run does: whole earlier clusters of every touched entity come along, and
    # untouched entities keep their earlier clusters.
    touched = set().union(*(before[i] for i in touched)) | {e.id for e in new}
    after = dict(before)
    for cluster in resolve([e for e in everything if e.id in touched]):
        after.update({i: frozenset(cluster) for i in cluster})
    assert after == full
