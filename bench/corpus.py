"""Generated news-style text for benchmarks: varied names, places, dates and numbers, so that
no cache (dateparser, matchers) sees the same string twice too often."""

from __future__ import annotations

import random

FIRST = ["Aigerim", "Bolat", "Dana", "Erlan", "Gulnara", "Kairat", "Madina", "Nurlan", "Saule", "Timur",
         "Zhanna", "Rustam", "Asel", "Marat", "Dilnaz", "Omar", "Leila", "Yusuf", "Mehmet", "Ayesha"]
LAST = ["Abenova", "Bekov", "Dzhaksybekov", "Ermekova", "Ibraimov", "Karimova", "Nurpeisov", "Omarov",
        "Sadykova", "Tokayev", "Utepova", "Zhumabayev", "Rahimi", "Celik", "Hassan", "Kuanysh"]
PLACES = ["Almaty", "Astana", "Zharkent", "Urumqi", "Kashgar", "Bishkek", "Tashkent", "Geneva", "Ankara",
          "Khorgos", "Shymkent", "Karaganda", "Osh", "Istanbul", "Moscow"]
OUTLETS = ["SWS", "AFP", "Reuters", "AP", "RFE/RL", "the Steppe Monitor", "the Ili Valley Courier"]
GROUPS = ["Uyghurs", "Kazakhs", "Kyrgyz", "Muslims", "Hui", "ethnic Kazakhs"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
BODIES = ["a district court", "the migration committee", "the prosecutor's office", "the appeals court",
          "the interior ministry", "a UN panel", "the foreign ministry"]

SENTENCES = [
    "{person} told {outlet} that {pronoun} had been held in a camp in {place} for {n} months.",
    "{body} in {place} refused to extradite {person} to China on {month} {day}.",
    "{person} was denied asylum by {body} in {month} {year}, {outlet} reported.",
    "According to {person2}, more than {big} {group} were detained in {place} last year.",
    "\u201cWe will appeal the decision,\u201d said {person2}, a lawyer for {person}.",
    "{person} testified that {pronoun} had been forced to teach in a reeducation camp.",
    "China has denied the allegations, calling the facilities vocational training centres.",
    "An estimated {big} people have been held in {place} since {year}, the panel said.",
    "The court gave {person} a suspended sentence of {n} months and freed {obj} from custody.",
    "{person} fled across the border in {month} and was arrested near {place}.",
    "Relatives said they had not heard from {person} since {month} {day}, {year}.",
    "The hearing in {place} lasted {n} hours and was attended by dozens of journalists.",
    "{person2} said the ruling showed the strong influence of Beijing on its neighbour.",
    "Officials in {place} declined to comment on the case when contacted by {outlet}.",
    "Between {month} and {month2} {year}, at least {n} families applied for refugee status.",
]


def _fill(rng: random.Random, template: str) -> str:
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    female = person.split()[1].endswith("a")
    return template.format(
        person=person, person2=f"{rng.choice(FIRST)} {rng.choice(LAST)}", pronoun="she" if female else "he",
        obj="her" if female else "him", place=rng.choice(PLACES), outlet=rng.choice(OUTLETS),
        group=rng.choice(GROUPS), month=rng.choice(MONTHS), month2=rng.choice(MONTHS),
        day=rng.randint(1, 28), year=rng.randint(2014, 2024), n=rng.randint(2, 40),
        big=f"{rng.randint(2, 900) * 1000:,}", body=rng.choice(BODIES),
    )


def news_documents(words: int, seed: int = 1, words_per_document: int = 400) -> list[str]:
    """Documents of about `words_per_document` words until `words` words in all."""
    rng = random.Random(seed)
    documents, total = [], 0
    while total < words:
        place = rng.choice(PLACES)
        paragraphs, count = [f"{place.upper()} ({rng.choice(['SWS', 'AFP', 'TCA'])}) \u2014"], 0
        while count < words_per_document:
            paragraph = " ".join(_fill(rng, rng.choice(SENTENCES)) for _ in range(rng.randint(1, 3)))
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        text = paragraphs[0] + " " + "\n\n".join(paragraphs[1:]) + "\n"
        documents.append(text)
        total += len(text.split())
    return documents
