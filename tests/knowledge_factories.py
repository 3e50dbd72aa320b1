"""Small ``Knowledge`` objects for extraction tests, built in memory (no database, no JSON)."""

import datetime

from articles.importer.records import Knowledge, KnownName, KnownPerson, OfficeTerm


def office(
    country: str,
    start: str,
    end: str | None = None,
    *,
    title: str = "President",
    head_of_state: bool | None = None,
    head_of_government: bool = False,
) -> OfficeTerm:
    return OfficeTerm(
        title=title,
        country_code=country,
        head_of_state=title == "President" if head_of_state is None else head_of_state,
        head_of_government=head_of_government or title == "Prime Minister",
        start=datetime.date.fromisoformat(start),
        end=datetime.date.fromisoformat(end) if end else None,
    )


def person(
    name: str,
    *,
    surname: str = "",
    ru: str = "",
    surname_ru: str = "",
    country: str = "",
    offices=(),
    aliases=(),
) -> KnownPerson:
    surname = surname or name.split()[-1]
    given_name = name.replace(surname, "").strip()
    implied = [(surname, "surname")]
    if ru:
        implied.append((ru, "name"))
    if surname_ru:
        implied.append((surname_ru, "surname"))
    return KnownPerson(
        name=name,
        given_name=given_name,
        surname=surname,
        surname_ru=surname_ru,
        country_code=country,
        aliases=(*implied, *aliases),
        offices=tuple(offices),
    )


def named(name: str, *aliases: str | tuple[str, str], country: str = "", code: str = ""):
    pairs = tuple((alias, "name") if isinstance(alias, str) else alias for alias in aliases)
    return KnownName(name=name, aliases=pairs, country_code=country, code=code)


PUTIN = person(
    "Vladimir Putin",
    ru="Владимир Путин",
    surname_ru="Путин",
    country="RU",
    offices=[
        office("RU", "2000-05-07", "2008-05-07"),
        office("RU", "2008-05-08", "2012-05-07", title="Prime Minister"),
        office("RU", "2012-05-07"),
    ],
)
MEDVEDEV = person(
    "Dmitry Medvedev",
    ru="Дмитрий Медведев",
    surname_ru="Медведев",
    country="RU",
    offices=[
        office("RU", "2008-05-07", "2012-05-07"),
        office("RU", "2012-05-08", "2020-01-15", title="Prime Minister"),
    ],
)
NAZARBAYEV = person(
    "Nursultan Nazarbayev",
    ru="Нурсултан Назарбаев",
    surname_ru="Назарбаев",
    country="KZ",
    offices=[office("KZ", "1990-04-24", "2019-03-20")],
)
TOKAYEV = person(
    "Kassym-Jomart Tokayev",
    ru="Касым-Жомарт Токаев",
    surname_ru="Токаев",
    country="KZ",
    offices=[office("KZ", "2019-03-20")],
)
LUKASHENKO = person(
    "Alexander Lukashenko",
    ru="Александр Лукашенко",
    surname_ru="Лукашенко",
    country="BY",
    offices=[office("BY", "1994-07-20")],
)
HEYDAR_ALIYEV = person(
    "Heydar Aliyev", country="AZ", offices=[office("AZ", "1993-06-15", "2003-10-31")]
)
ILHAM_ALIYEV = person("Ilham Aliyev", country="AZ", offices=[office("AZ", "2003-10-31")])
LI_KEQIANG = person(
    "Li Keqiang",
    surname="Li",
    country="CN",
    offices=[office("CN", "2013-03-15", "2023-03-11", title="Premier", head_of_government=True)],
)

COUNTRIES = (
    named(
        "Russia",
        "Russian Federation",
        ("Russian", "adjective"),
        "Россия",
        "России",
        ("российский", "adjective"),
        code="RU",
    ),
    named(
        "Kazakhstan",
        ("Kazakh", "adjective"),
        "Republic of Kazakhstan",
        "Казахстан",
        ("казахстанский", "adjective"),
        code="KZ",
    ),
    named("Belarus", ("Belarusian", "adjective"), "Беларусь", code="BY"),
    named("Azerbaijan", ("Azerbaijani", "adjective"), code="AZ"),
    named("China", ("Chinese", "adjective"), code="CN"),
    named("Lithuania", code="LT"),
)


def small_knowledge(*people: KnownPerson) -> Knowledge:
    """A knowledge base with a few leaders, cities, organizations, outlets and countries."""
    return Knowledge(
        people=people
        or (PUTIN, MEDVEDEV, NAZARBAYEV, TOKAYEV, LUKASHENKO, HEYDAR_ALIYEV, ILHAM_ALIYEV),
        places=(
            named("Moscow", "Москва", country="RU"),
            named("Astana", "Астана", country="KZ"),
            named("Minsk", "Минск", country="BY"),
            named("Sochi", "Сочи", country="RU"),
            named("Baku", country="AZ"),
        ),
        organizations=(
            named("Eurasian Economic Union", ("EAEU", "acronym"), "Евразийский экономический союз"),
            named("Collective Security Treaty Organization", ("CSTO", "acronym")),
            named("Supreme Eurasian Economic Council"),
        ),
        sources=(
            named("Tengrinews", "tengrinews.kz", country="KZ"),
            named("BelTA", "belta.by", country="BY"),
            named("Kremlin.ru", "President of Russia", country="RU"),
        ),
        countries=COUNTRIES,
    )
