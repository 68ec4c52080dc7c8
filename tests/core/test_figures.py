"""Figures: extraction per sentence with values, and reconciliation across sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import reconciling
from tui.core.figures import extract_figures, group_figures, iso_duration
from tui.core.models import Article, Claim, Figure, FigureGroup, Sentence

REPO = Path(__file__).resolve().parents[2]


def make_article(article_id: str, lines: list[str], published: str | None = None) -> Article:
    """An article whose sentences are its lines (keeps these tests independent of segmenting)."""
    text = "\n".join(lines)
    sentences = []
    position = 0
    for index, line in enumerate(lines):
        sentences.append(
            Sentence(
                id=f"{article_id}#{index}",
                article=article_id,
                index=index,
                start=position,
                end=position + len(line),
                text=line,
                paragraph=index,
            )
        )
        position += len(line) + 1
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        source=article_id,
        title=None,
        url=None,
        published=published,
        language="en",
        text=text,
        sentences=tuple(sentences),
        boilerplate=(),
    )


def figures_of(sentence: str, published: str | None = "2024-10-24") -> list[tuple[object, ...]]:
    found = extract_figures((make_article("a", [sentence], published),))
    return [(f.text, f.value, f.value_max, f.kind, f.unit) for f in found]


EXTRACTION_CASES = [
    (
        "A magnitude 7.1 earthquake struck at a depth of 10km.",
        [("magnitude 7.1", 7.1, None, "measure", "magnitude"), ("10km", 10, None, "measure", "km")],
    ),
    (
        "The 7.1-magnitude quake hit the city.",
        [("7.1-magnitude", 7.1, None, "measure", "magnitude")],
    ),
    (
        "The death toll rose to 12, up from three.",
        [("12", 12, None, "count", None), ("three", 3, None, "count", None)],
    ),
    (
        "The bank cut rates by 25 basis points to 4.5%.",
        [("25 basis points", 25, None, "percent", "bp"), ("4.5%", 4.5, None, "percent", "%")],
    ),
    ("Inflation fell to 3.2 per cent.", [("3.2 per cent", 3.2, None, "percent", "%")]),
    (
        "It announced a £1.5 million fund and a $2bn loan.",
        [
            ("£1.5 million", 1_500_000, None, "money", "GBP"),
            ("$2bn", 2_000_000_000, None, "money", "USD"),
        ],
    ),
    ("Tens of thousands of people fled.", [("Tens of thousands", 10_000, None, "count", None)]),
    ("At least 1,200 homes were destroyed.", [("1,200", 1200, None, "count", None)]),
    ("Some 600 000 people left.", [("600 000", 600_000, None, "count", None)]),
    ("The firm will cut 10k jobs.", [("10k", 10_000, None, "count", None)]),
    ("About 1.5m residents were evacuated.", [("1.5m", 1_500_000, None, "count", None)]),
    (
        "Between 10,000 and 12,000 troops took part.",
        [("10,000 and 12,000", 10_000, 12_000, "count", None)],
    ),
    ("Six North Korean soldiers died.", [("Six", 6, None, "count", None)]),
    ("A dozen people were hurt.", [("A dozen", 12, None, "count", None)]),
    (
        "The war has gone on for two and a half years.",
        [("two and a half years", "P2Y6M", None, "duration", None)],
    ),
    ("Rescuers searched for 48 hours.", [("48 hours", "PT48H", None, "duration", None)]),
    ("Temperatures reached 45°C.", [("45°C", 45, None, "measure", "°C")]),
    ("It was the 70th anniversary.", [("70th", 70, None, "ordinal", None)]),
    ("It happened in 2019.", [("2019", 2019, None, "year", None)]),
    ("They sent 1500 troops.", [("1500", 1500, None, "count", None)]),
    ("It started in the 1990s.", [("1990s", 1990, 1999, "year", None)]),
    ("It was seen on October 23.", [("October 23", "2024-10-23", None, "date", None)]),
    ("It was seen on Oct. 4.", [("Oct. 4", "2024-10-04", None, "date", None)]),
    ("A parade on Sept. 9, 2018.", [("Sept. 9, 2018", "2018-09-09", None, "date", None)]),
    (
        "It ends on the 28th of October.",
        [("the 28th of October", "2024-10-28", None, "date", None)],
    ),
    ("It was on 23 October 2024.", [("23 October 2024", "2024-10-23", None, "date", None)]),
    (
        "They fight on October 27-28.",
        [("October 27-28", "2024-10-27/2024-10-28", None, "date", None)],
    ),
    ("The raid came in August.", [("August", "2024-08", None, "date", None)]),
    ("Prices peaked in July 2023.", [("July 2023", "2023-07", None, "date", None)]),
    ("He spoke last Thursday.", [("last Thursday", "2024-10-17", None, "date", None)]),
    ("He spoke on Monday.", [("Monday", "2024-10-21", None, "date", None)]),
    ("They met yesterday.", [("yesterday", "2024-10-23", None, "date", None)]),
    ("They met last week.", [("last week", "2024-W42", None, "date", None)]),
    ("The blast came at 4:30 a.m.", [("4:30 a.m.", "04:30", None, "date", None)]),
    ("Prices rose from 3 to 12.", [("3", 3, None, "count", None), ("12", 12, None, "count", None)]),
    ("Growth of 0.5-1% is forecast.", [("0.5-1%", 0.5, 1, "percent", "%")]),
    (
        "Unemployment rose 0.3 percentage points.",
        [("0.3 percentage points", 0.3, None, "percent", "pp")],
    ),
    (
        "They earned 4.2 billion dollars.",
        [("4.2 billion dollars", 4_200_000_000, None, "money", "USD")],
    ),
    ("It cut rates by a quarter point.", [("a quarter point", 0.25, None, "percent", "pp")]),
    ("It adds half a percentage point.", [("half a percentage point", 0.5, None, "percent", "pp")]),
    (
        "A 7.5-magnitude quake hit on New Year's Day.",
        [
            ("7.5-magnitude", 7.5, None, "measure", "magnitude"),
            ("New Year's Day", "2024-01-01", None, "date", None),
        ],
    ),
    ("The quake struck at 0710 GMT.", [("0710", "07:10", None, "date", None)]),
    ("Rates were held in a range of 5.25%-5.50%.", [("5.25%-5.50%", 5.25, 5.5, "percent", "%")]),
    ("Officials said 1.5m residents were evacuated.", [("1.5m", 1_500_000, None, "count", None)]),
    ("The S&P 500 rose 1.4%.", [("1.4%", 1.4, None, "percent", "%")]),
    ("A Category 3 storm hit.", [("Category 3", 3, None, "measure", "category")]),
    ("Temperatures hit 40C.", [("40C", 40, None, "measure", "°C")]),
    ("It landed on Wednesday, Oct. 9.", [("Wednesday, Oct. 9", "2024-10-09", None, "date", None)]),
    # Fractions, glosses, fractional rate moves, "a decade", hyphenated number words.
    ("Prices last fell 7 1/2 years ago.", [("7 1/2 years", "P7Y6M", None, "duration", None)]),
    ("Growth was 3½ percent.", [("3½ percent", 3.5, None, "percent", "%")]),
    (
        "The band moves to 3/4 [0.75%] to 1 percent [1%].",
        [("3/4 [0.75%] to 1 percent", 0.75, 1, "percent", "%")],
    ),
    ("They [2,000 people] marched.", [("2,000", 2000, None, "count", None)]),
    ("It is the first cut in nearly a decade.", [("a decade", "P10Y", None, "duration", None)]),
    ("Talks ran for more than a\nweek.", [("a\nweek", "P1W", None, "duration", None)]),
    ("The board holds a three-day retreat.", [("three-day", "P3D", None, "duration", None)]),
    ("Snow should fall for five more days.", [("five more days", "P5D", None, "duration", None)]),
    (
        "The bank lifted rates by a quarter of a percentage point.",
        [("a quarter of a percentage point", 0.25, None, "percent", "pp")],
    ),
    (
        "Lenders added a quarter of a percent; the ECB cut by half a point.",
        [
            ("a quarter of a percent", 0.25, None, "percent", "%"),
            ("half a point", 0.5, None, "percent", "pp"),
        ],
    ),
    ("Copper had a more than 3-percent gain.", [("3-percent", 3, None, "percent", "%")]),
    ("After the 50-basis point cut, bonds rose.", [("50-basis point", 50, None, "percent", "bp")]),
    ("Almost 250 homes burned.", [("250", 250, None, "count", None)]),
    ("They fired two or three a month.", [("two or three", 2, 3, "count", None)]),
    ("It ended the 1950-53 Korean War.", [("1950-53", 1950, 1953, "year", None)]),
    (
        "It was not done in 2014 or 2015.",
        [("2014", 2014, None, "year", None), ("2015", 2015, None, "year", None)],
    ),
    ("Several hundred migrants ran.", [("Several hundred", 100, None, "count", None)]),
    (
        "It was a 0.75 percentage-point move.",
        [("0.75 percentage-point", 0.75, None, "percent", "pp")],
    ),
    ("Jobless claims rose 0.3pp.", [("0.3pp", 0.3, None, "percent", "pp")]),
    ("A nine-storey block fell.", [("nine", 9, None, "count", None)]),
    ("Nearly half a million people fled.", [("half a million", 500_000, None, "count", None)]),
    ("Bonds fell for a fifth straight session.", [("fifth", 5, None, "ordinal", None)]),
    (
        "The Nikkei 225 and the FTSE 100 rose 12 points.",
        [("12 points", 12, None, "measure", "points")],
    ),
    (
        "The Dax closed down 310.5 points, or 2.1 percent, at 14,806.2.",
        [
            ("310.5 points", 310.5, None, "measure", "points"),
            ("2.1 percent", 2.1, None, "percent", "%"),
            ("14,806.2", 14806.2, None, "measure", "points"),
        ],
    ),
    # Not figures: ordinal words, pronoun "one", codes, references, URLs, scores, phone numbers.
    ("It was the first time, and the second batch followed.", []),
    ("One of them spoke in one recording.", []),
    ("The F-16 and Su-34 jets and a D-30 howitzer, COVID-19 and G7.", []),
    ("Article 5 was invoked after 9/11 and is open 24/7.", []),
    ("See https://example.com/2024/10/23/story-123 or call 555-123-4567.", []),
    ("The team won 3-1.", []),
    ("A Boeing 737 crashed.", []),
    ("North Korea may send troops.", []),
    ("They expect to meet within days, over the next several weeks.", []),
    ("A year ago it was a one-sided vote; two-thirds agreed and half of them left.", []),
    ("It happened on 9/11 and runs 24/7; a 3/4 majority is needed.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), EXTRACTION_CASES)
def test_extraction(sentence: str, expected: list[tuple[object, ...]]) -> None:
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("Over 600,000 soldiers died.", "over"),
        ("More than 600,000 soldiers died.", "more than"),
        ("Some 10,000 troops arrived.", "some"),
        ("Around 10,000 troops arrived.", "around"),
        ("Up to 10,000 people will go.", "up to"),
        ("At least 40 people died.", "at least"),
        ("Nearly 500 homes burned.", "nearly"),
        ("5,000-plus protesters marched.", "over"),
        ("10,000 troops arrived.", "exact"),
    ],
)
def test_qualifier(sentence: str, qualifier: str) -> None:
    (figure,) = extract_figures((make_article("a", [sentence]),))
    assert figure.qualifier == qualifier


def test_relative_dates_without_publication_date_have_no_value() -> None:
    found = extract_figures((make_article("a", ["He spoke last Thursday and on Monday."]),))
    assert [(f.text, f.value, f.qualifier) for f in found] == [
        ("last Thursday", None, None),
        ("Monday", None, None),
    ]


def test_missing_year_comes_from_the_story_most_frequent_latest_year() -> None:
    first = make_article("a", ["It began on October 4.", "A photo from Sept. 9, 2018."])
    second = make_article("b", ["Troops fired on October 25, 2024."])
    found = extract_figures((first, second))
    assert found[0].value == "2024-10-04"


def test_date_without_year_prefers_the_recent_past() -> None:
    assert figures_of("It ended on March 3.") == [("March 3", "2024-03-03", None, "date", None)]
    assert figures_of("It ends on November 1.", "2024-10-24") == [
        ("November 1", "2024-11-01", None, "date", None)
    ]
    assert figures_of("It will end on March 3.")[0][1] == "2025-03-03"
    assert figures_of("The cut takes effect in December.", "2022-10-05")[0][1] == "2022-12"
    assert figures_of("The vote is on November 8.", "2022-10-05")[0][1] == "2022-11-08"
    assert figures_of("Prices peaked on December 20.", "2022-10-05")[0][1] == "2021-12-20"


def test_subject_and_attribution() -> None:
    found = extract_figures(
        (
            make_article(
                "a",
                [
                    "Rutte said that over 600,000 Russian soldiers have been killed or wounded.",
                    "Kyrylo Budanov, head of Ukraine's Military Intelligence, later reported "
                    "that 11,000 North Korean infantrymen are training.",
                    "He added that the first unit of 2,600 soldiers is en route.",
                    "According to the president, Putin wants about 10,000 soldiers from North "
                    "Korea.",
                ],
            ),
        )
    )
    assert [(f.subject, f.attribution) for f in found] == [
        ("Russian soldiers killed or wounded", "Rutte"),
        ("North Korean infantrymen", "Kyrylo Budanov"),
        ("soldiers", "Kyrylo Budanov"),
        ("soldiers from North Korea", "president"),
    ]


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (2.5, "Y", "P2Y6M"),
        (48, "H", "PT48H"),
        (1.5, "H", "PT1H30M"),
        (2, "W", "P2W"),
        (3, "DEC", "P30Y"),
    ],
)
def test_iso_duration(amount: float, unit: str, expected: str) -> None:
    assert iso_duration(amount, unit) == expected


# --- reconciliation ---------------------------------------------------------------------


def grouped(
    stories: list[Article], claims: tuple[Claim, ...] = ()
) -> tuple[tuple[Figure, ...], tuple[FigureGroup, ...]]:
    articles = tuple(stories)
    figures = extract_figures(articles)
    return figures, group_figures(articles, claims, figures)


def values_of_conflicts(groups: tuple[FigureGroup, ...]) -> list[list[object]]:
    return [list(g.values) for g in groups if g.conflict]


def test_every_figure_lands_in_exactly_one_group() -> None:
    figures, groups = grouped(
        [
            make_article("a", ["Rutte said 600,000 soldiers were killed on Monday."]),
            make_article("b", ["Over 600,000 soldiers have been killed, he said in 2024."]),
        ]
    )
    members = [figure_id for group in groups for figure_id in group.figures]
    assert sorted(members) == sorted(f.id for f in figures)


def test_troop_totals_conflict_and_hedges_agree() -> None:
    _, groups = grouped(
        [
            make_article("a", ["Zelensky said North Korea will send 10,000 troops."]),
            make_article("b", ["Budanov said 11,000 North Korean infantrymen are training."]),
            make_article("c", ["Seoul said North Korea had sent 3,000 troops to Russia."]),
            make_article("d", ["Over 600,000 Russian soldiers have been killed or wounded."]),
            make_article("e", ["NATO said 600,000 Russian soldiers were killed or wounded."]),
        ]
    )
    assert values_of_conflicts(groups) == [[10_000, 11_000, 3_000]]
    assert groups[0].conflict
    assert any(g.values == (600_000,) and len(g.figures) == 2 for g in groups)


def test_about_ten_thousand_and_eleven_thousand_conflict() -> None:
    _, groups = grouped(
        [
            make_article("a", ["Putin intends to involve about 10,000 soldiers."]),
            make_article("b", ["Russia trains 11,000 soldiers."]),
        ]
    )
    assert values_of_conflicts(groups) == [[10_000, 11_000]]


def test_death_toll_updates_conflict() -> None:
    _, groups = grouped(
        [
            make_article("a", ["Three people were killed in the quake."]),
            make_article("b", ["The quake killed 8 people."]),
            make_article("c", ["Officials said 12 people were killed."]),
        ]
    )
    assert values_of_conflicts(groups) == [[3, 8, 12]]


def test_unrelated_numbers_do_not_make_a_fake_conflict() -> None:
    _, groups = grouped(
        [
            make_article(
                "a",
                [
                    "On October 4, 20 soldiers were killed in a strike, including six North "
                    "Korean military personnel.",
                    "He added that the first unit of 2,600 soldiers is en route to Kursk.",
                    "The South Korean Defense Minister warned on October 8 that troops may go.",
                ],
            ),
            make_article(
                "b",
                [
                    "More than 600,000 Russian soldiers have been killed or wounded.",
                    "About 11,000 North Korean soldiers are training.",
                    "On October 13, Zelensky confirmed that North Korea sends soldiers.",
                    "It rebuilt 1,200 homes and 40 schools.",
                ],
            ),
        ]
    )
    assert values_of_conflicts(groups) == []


def test_combat_start_dates_conflict_but_statement_dates_do_not() -> None:
    _, groups = grouped(
        [
            make_article(
                "a",
                [
                    "Zelensky said the North Korean military would be used in combat zones on "
                    "October 27-28.",
                    "On October 17, Zelensky revealed the plan.",
                ],
                "2024-10-29",
            ),
            make_article(
                "b",
                [
                    "They will be ready to participate in hostilities from November 1.",
                    "On October 13, Zelensky confirmed the plan.",
                ],
                "2024-10-29",
            ),
        ]
    )
    assert values_of_conflicts(groups) == [["2024-10-27/2024-10-28", "2024-11-01"]]
    assert groups[0].subject == "combat"


def test_tolls_of_different_places_and_intercepted_weapons_stay_apart() -> None:
    _, groups = grouped(
        [
            make_article(
                "a",
                [
                    "Russia fired 122 missiles at Ukraine overnight.",
                    "The air force said it shot down 87 missiles and 27 drones.",
                    "In Dnipro, 5 people died and 28 were injured.",
                ],
            ),
            make_article(
                "b",
                [
                    "Russia launched 158 missiles and drones.",
                    "In Odesa, four people were killed and 22 wounded.",
                    "Russia fired 110 missiles in total.",
                ],
            ),
        ]
    )
    assert values_of_conflicts(groups) == [[122, 110]]


def test_history_does_not_join_todays_toll_but_the_death_toll_does() -> None:
    _, groups = grouped(
        [
            make_article("a", ["The quake killed at least three people on Wednesday."]),
            make_article("b", ["The death toll from the quake has risen to nine."]),
            make_article("c", ["A 7.6 quake in 1999 killed 2,400 people."]),
        ]
    )
    assert values_of_conflicts(groups) == [[3, 9]]
    assert groups[0].subject == "death toll"


def test_rates_group_only_on_the_same_subject() -> None:
    _, groups = grouped(
        [
            make_article(
                "a",
                ["Inflation fell to 1.7% in September.", "One member voted to hold rates at 5%."],
            ),
            make_article(
                "b",
                ["Inflation fell to 2.2% in September.", "The bank cut its main rate to 4.75%."],
            ),
        ]
    )
    assert values_of_conflicts(groups) == [[1.7, 2.2]]


def test_claims_link_figures_of_the_same_sentence_pair() -> None:
    a = make_article("a", ["The fund hired 120 people."])
    b = make_article("b", ["Then 150 joined the fund."])
    claim = Claim(id="c1", sentences=("a#0", "b#0"), sources=2, similarity=0.8, kind="paraphrase")
    _, without = grouped([a, b])
    _, with_claim = grouped([a, b], (claim,))
    assert values_of_conflicts(without) == []
    assert values_of_conflicts(with_claim) == [[120, 150]]


def test_conflicts_sort_first_and_ids_are_deterministic() -> None:
    stories = [
        make_article("a", ["It rebuilt 1,200 homes.", "Officials said 3 people were killed."]),
        make_article("b", ["It rebuilt 1,200 homes.", "Officials said 12 people were killed."]),
    ]
    figures, groups = grouped(stories)
    again_figures, again_groups = grouped(stories)
    assert (figures, groups) == (again_figures, again_groups)
    assert [f.id for f in figures] == ["f1", "f2", "f3", "f4"]
    assert [g.conflict for g in groups] == [True, False]
    assert groups[0].id == "g1"


# --- the sample story -------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_scores():  # type: ignore[no-untyped-def]
    from tests.eval.figures import ANNOTATIONS, load, score

    return score(load(ANNOTATIONS[0]))


def test_sample_recall_and_precision_floors(sample_scores) -> None:  # type: ignore[no-untyped-def]
    assert sample_scores.recall >= 0.95, sample_scores.misses
    assert sample_scores.precision >= 0.95, sample_scores.wrong
    assert not sample_scores.furniture_hits


def test_sample_required_conflicts_and_no_others(sample_scores) -> None:  # type: ignore[no-untyped-def]
    assert sample_scores.missing_conflicts == ()
    assert len(sample_scores.conflicts) == 2


def test_sample_offsets_hold_the_text(sample_scores) -> None:  # type: ignore[no-untyped-def]
    comparison = sample_scores.comparison
    texts = {a.id: a.text for a in comparison.articles}
    for figure in comparison.figures:
        assert texts[figure.article][figure.start : figure.end] == figure.text
        sentence = comparison.sentence(figure.sentence)
        assert sentence.start <= figure.start < figure.end <= sentence.end


# --- invariants on arbitrary text -------------------------------------------------------

_PIECES = [
    "10,000",
    "about 11,000 troops",
    "$2bn",
    "3.5%",
    "October 27-28",
    "last Thursday",
    "two and a half years",
    "killed",
    "the",
    "F-16",
    "in Kyiv",
    "one",
    "1999",
    "9 1/2 years",
    "1/4 [0.25%] to 1/2 percent [0.5%]",
    "10 km (6 miles) north-east of",
    "The Dow rose 164.68 points, or 0.94 percent, to 17,689.59",
    "a quarter of a percentage point",
    "nearly a decade",
    "Sunday's quake",
    ",",
    ".",
    " ",
    "\n",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12), min_size=1, max_size=4),
    st.sampled_from([None, "2024-10-29"]),
)
def test_figures_hold_their_text_and_land_in_one_group(
    lines: list[list[str]], published: str | None
) -> None:
    articles = tuple(
        make_article(f"a{i}", [" ".join(line) for line in lines], published) for i in range(2)
    )
    figures = extract_figures(articles)
    groups = group_figures(articles, (), figures)
    texts = {a.id: a.text for a in articles}
    assert [f.id for f in figures] == [f"f{n}" for n in range(1, len(figures) + 1)]
    for figure in figures:
        assert texts[figure.article][figure.start : figure.end] == figure.text
    members = sorted(figure_id for group in groups for figure_id in group.figures)
    assert members == sorted(f.id for f in figures)
    assert [g.conflict for g in groups] == sorted((g.conflict for g in groups), reverse=True)


# --- reconciliation of units, market moves, tolls and time spans ------------------------------


def test_market_moves_conflict_per_index_and_role() -> None:
    _, groups = grouped(
        [
            make_article(
                "a",
                [
                    "The Dow Jones industrial average rose 120.5 points, or 0.7 percent, to "
                    "18,010.2, the S&P 500 gained 14.1 points, or 0.68 percent, to 2,101.3 and "
                    "the Nasdaq Composite added 40.2 points, or 0.8 percent, to 5,120.4."
                ],
            ),
            make_article(
                "b",
                [
                    "The Dow rose 150 points, or 0.9 percent, to close at 18,040.",
                    "The Standard & Poor's 500 index gained 19 points, or 0.9 percent, to 2,106.",
                    "The Nasdaq composite index added 61 points, or 1.2 percent, to 5,141.",
                ],
            ),
        ]
    )
    conflicts = {(g.subject, tuple(g.values)) for g in groups if g.conflict}
    assert ("Nasdaq composite", (40.2, 61)) in conflicts
    assert ("Nasdaq composite", (0.8, 1.2)) in conflicts
    assert ("S&P 500 level", (2101.3, 2106)) in conflicts
    assert ("Dow Jones industrial average level", (18010.2, 18040)) in conflicts
    assert len(conflicts) == 9  # three roles of three indices, never one index against another


def test_units_convert_and_restated_measures_join_their_original() -> None:
    _, groups = grouped(
        [
            make_article(
                "a",
                [
                    "The storm hit at a depth of 8 kilometers (5 miles), about 480 kilometers "
                    "(300 miles) south-west of the capital."
                ],
            ),
            make_article("b", ["It struck at a depth of five miles, 300 miles southwest of it."]),
            make_article("c", ["It formed at a depth of 15 km, about 290 miles south-west of it."]),
        ]
    )
    assert sorted(sorted(map(str, g.values)) for g in groups if g.conflict) == [
        ["15", "5", "8"],
        ["290", "300", "480"],
    ]
    depth = next(g for g in groups if "15" in map(str, g.values))
    assert depth.subject == "depth"


def test_converted_measures_that_agree_are_not_a_conflict() -> None:
    _, groups = grouped(
        [
            make_article("a", ["The fault ruptured at a depth of 16 kilometres."]),
            make_article("b", ["The fault ruptured at a depth of 10 miles."]),
        ]
    )
    assert values_of_conflicts(groups) == []
    assert any(len(g.figures) == 2 for g in groups)


def test_round_floors_agree_with_larger_counts_but_tolls_still_conflict() -> None:
    _, groups = grouped(
        [
            make_article(
                "a", ["The floods killed at least 210 people and injured more than 2,000."]
            ),
            make_article("b", ["Officials said 2,640 people had been injured and 212 killed."]),
            make_article("c", ["At least 90 people died and around 150 were injured."]),
        ]
    )
    assert sorted(sorted(g.values) for g in groups if g.conflict) == [  # type: ignore[type-var]
        [90, 210, 212],
        [150, 2000, 2640],
    ]


def test_time_since_last_groups_across_wordings_and_ages_stay_apart() -> None:
    _, groups = grouped(
        [
            make_article(
                "a", ["The bank cut rates for the first time in 7 years.", "A 19-year-old died."]
            ),
            make_article("b", ["It cut for the first time in 7 1/2 years, a 19-year-old said."]),
            make_article(
                "c", ["It cut for the first time in nearly a decade.", "The worst in 12 years."]
            ),
        ]
    )
    assert values_of_conflicts(groups) == [["P7Y", "P7Y6M", "P10Y"]]
    assert groups[0].subject == "time since last"


def test_a_date_belongs_to_the_event_it_dates() -> None:
    _, groups = grouped(
        [
            make_article(
                "a",
                [
                    "The earthquake struck on Sunday afternoon.",
                    "Rescuers dug through rubble Monday looking for survivors of the earthquake.",
                    "Villagers walk past homes after Sunday's earthquake in the county, Tuesday.",
                ],
                "2024-10-22",
            ),
            make_article(
                "b",
                [
                    "The quake hit the county at 4pm on Sunday, the news agency reported.",
                    "An earthquake killed 30 people at the weekend.",
                ],
                "2024-10-22",
            ),
            make_article("c", ["A strong quake shook the region on Saturday."], "2024-10-22"),
        ]
    )
    assert values_of_conflicts(groups) == [["2024-10-20", "2024-10-19/2024-10-20", "2024-10-19"]]


def test_basis_points_and_percentage_points_compare_as_one_unit() -> None:
    _, groups = grouped(
        [
            make_article("a", ["The bank raised its key rate by 25 basis points."]),
            make_article("b", ["The bank raised its key rate by 0.25 percentage point."]),
            make_article("c", ["The bank raised its key rate by 0.5 percentage point."]),
        ]
    )
    assert values_of_conflicts(groups) == [[25, 0.25, 0.5]]
    _, agreeing = grouped(
        [
            make_article("a", ["The bank raised its key rate by 25 basis points."]),
            make_article("b", ["The bank raised its key rate by a quarter point."]),
        ]
    )
    assert values_of_conflicts(agreeing) == []
    assert any(len(g.figures) == 2 for g in agreeing)


def test_running_totals_do_not_join_one_event_toll() -> None:
    _, groups = grouped(
        [
            make_article("a", ["The strike on the market killed 40 people."]),
            make_article("b", ["Strikes have killed 700 people so far this year."]),
            make_article("c", ["The strike on the market killed 46 people."]),
        ]
    )
    assert values_of_conflicts(groups) == [[40, 46]]


def test_evacuation_counts_conflict_and_stay_apart_from_tolls() -> None:
    _, groups = grouped(
        [
            make_article("a", ["Officials said 12,400 people had been evacuated and 9 killed."]),
            make_article("b", ["Authorities evacuated 20,000 residents; 9 people died."]),
        ]
    )
    assert values_of_conflicts(groups) == [[12_400, 20_000]]


def test_every_magnitude_measures_the_quake_but_aftershocks_stay_apart() -> None:
    _, groups = grouped(
        [
            make_article("a", ["A magnitude 5.8 earthquake struck the coast."]),
            make_article("b", ["The national agency put the magnitude at 6.0."]),
            make_article("c", ["The strongest aftershock had a magnitude of 4.9."]),
        ]
    )
    assert values_of_conflicts(groups) == [[5.8, 6]]


def test_a_relative_clause_dates_the_event_it_hangs_on() -> None:
    _, groups = grouped(
        [
            make_article("a", ["The earthquake that struck on Sunday killed 30."], "2024-10-22"),
            make_article("b", ["The quake, which hit on Monday, killed 30."], "2024-10-22"),
            make_article("c", ["Rescuers who dug on Tuesday found quake victims."], "2024-10-22"),
        ]
    )
    assert values_of_conflicts(groups) == [["2024-10-20", "2024-10-21"]]


def test_spans_since_different_last_times_stay_apart() -> None:
    _, groups = grouped(
        [
            make_article("a", ["The bank raised rates for the first time in 9 years."]),
            make_article("b", ["Prices fell for the first time in 2 years."]),
        ]
    )
    assert values_of_conflicts(groups) == []


def test_a_toll_in_another_named_town_stays_apart() -> None:
    _, groups = grouped(
        [
            make_article("a", ["The strike on the station in Lozova killed 50 people."]),
            make_article(
                "b", ["A missile hit the centre of the city of Izium, killing 17 people."]
            ),
            make_article("c", ["The strike on the station in Lozova killed 39 people."]),
        ]
    )
    assert values_of_conflicts(groups) == [[50, 39]]


def test_amounts_named_after_worth_conflict_with_the_same_package() -> None:
    _, groups = grouped(
        [
            make_article("a", ["Cabinet approved a relief package worth 2 trillion yen."]),
            make_article("b", ["The 2.6 trillion yen relief package passed."]),
        ]
    )
    assert values_of_conflicts(groups) == [[2_000_000_000_000, 2_600_000_000_000]]


def test_sources_that_each_give_both_numbers_do_not_disagree() -> None:
    """Each outlet reports the 60 days proposed and the 30 days approved. Claims pair one
    outlet's 30 with the other's 60 (the sentences tell one story), yet no source contradicts
    another."""
    stories = [
        make_article(
            "a",
            [
                "Parliament approved the proposal to impose martial law for 30 days.",
                "The president's original proposal was for 60 days.",
            ],
        ),
        make_article(
            "b",
            [
                "Parliament voted to impose martial law for 30 days.",
                "The president revised his proposal of 60 days before the vote.",
            ],
        ),
    ]
    ids = [[s.id for s in article.sentences] for article in stories]
    claims = (
        Claim("c1", (ids[0][0], ids[1][1]), 2, 0.5, "paraphrase"),
        Claim("c2", (ids[0][1], ids[1][0]), 2, 0.5, "paraphrase"),
    )
    _, groups = grouped(stories, claims)
    assert any(set(g.values) == {"P30D", "P60D"} for g in groups), "the claims pair 30 with 60"
    assert values_of_conflicts(groups) == []


def test_a_vague_or_open_amount_does_not_contradict_a_count_inside_it() -> None:
    _, groups = grouped(
        [
            make_article(
                "a",
                [
                    "Mexico said around 500 migrants tried to cross the border.",
                    "More than 5,000 migrants are camped in Tijuana.",
                ],
            ),
            make_article(
                "b",
                [
                    "Several hundred migrants tried to cross the border.",
                    "Around 5,000 migrants are camped in a sports complex.",
                    "Mexico counted 7,417 migrants from the caravan.",
                ],
            ),
        ]
    )
    assert values_of_conflicts(groups) == []


def test_a_range_said_with_or_agrees_with_a_bound_inside_it() -> None:
    _, groups = grouped(
        [
            make_article("a", ["North Korea fired missiles at a rate of up to three per month."]),
            make_article("b", ["It fired missiles at a rate of about two or three a month."]),
        ]
    )
    assert values_of_conflicts(groups) == []


def test_counts_of_different_places_are_different_quantities() -> None:
    """Quebec's 20 stores and Ontario's 40 are two plans, not a disagreement; "which" takes the
    place it stands for, and "that province's" is no clause break."""
    _, groups = grouped(quebec_and_ontario())
    assert values_of_conflicts(groups) == []
    assert any(g.values == (20,) and len(g.figures) == 2 for g in groups)


def test_above_the_places_limit_only_tolls_are_read_for_places(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reconciling, "PLACES_LIMIT", 0)
    _, groups = grouped(quebec_and_ontario())
    assert values_of_conflicts(groups) == [[20, 40]]


def quebec_and_ontario() -> list[Article]:
    return [
        make_article("a", ["At first the province intends to set up 20 stores across Quebec."]),
        make_article(
            "b",
            ["Quebec wants its law to match that in Ontario, which plans to open 40 stores."],
        ),
        make_article(
            "c",
            [
                "The province intends to set up 20 stores across Quebec.",
                "In Ontario, a subsidiary of the LCBO, that province's liquor board, will "
                "only have 40 retail stores.",
            ],
        ),
    ]


def test_a_toll_said_of_worshipers_egyptians_or_people_is_one_toll() -> None:
    figures, groups = grouped(
        [
            make_article(
                "a", ["The attack, in which at least 235 people were killed, shocked Egypt."]
            ),
            make_article("b", ["On Friday, at least 305 Egyptians were killed by terrorists."]),
            make_article(
                "c",
                ["Prosecutors said 305 worshipers, including 27 children, were killed."],
            ),
            make_article(
                "d",
                [
                    "Militants massacred 305 people at a packed mosque.",
                    "Among the dead were 27 children.",
                ],
            ),
        ]
    )
    by_value = {f.id: f.value for f in figures}
    toll = next(g for g in groups if 305 in g.values)
    assert sorted(by_value[f] for f in toll.figures) == [235, 305, 305, 305]
    assert toll.conflict
    children = next(g for g in groups if 27 in g.values)
    assert len(children.figures) == 2 and not children.conflict
