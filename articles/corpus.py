"""Synthetic scraped news pages about meetings between Eurasian heads of state.

Pure Python, no database: from a knowledge base of leaders (with their terms of office), countries,
places, organizations and outlets it writes pages in the style of the seed pages (menus, ads,
scrape dates, glued dates, bylines, footers, scraping damage), each with a ground-truth record.
Page ``i`` of seed ``s`` depends only on ``(s, i)``, so a corpus is reproducible and extendable.
"""

import bisect
import hashlib
import json
import random
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

KNOWLEDGE_BASE_PATH = Path(__file__).resolve().parent / "fixtures" / "knowledge_base.json"
FIRST_DAY = date(1995, 1, 1)
LAST_DAY = date(2025, 12, 31)
LATEST_SCRAPE_DAY = date(2026, 1, 31)
RUSSIAN_SHARE = 0.1
EVENT_KINDS = ("meeting", "talks", "phone_call", "summit", "visit", "signing", "session")
MANIFEST_NAME = "manifest.jsonl"

ONE_DAY = timedelta(days=1)


def load_knowledge(path: Path | str = KNOWLEDGE_BASE_PATH) -> dict:
    """Read a knowledge-base JSON file (by default the app's fixture) into a dict."""
    with Path(path).open(encoding="utf-8") as handle:
        return json.load(handle)


# --- the knowledge the generator needs, indexed ------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A head-of-state office held from ``start`` to ``end`` (both inclusive; open if None)."""

    country: str
    title: str
    start: date
    end: date | None
    acting: bool

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Leader:
    name: str
    name_ru: str | None
    given_name: str
    surname: str
    surname_ru: str | None

    @property
    def family_name_first(self) -> bool:
        """True for names like "Xi Jinping", which are never shortened to the family name."""
        return self.name.startswith(self.surname + " ")


@dataclass(frozen=True)
class Country:
    """A country; the Russian forms are None where the rules cannot inflect the name."""

    code: str
    name: str
    adjective: str | None
    name_ru_of: str | None = None  # genitive: президент России
    name_ru_to: str | None = None  # accusative: визит в Россию


@dataclass(frozen=True, eq=False)
class Holder:
    """A leader in head-of-state office in one country."""

    leader: Leader
    term: Term
    country: Country


@dataclass(frozen=True)
class Period:
    """Days on which the same leaders hold head-of-state office (two or more countries)."""

    first: date
    last: date
    holders: tuple[Holder, ...]


@dataclass(frozen=True, eq=False)
class City:
    name: str
    country: str
    name_ru_in: str | None = None  # prepositional: в Москве


@dataclass(frozen=True, eq=False)
class Organization:
    name: str
    name_ru: str | None
    acronym: str | None
    acronym_ru: str | None


@dataclass(frozen=True)
class Outlet:
    name: str
    country: str | None
    domain: str


@dataclass(frozen=True)
class Journalist:
    name: str
    name_ru: str


class Knowledge:
    """The knowledge-base dict indexed for generation: periods of office, cities, outlets."""

    def __init__(self, data: dict):
        countries = {item["code"]: _country(item) for item in data.get("countries", [])}
        self.periods = _periods(data.get("people", []), countries)
        if not self.periods:
            raise ValueError(
                f"the knowledge base has no day between {FIRST_DAY} and {LAST_DAY} "
                "with heads of state in office in two countries"
            )
        self.period_ends = []
        total = 0
        for period in self.periods:
            total += (period.last - period.first).days + 1
            self.period_ends.append(total)
        self.cities = [
            _city(item)
            for item in data.get("places", [])
            if item.get("kind", "city") in ("city", "capital")
        ]
        organizations = [
            Organization(
                item["name"],
                item.get("name_ru") or _alias(item, "ru"),
                _alias(item, "en", "acronym"),
                _alias(item, "ru", "acronym"),
            )
            for item in data.get("organizations", [])
        ]
        self.core_organizations = [o for o in organizations if o.name in _CORE_ORGANIZATIONS]
        self.organizations = [
            org for org in organizations if any(word in org.name for word in _INSTITUTION_WORDS)
        ] or organizations
        self.outlets = [_outlet(item) for item in data.get("sources", [])] or [
            Outlet("Newswire", None, "newswire.example")
        ]
        self.journalists = _journalists(data.get("people", []))

    def pick_organizations(self, rng: random.Random, count: int) -> list[Organization]:
        """``count`` different organizations, mostly the region's own (EAEU, CSTO, SCO, CIS)."""
        picked: list[Organization] = []
        for _ in range(count):
            core = self.core_organizations and rng.random() < 0.75
            pool = self.core_organizations if core else self.organizations
            choices = [org for org in pool if org not in picked]
            if choices:
                picked.append(rng.choice(choices))
        return picked

    def pick_day(self, rng: random.Random) -> tuple[Period, date]:
        """A day, uniform over the days on which two or more countries have a leader in office."""
        position = rng.randrange(self.period_ends[-1])
        index = bisect.bisect_right(self.period_ends, position)
        period = self.periods[index]
        before = self.period_ends[index - 1] if index else 0
        return period, period.first + timedelta(days=position - before)


def _country(item: dict) -> Country:
    adjective = _alias(item, "en", "adjective")
    name_ru = _inflectable(item.get("name_ru") or _alias(item, "ru", "name"))
    name_ru = name_ru or _alias(item, "ru", "acronym")
    if not name_ru:
        return Country(item["code"], item["name"], adjective)
    known = _russian_aliases(item)
    return Country(
        item["code"],
        item["name"],
        adjective,
        _ru_place_form(name_ru, "gen", known),
        _ru_place_form(name_ru, "acc", known),
    )


def _city(item: dict) -> City:
    name_ru = _inflectable(_alias(item, "ru"))
    if not name_ru:
        return City(item["name"], item.get("country", ""))
    return City(
        item["name"],
        item.get("country", ""),
        _ru_place_form(name_ru, "prep", _russian_aliases(item)),
    )


def _inflectable(name_ru: str | None) -> str | None:
    """A Russian name the inflection rules handle (one word), else None."""
    return name_ru if name_ru and " " not in name_ru else None


def _russian_aliases(item: dict) -> set[str]:
    return {alias["name"] for alias in item.get("aliases", []) if alias.get("language") == "ru"}


def _alias(item: dict, language: str, kind: str | None = "") -> str | None:
    """The first alias in ``language`` of ``kind`` ("" for any kind, None for no kind given)."""
    for alias in item.get("aliases", []):
        if alias.get("language") != language:
            continue
        if kind == "" or alias.get("kind") == kind:
            return alias["name"]
    return None


def _outlet(item: dict) -> Outlet:
    url = item.get("url") or ""
    domain = url.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
    aliases = [alias for alias in item.get("aliases", []) if "." in alias]
    return Outlet(item["name"], item.get("country"), domain or (aliases or [item["name"]])[0])


def _leader(item: dict) -> Leader:
    parts = item["name"].split()
    return Leader(
        item["name"],
        item.get("name_ru"),
        item.get("given_name") or parts[0],
        item.get("surname") or parts[-1],
        item.get("surname_ru") or (item["name_ru"].split()[-1] if item.get("name_ru") else None),
    )


def _periods(people: list[dict], countries: dict[str, Country]) -> list[Period]:
    """Split the span into stretches with the same heads of state, dropping changeover days."""
    holders = []
    for item in people:
        leader = _leader(item)
        for office in item.get("offices", []):
            if not office.get("head_of_state") or not office.get("start"):
                continue
            code = office.get("country") or item.get("country")
            end = office.get("end")
            term = Term(
                code,
                office.get("title") or "President",
                date.fromisoformat(office["start"]),
                date.fromisoformat(end) if end else None,
                bool(office.get("acting")),
            )
            country = countries.get(code) or Country(code, code, None, None)
            holders.append(Holder(leader, term, country))
    changeovers = {h.term.start for h in holders} | {h.term.end for h in holders if h.term.end}
    cuts = sorted(
        {FIRST_DAY, LAST_DAY + ONE_DAY} | {d for d in changeovers if FIRST_DAY < d <= LAST_DAY}
    )
    periods = []
    for start, stop in pairwise(cuts):
        first = start + ONE_DAY if start in changeovers else start
        last = stop - ONE_DAY
        if first > last:
            continue
        in_office: dict[str, list[Holder]] = {}
        for holder in holders:
            if holder.term.covers(first):
                in_office.setdefault(holder.term.country, []).append(holder)
        sole = [found[0] for _, found in sorted(in_office.items()) if len(found) == 1]
        if len(sole) >= 2:
            periods.append(Period(first, last, tuple(sole)))
    return periods


def _journalists(people: list[dict]) -> list[Journalist]:
    """Invented reporters whose surnames clash with nobody in the knowledge base."""
    taken = set()
    for item in people:
        for name in (item.get("surname"), item.get("surname_ru"), *item["name"].split()):
            if name:
                taken.add(name.lower())
    journalists = []
    for surname, surname_ru in _JOURNALIST_SURNAMES:
        if surname.lower() in taken or surname_ru.lower() in taken:
            continue
        for given, given_ru, feminine in _JOURNALIST_GIVEN_NAMES:
            family, family_ru = surname, surname_ru
            if feminine and surname.endswith(("ov", "ev", "in")):
                family, family_ru = surname + "a", surname_ru + "а"
            journalists.append(Journalist(f"{given} {family}", f"{given_ru} {family_ru}"))
    return journalists


# --- words ---------------------------------------------------------------------------------------

_RU_FEMININE_SURNAME_ENDINGS = ("ова", "ева", "ёва", "ина", "ая")

_JOURNALIST_GIVEN_NAMES = (
    ("Aigerim", "Айгерим", True),
    ("Arman", "Арман", False),
    ("Yelena", "Елена", True),
    ("Timur", "Тимур", False),
    ("Saule", "Сауле", True),
    ("Kirill", "Кирилл", False),
    ("Madina", "Мадина", True),
    ("Yerlan", "Ерлан", False),
    ("Olga", "Ольга", True),
    ("Daniyar", "Данияр", False),
    ("Gulnara", "Гульнара", True),
    ("Pavel", "Павел", False),
)
_JOURNALIST_SURNAMES = (
    ("Sadykov", "Садыков"),
    ("Kozlov", "Козлов"),
    ("Beketov", "Бекетов"),
    ("Orlov", "Орлов"),
    ("Zhumabekov", "Жумабеков"),
    ("Lebedev", "Лебедев"),
    ("Sultanbekov", "Султанбеков"),
    ("Mukhametov", "Мухаметов"),
    ("Petrenko", "Петренко"),
    ("Tulegenov", "Тулегенов"),
    ("Belov", "Белов"),
    ("Abenov", "Абенов"),
)

_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_RU_MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_RU_WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
_EN_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second",
    "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh",
    "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first",
)  # fmt: skip

_EN_MENU = (
    "Main", "Politics", "Economy", "Society", "World", "Learn", "Sport", "Culture", "Video",
    "Opinion", "Business", "Regions", "Incidents", "Market", "Analytics",
)  # fmt: skip
_RU_MENU = (
    "Главная", "Политика", "Экономика", "Общество", "В мире", "Спорт", "Культура", "Видео",
    "Регионы", "Происшествия", "Бизнес", "Аналитика",
)  # fmt: skip

_EN_QUOTES = (
    "Our countries have always been close partners, and I am sure this will remain so.",
    "We have a lot of work ahead of us, and I count on your support.",
    "Trade between our countries keeps growing, and we intend to keep that pace.",
    "I am glad to welcome you again; these meetings have become a good tradition.",
    "We value the trust that has developed between our peoples over many years.",
    "There are no closed topics between us; we discuss everything openly.",
    "Joint projects in energy and transport are the backbone of our relations.",
    "We need to remove the remaining barriers to the movement of goods and services.",
    "Our governments should meet more often and settle questions without delay.",
    "Integration is not an end in itself; it must bring real benefits to people.",
    "The agreements we reached today will open new opportunities for business.",
    "I thank you for the warm welcome and the constructive conversation.",
    "Cooperation between our regions deserves special attention.",
    "We have agreed to continue the dialogue at all levels.",
    "Industrial cooperation is where we see the greatest potential.",
    "We are neighbours, and neighbours should help each other in difficult times.",
    "Our ministers have done good preparatory work for this meeting.",
    "The world is going through a hard period, which makes our partnership more important.",
    "{home} sees {other} as a strategic partner and a reliable ally.",
    "Relations between {home} and {other} are developing steadily in every direction.",
    "Last year our trade turnover reached about {number} billion dollars; this is not the limit.",
)
_RU_QUOTES = (
    "Наши страны всегда были близкими партнёрами, и я уверен, что так будет и впредь.",
    "Впереди у нас много работы, и я рассчитываю на вашу поддержку.",
    "Товарооборот между нашими странами растёт, и мы намерены сохранить этот темп.",
    "Рад снова приветствовать вас, такие встречи стали доброй традицией.",
    "Между нами нет закрытых тем, мы обсуждаем всё открыто.",
    "Совместные проекты в энергетике и на транспорте составляют основу наших отношений.",
    "Нужно снять оставшиеся барьеры на пути товаров и услуг.",
    "Интеграция не самоцель, она должна приносить людям реальную пользу.",
    "Договорённости, достигнутые сегодня, откроют новые возможности для бизнеса.",
    "Благодарю вас за тёплый приём и конструктивный разговор.",
    "Мы договорились продолжить диалог на всех уровнях.",
    "Мы соседи, а соседи должны помогать друг другу в трудное время.",
    "В прошлом году наш товарооборот составил около {number} миллиардов долларов, и это не предел.",
)

_EN_DISCUSSIONS = (
    "They discussed prospects for bilateral cooperation, including trade, energy and transport.",
    "The sides reviewed the state of trade and economic cooperation and outlined steps to "
    "expand it.",
    "The talks focused on trade, investment and industrial cooperation, as well as regional "
    "security.",
    "The leaders paid particular attention to cooperation in agriculture and to removing "
    "obstacles to mutual trade.",
    "The parties discussed trade, cultural and humanitarian cooperation and the implementation "
    "of earlier agreements.",
)
_RU_DISCUSSIONS = (
    "Стороны обсудили перспективы двустороннего сотрудничества, в том числе в сфере торговли, "
    "энергетики и транспорта.",
    "Главы государств рассмотрели состояние торгово-экономического сотрудничества и наметили "
    "шаги по его расширению.",
    "Особое внимание было уделено сотрудничеству в промышленности и развитию взаимной торговли.",
)

_EN_FILLERS = (
    "The talks were first held in a narrow format and then continued with the participation "
    "of delegations.",
    "Particular attention was paid to transport and logistics projects and to energy supplies.",
    "The parties agreed to intensify contacts between ministries and regional authorities.",
    "Issues of the regional agenda and the situation in neighbouring countries were also "
    "touched upon.",
    "According to official statistics, turnover between the two countries grew by {number} "
    "percent last year.",
    "Experts expect the agreements to give new impetus to joint ventures in engineering and "
    "agriculture.",
    "The next round of consultations is scheduled for the second half of the year.",
    "The meeting took place in a friendly and constructive atmosphere.",
    "The leaders also exchanged views on international issues of mutual interest.",
    "The intergovernmental commission is expected to prepare a road map of joint projects.",
)
_RU_FILLERS = (
    "Переговоры прошли сначала в узком составе, а затем с участием делегаций.",
    "Особое внимание было уделено транспортно-логистическим проектам и поставкам энергоносителей.",
    "Стороны договорились активизировать контакты между министерствами и регионами.",
    "Также были затронуты вопросы региональной повестки.",
    "По данным официальной статистики, в прошлом году товарооборот вырос на {number}%.",
    "Встреча прошла в дружественной и конструктивной атмосфере.",
    "Лидеры также обменялись мнениями по актуальным международным вопросам.",
    "Следующий раунд консультаций запланирован на второе полугодие.",
)

_RU_OFFICE_TITLES = {"President": "президент"}
_CORE_ORGANIZATIONS = (
    "Eurasian Economic Union",
    "Collective Security Treaty Organization",
    "Shanghai Cooperation Organisation",
    "Commonwealth of Independent States",
)
# Words of the bodies leaders meet in; companies and initiatives make odd summit hosts.
_INSTITUTION_WORDS = (
    "Union", "Organization", "Organisation", "Commonwealth", "Council", "Community",
    "Conference", "Commission", "Nations", "Forum", "Space", "Bank",
)  # fmt: skip
_RU_VOWELS = "аяоеиуюыэё"

_EN_TITLES = {
    "meeting": ("{a} meets {b}{where}", "{a} and {b} meet{where}"),
    "talks": ("{a} and {b} hold talks{where}", "{a} held talks with {b}{where}"),
    "phone_call": (
        "{a}, {b} discuss trade in telephone conversation",
        "{a} and {b} hold phone talks",
        "{a} holds telephone conversation with {b}",
    ),
    "summit": (
        "{everyone} attend {org} summit{where}",
        "{org} leaders gather{where}: {a} meets {b}",
    ),
    "visit": (
        "{a} pays {visit} visit to {host_country}",
        "{a} arrives in {destination} for talks with {b}",
    ),
    "signing": ("{a} and {b} sign cooperation agreement{where}", "{a}, {b} sign protocol"),
    "session": (
        "{everyone} take part in {org} session{where}",
        "{a} and {b} attend regular session of {org_full}",
    ),
}
_EN_MAIN_SENTENCES = {
    "meeting": ("{A} met with {B} {when}{where}", "{A} has held a meeting with {B}{where} {when}"),
    "talks": ("{A} and {B} held talks{where} {when}", "{A} held talks with {B} {when}{where}"),
    "phone_call": (
        "{A} held a telephone conversation with {B} {when}",
        "{A} and {B} held a telephone conversation {when}",
    ),
    "summit": ("{everyone_titled} took part in the {org_full} summit{where} {when}",),
    "visit": ("{A} paid {a_visit} visit to {host_country} {when} and held talks with {B}{where}",),
    "signing": ("{A} and {B} signed {document}{where} {when}",),
    "session": ("{everyone_titled} attended a regular session of {org_reference}{where} {when}",),
}
_EN_LEADS = (
    "The leaders discussed trade, investment and regional security.",
    "{a_short} and {b_short} discussed bilateral relations.",
    "The heads of state focused on economic cooperation.",
)
_EN_ATTRIBUTIONS = (
    ", {a_outlet} correspondent reports from {place}.",
    ", the press service of {outlet} informed.",
    ", {outlet} reports.",
)
_EN_ORGANIZATION_PARAGRAPHS = (
    "Speaking of {organization}, {who} said the parties should keep supporting the organization "
    "and make it useful for business.",
    "The leaders also discussed the agenda of {organization}.",
    "Both sides reaffirmed their commitment to {organization} and to closer coordination.",
)
_EN_SECONDARY_LEADER_PARAGRAPHS = (
    "Earlier, {a_short} held talks with {other}.",
    "The leaders also discussed the outcome of recent contacts with {other}.",
    "Last week, {other} also spoke by phone with {a_short}.",
)
_EN_SECONDARY_CITY_PARAGRAPHS = (
    "The next meeting of the intergovernmental commission will be held in {city}.",
    "A business forum is to take place in {city} later this year.",
)
_EN_DOCUMENTS = (
    "an agreement on cooperation in the energy sector",
    "a protocol on amendments to the treaty on good-neighbourliness",
    "a memorandum on trade and economic cooperation",
    "an agreement on the mutual protection of investments",
    "a joint statement on strategic partnership",
)

_RU_TITLES = {
    "meeting": ("{a} и {b} встретились{where}", "Встреча {a_gen} и {b_gen} прошла{where}"),
    "talks": ("{a} и {b} провели переговоры{where}", "Переговоры {a_gen} и {b_gen} прошли{where}"),
    "phone_call": (
        "{a} и {b} обсудили торговлю в телефонном разговоре",
        "Состоялся телефонный разговор {a_gen} и {b_gen}",
    ),
    "summit": ("{everyone} приняли участие в саммите {org}{where}",),
    "visit": ("{visit} визит {a_gen} в {host_country}", "{a} и {b} провели переговоры{where}"),
    "signing": ("{a} и {b} подписали соглашение о сотрудничестве{where}",),
    "session": ("{everyone} приняли участие в заседании {org}{where}",),
}
_RU_MAIN_SENTENCES = {
    "meeting": ("{A} и {B} встретились {when}{where}", "{A} и {B} провели встречу{where} {when}"),
    "talks": ("{A} и {B} провели переговоры{where} {when}",),
    "phone_call": ("{A} и {B} {when} провели телефонный разговор",),
    "summit": ("{everyone_titled} приняли участие в саммите {org}{where} {when}",),
    "visit": (
        "{A} и {B} {when} провели переговоры{where} в ходе {visit_gen} визита {a_gen} "
        "в {host_country}",
    ),
    "signing": ("{A} и {B} {when} подписали {document}{where}",),
    "session": ("{everyone_titled} приняли участие в очередной сессии {org}{where} {when}",),
}
_RU_LEADS = (
    "Лидеры обсудили торговлю, инвестиции и региональную безопасность.",
    "{a} и {b} обсудили двусторонние отношения.",
    "Главы государств уделили основное внимание экономическому сотрудничеству.",
)
_RU_ATTRIBUTIONS = (
    ", сообщает {outlet}.",
    ", передаёт корреспондент {outlet}.",
    ", сообщает пресс-служба {outlet}.",
)
_RU_ORGANIZATION_PARAGRAPHS = (
    "Отдельно обсуждалась повестка {organization}.",
    "Стороны подтвердили приверженность развитию интеграции в рамках {organization}.",
)
_RU_SECONDARY_LEADER_PARAGRAPHS = (
    "Ранее {a} и {other} провели переговоры.",
    "На прошлой неделе {a} и {other} провели телефонный разговор.",
)
_RU_SECONDARY_CITY_PARAGRAPHS = (
    "Следующее заседание межправительственной комиссии пройдёт в {city}.",
    "Деловой форум планируется провести в {city} до конца года.",
)
_RU_SAYING_VERBS = (("сказал", "сказала"), ("отметил", "отметила"), ("подчеркнул", "подчеркнула"))
_RU_DOCUMENTS = (
    "соглашение о сотрудничестве в сфере энергетики",
    "протокол о внесении изменений в договор о добрососедстве",
    "меморандум о торгово-экономическом сотрудничестве",
    "соглашение о взаимной защите инвестиций",
    "совместное заявление о стратегическом партнёрстве",
)


# --- Russian inflection, enough for names, offices, cities and countries ----------------------


def _ru_decline(word: str, case: str, feminine: bool = False) -> str:
    """A surname or title in the genitive ("gen") or instrumental ("ins") case."""
    if "-" in word:
        head, _, tail = word.rpartition("-")
        return f"{head}-{_ru_decline(tail, case, feminine)}"
    if feminine and word.endswith("ая"):
        return word[:-2] + "ой"
    if feminine and word.endswith(_RU_FEMININE_SURNAME_ENDINGS):
        return word[:-1] + "ой"
    if word.endswith("а"):  # men's names too: Обама, Обамы, Обамой
        return word[:-1] + {"gen": "и" if word[-2] in "гкхжшчщ" else "ы", "ins": "ой"}[case]
    if word.endswith("я"):
        return word[:-1] + {"gen": "и", "ins": "ей"}[case]
    if feminine or word[-1] in _RU_VOWELS:
        return word
    if word.endswith(("ский", "цкий")):
        return word[:-2] + {"gen": "ого", "ins": "им"}[case]
    if word.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return word + {"gen": "а", "ins": "ым"}[case]
    if word.endswith(("й", "ь")):
        return word[:-1] + {"gen": "я", "ins": "ем"}[case]
    return word + {"gen": "а", "ins": "ем" if word[-1] in "жшчщц" else "ом"}[case]


def _ru_gender(leader: Leader) -> str | None:
    """ "m" or "f" where the Russian surname shows it (Путин, Отунбаева); None for Санду."""
    last = leader.name_ru.split()[-1] if leader.family_name_first else leader.surname_ru
    if last.endswith(_RU_FEMININE_SURNAME_ENDINGS):
        return "f"
    return None if last[-1] in _RU_VOWELS else "m"


def _ru_surname(leader: Leader, case: str) -> str:
    """The surname (the whole name for ``Си Цзиньпин``) in a case: Путина, Назарбаевым."""
    words = leader.name_ru.split() if leader.family_name_first else [leader.surname_ru]
    if case != "nom":
        words[-1] = _ru_decline(words[-1], case, _ru_gender(leader) == "f")
    return " ".join(words)


def _ru_place_form(name: str, case: str, known: set[str]) -> str:
    """A place name in the genitive, accusative or prepositional case: России, в Россию, в Москве.

    Where the rules cannot tell (Казани but Гомеле), a form among the place's aliases wins.
    """
    if name.isupper() or name[-1] in "оеиуюыэ" or (case == "acc" and name[-1] not in "ая"):
        return name
    stem, ending = name[:-1], name[-1]
    if case == "acc":
        candidates = [stem + ("у" if ending == "а" else "ю")]
    elif case == "gen":
        candidates = {
            "а": [stem + ("и" if stem[-1] in "гкхжшчщ" else "ы")],
            "я": [stem + "и"],
            "й": [stem + "я"],
            "ь": [stem + "и", stem + "я"],
        }.get(ending, [name + "а"])
    else:
        candidates = {
            "а": [stem + "е"],
            "я": [stem + ("и" if name.endswith("ия") else "е")],
            "й": [stem + "е"],
            "ь": [stem + "и", stem + "е"],
        }.get(ending, [name + "е"])
    if name.endswith("ль"):
        candidates.reverse()
    return next((form for form in candidates if form in known), candidates[0])


# --- dates ---------------------------------------------------------------------------------------


def _en_suffix(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _ru_date(day: date) -> str:
    return f"{day.day} {_RU_MONTHS_GENITIVE[day.month - 1]} {day.year}"


def _clock(rng: random.Random) -> str:
    return f"{rng.randrange(7, 24):02d}:{rng.randrange(60):02d}"


def _scrape_date_line(scraped: date, russian: bool, rng: random.Random) -> str:
    month = _EN_MONTHS[scraped.month - 1]
    weekday = _EN_WEEKDAYS[scraped.weekday()]
    if russian:
        return f"{_RU_WEEKDAYS[scraped.weekday()].capitalize()}, {_ru_date(scraped)}"
    forms = (
        f"{weekday}, {month} {scraped.day}{_en_suffix(scraped.day)}, {scraped.year}",
        f"{scraped.day} {month} {scraped.year}, {weekday}",
        f"{month[:3]} {scraped.day}, {scraped.year} {_clock(rng)}",
    )
    return rng.choice(forms)


def _published_date_line(published: date, russian: bool, rng: random.Random) -> str:
    """The publication date in one of the forms pages use (some with a time)."""
    day, year = published.day, published.year
    month = _EN_MONTHS[published.month - 1]
    numeric = f"{day:02d}.{published.month:02d}.{year}"
    if russian:
        forms = (
            f"{_ru_date(published)}, {_clock(rng)}",
            _ru_date(published),
            numeric,
            f"{numeric} {_clock(rng)}",
            published.isoformat(),
        )
        return rng.choice(forms)
    forms = (
        f"{_ru_date(published)}, {_clock(rng)}",
        f"{month} {day}, {year}",
        f"{day} {month} {year}",
        numeric,
        published.isoformat(),
        f"{_EN_WEEKDAYS[published.weekday()]}, {day} {month} {year} {_clock(rng)}",
    )
    return rng.choice(forms)


# --- one page ------------------------------------------------------------------------------------


@dataclass
class PagePlan:
    """What a page reports, decided before any wording: the ground truth."""

    russian: bool
    published: date
    event_kind: str
    event_day: date
    participants: list[Holder]
    place: City | None
    outlet: Outlet
    organizations: list[Organization]
    secondary_leader: Holder | None
    secondary_city: City | None
    bylines: list[Journalist]


@dataclass
class Paragraph:
    """A paragraph of the body; ``damageable`` ones name nobody, so damage harms no name."""

    text: str
    damageable: bool = False


@dataclass
class GeneratedPage:
    """A page's file name, its text and its ground-truth manifest record."""

    file_name: str
    text: str
    record: dict


class CorpusGenerator:
    """Builds page ``index`` for a seed; pages are independent of each other and of the count."""

    def __init__(self, knowledge: dict, seed: int | str = 0):
        self.knowledge = Knowledge(knowledge)
        self.seed = seed

    def page(self, index: int) -> GeneratedPage:
        """The page numbered ``index``: its text, file name and manifest record."""
        rng = random.Random(f"{self.seed}:{index}")
        plan = self._plan(rng)
        writer = _RussianPage(plan, rng) if plan.russian else _EnglishPage(plan, rng)
        text, title = writer.render()
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        file_name = f"{index:06d}_{digest}.txt"
        return GeneratedPage(file_name, text, _record(plan, file_name, title))

    def _plan(self, rng: random.Random) -> PagePlan:
        knowledge = self.knowledge
        period, event_day = knowledge.pick_day(rng)
        lag = min(rng.choice((0, 0, 1, 1, 1, 2, 3)), (period.last - event_day).days)
        published = event_day + timedelta(days=lag)
        russian = rng.random() < RUSSIAN_SHARE
        holders = list(period.holders)
        if russian:
            holders = [h for h in holders if h.leader.name_ru and h.country.name_ru_of]
            if len(holders) < 2:
                russian, holders = False, list(period.holders)
        kind = rng.choice(EVENT_KINDS)
        size = 2
        if kind in ("summit", "session") and len(holders) > 2:
            size = rng.randint(2, min(4, len(holders)))
        participants = rng.sample(holders, size)
        cities = [c for c in knowledge.cities if c.name_ru_in] if russian else knowledge.cities
        host = participants[1] if kind == "visit" else None
        place = None
        if kind != "phone_call" and cities:
            codes = [host.country.code] if host else [p.country.code for p in participants]
            local = [c for c in cities if c.country in codes]
            if local or not host:
                place = rng.choice(local or cities)
        wanted = 1 if kind in ("summit", "session") else 0
        wanted += rng.choices((0, 1, 2), weights=(40, 45, 15))[0]
        organizations = knowledge.pick_organizations(rng, wanted)
        if kind in ("summit", "session") and not organizations:
            kind = "meeting"
        others = [h for h in holders if h not in participants]
        secondary_leader = rng.choice(others) if others and rng.random() < 0.3 else None
        secondary_city = rng.choice(cities) if cities and rng.random() < 0.3 else None
        if secondary_city is place:
            secondary_city = None
        outlets = knowledge.outlets
        home_outlets = [o for o in outlets if o.country in [p.country.code for p in participants]]
        outlet = rng.choice(home_outlets if home_outlets and rng.random() < 0.7 else outlets)
        bylines = []
        if knowledge.journalists and rng.random() < 0.45:
            bylines = rng.sample(knowledge.journalists, rng.choice((1, 1, 2)))
        return PagePlan(
            russian=russian,
            published=published,
            event_kind=kind,
            event_day=event_day,
            participants=participants,
            place=place,
            outlet=outlet,
            organizations=organizations,
            secondary_leader=secondary_leader,
            secondary_city=secondary_city,
            bylines=bylines,
        )


def _record(plan: PagePlan, file_name: str, title: str) -> dict:
    people = [h.leader.name for h in plan.participants]
    if plan.secondary_leader:
        people.append(plan.secondary_leader.leader.name)
    places = [city.name for city in (plan.place, plan.secondary_city) if city]
    bylines = [j.name_ru if plan.russian else j.name for j in plan.bylines]
    return {
        "file": file_name,
        "title": title,
        "published": plan.published.isoformat(),
        "language": "ru" if plan.russian else "en",
        "source": plan.outlet.name,
        "bylines": bylines,
        "people": people,
        "places": places,
        "organizations": [org.name for org in plan.organizations],
        "event": {
            "kind": plan.event_kind,
            "date": plan.event_day.isoformat(),
            "place": plan.place.name if plan.place else None,
            "participants": sorted(h.leader.name for h in plan.participants),
        },
    }


class _PageWriter:
    """Layout and noise shared by both languages; the subclasses supply the wording."""

    menu: tuple[str, ...]
    photo_credits: tuple[str, ...]
    bug_notice: str
    bug_footer: str
    share_words: tuple[str, ...]
    source_label: str
    tags_label: str
    rights: str
    quote_marks: tuple[tuple[str, str], ...]
    quotes: tuple[str, ...]
    discussions: tuple[str, ...]
    fillers: tuple[str, ...]
    titles: dict[str, tuple[str, ...]]
    main_sentences: dict[str, tuple[str, ...]]
    attributions: tuple[str, ...]
    organization_paragraphs: tuple[str, ...]
    secondary_leader_paragraphs: tuple[str, ...]
    secondary_city_paragraphs: tuple[str, ...]

    def __init__(self, plan: PagePlan, rng: random.Random):
        self.plan = plan
        self.rng = rng
        self.source_named = False
        self.words = self.wording()
        # At most 3 quotes of 3 sentences each: the pools are long enough never to run dry.
        self.unused_quotes = rng.sample(self.quotes, len(self.quotes))

    def render(self) -> tuple[str, str]:
        """The page text and its title (without any date glued to it)."""
        plan, rng = self.plan, self.rng
        blocks = self.header()
        if rng.random() < 0.45:
            scraped = plan.published + timedelta(days=rng.randint(1, 2500))
            blocks.append(_scrape_date_line(min(scraped, LATEST_SCRAPE_DAY), plan.russian, rng))
        title = rng.choice(self.titles[plan.event_kind]).format(**self.words)
        date_line = self.published_line()
        glued = rng.random() < 0.25
        blocks.append(f"{title} {date_line}" if glued else title)
        lead = self.lead()
        if not glued:
            if rng.random() < 0.8:
                blocks.append(date_line)
            else:
                lead = f"{lead}\n{date_line}"
        byline_first = bool(plan.bylines) and rng.random() < 0.3
        if byline_first:
            blocks.append(self.byline())
        blocks.append(lead)
        blocks.extend(self.caption_noise())
        paragraphs = self.body()
        if rng.random() < 0.2:
            self.damage(paragraphs)
        blocks.extend(p.text for p in paragraphs)
        if plan.bylines and not byline_first:
            blocks.append(self.byline())
        blocks.extend(self.footer())
        separators = [rng.choice(("\n\n", "\n\n", "\n\n", "\n\n\n", " \n\n")) for _ in blocks]
        text = "".join(block + gap for block, gap in zip(blocks, separators, strict=True))
        return text.rstrip(" \n") + rng.choice(("\n", "", "\n\n")), title

    def published_line(self) -> str:
        return _published_date_line(self.plan.published, self.plan.russian, self.rng)

    def header(self) -> list[str]:
        rng = self.rng
        blocks = []
        if rng.random() < 0.3:
            blocks.append("Skip to Content")
        if rng.random() < 0.4:
            code, number = rng.randrange(700, 780), f"{rng.randrange(10**7):07d}"
            advert = rng.choice(("Реклама", "Реклама", "Advertising:", "Ad"))
            blocks.append(f"{advert} +7({code}) {number[:3]} {number[3:5]} {number[5:]}")
        if rng.random() < 0.6:
            words = rng.choices(self.menu, k=rng.randint(2, 6))
            if rng.random() < 0.5:
                blocks.append("\n".join(f"  {n}. {word}" for n, word in enumerate(words, 1)))
            else:
                bullet = rng.choice(("•", "•", "*"))
                blocks.append("\n".join(f"  {bullet} {word}" for word in words))
        if rng.random() < 0.15:
            blocks.append("Join Telegram")
        return blocks

    def caption_noise(self) -> list[str]:
        rng = self.rng
        blocks = []
        if rng.random() < 0.3:
            blocks.append(f"  • {self.bug_notice}")
        if rng.random() < 0.4:
            caption = f"{rng.choice(self.photo_credits)} {self.plan.outlet.domain}"
            blocks.append(f"{caption} {caption}" if rng.random() < 0.4 else caption)
        return blocks

    def footer(self) -> list[str]:
        plan, rng = self.plan, self.rng
        lines = []
        if not self.source_named or rng.random() < 0.4:
            lines.append(f"{self.source_label}: {plan.outlet.name}")
        extras = [
            "Join Telegram",
            self.bug_footer,
            "\n".join(rng.sample(self.share_words, 3)),
            f"{self.tags_label}: {', '.join(self.tags())}",
        ]
        lines.extend(rng.sample(extras, rng.randint(0, len(extras))))
        if rng.random() < 0.25:
            year = min(plan.published.year + rng.randint(0, 6), LATEST_SCRAPE_DAY.year)
            lines.append(f"© {year} {plan.outlet.name}. {self.rights}")
        return lines

    def attribution(self) -> str:
        plan, rng = self.plan, self.rng
        if rng.random() < 0.5:
            return "."
        self.source_named = True
        choices = [a for a in self.attributions if plan.place or "{place}" not in a]
        place = plan.place.name if plan.place else ""
        outlet = plan.outlet.name
        article = "an" if outlet[0] in "AEIOU" else "a"
        return rng.choice(choices).format(
            outlet=outlet, a_outlet=f"{article} {outlet}", place=place
        )

    def body(self) -> list[Paragraph]:
        """The main paragraph first, then the rest shuffled and padded to 4–10 paragraphs."""
        plan, rng, words = self.plan, self.rng, self.words
        main = rng.choice(self.main_sentences[plan.event_kind]).format(**words)
        rest = []
        if rng.random() < 0.9:
            rest.append(Paragraph(rng.choice(self.discussions), damageable=True))
        rest += [Paragraph(self.quote()) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        named_in_main = 1 if plan.event_kind in ("summit", "session") else 0
        templates = rng.sample(self.organization_paragraphs, len(self.organization_paragraphs))
        for number, org in enumerate(plan.organizations[named_in_main:]):
            template = templates[number % len(templates)]
            speaker = self.refer(rng.choice(plan.participants))
            rest.append(Paragraph(template.format(organization=self.org(org), who=speaker)))
        if plan.secondary_leader:
            template = rng.choice(self.secondary_leader_paragraphs)
            other = self.secondary(plan.secondary_leader)
            rest.append(Paragraph(template.format(other=other, **words)))
        if plan.secondary_city:
            template = rng.choice(self.secondary_city_paragraphs)
            rest.append(Paragraph(template.format(city=self.city(plan.secondary_city))))
        rest += self.extra_paragraphs()
        wanted = rng.randint(4, 10) - 1 - len(rest)
        for template in rng.sample(self.fillers, max(0, min(wanted, len(self.fillers)))):
            rest.append(Paragraph(template.format(number=rng.randint(3, 40)), damageable=True))
        rng.shuffle(rest)
        return [Paragraph(_capitalize(main) + self.attribution()), *rest]

    def damage(self, paragraphs: list[Paragraph]) -> None:
        """Scraping damage: drop a paragraph's first letter, or glue two words together."""
        rng = self.rng
        candidates = [p for p in paragraphs if p.damageable]
        if not candidates:
            return
        paragraph = rng.choice(candidates)
        if rng.random() < 0.5:
            paragraph.text = paragraph.text[1:]
        else:
            joints = [i for i, char in enumerate(paragraph.text) if char in " -"]
            cut = rng.choice(joints)
            paragraph.text = paragraph.text[:cut] + paragraph.text[cut + 1 :]

    def quote_text(self, speaker: Holder) -> str:
        rng = self.rng
        others = [h for h in self.plan.participants if h is not speaker]
        text = " ".join(self.unused_quotes.pop() for _ in range(rng.choice((1, 1, 2, 3))))
        return text.format(
            home=speaker.country.name,
            other=rng.choice(others).country.name,
            number=rng.randint(2, 30),
        )

    def extra_paragraphs(self) -> list[Paragraph]:
        return []


class _EnglishPage(_PageWriter):
    menu = _EN_MENU
    photo_credits = ("Photo courtesy of", "Photo:", "Photo by")
    bug_notice = "Found a bug?"
    bug_footer = "Found a bug? Select the text and press Ctrl+Enter"
    share_words = ("Share", "Facebook", "Twitter", "Telegram")
    source_label = "Source"
    tags_label = "Tags"
    rights = "All rights reserved."
    quote_marks = (("“", "”"), ('"', '"'), ("“", '"'))
    quotes = _EN_QUOTES
    discussions = _EN_DISCUSSIONS
    fillers = _EN_FILLERS
    titles = _EN_TITLES
    main_sentences = _EN_MAIN_SENTENCES
    attributions = _EN_ATTRIBUTIONS
    organization_paragraphs = _EN_ORGANIZATION_PARAGRAPHS
    secondary_leader_paragraphs = _EN_SECONDARY_LEADER_PARAGRAPHS
    secondary_city_paragraphs = _EN_SECONDARY_CITY_PARAGRAPHS

    def wording(self) -> dict[str, str]:
        plan, rng = self.plan, self.rng
        first, second = plan.participants[0], plan.participants[1]
        org = plan.organizations[0] if plan.organizations else None
        visit = rng.choice(("official", "state"))
        return {
            "a": self.headline_name(first),
            "b": self.headline_name(second),
            "a_short": self.short(first),
            "b_short": self.short(second),
            "A": self.titled(first),
            "B": self.titled(second),
            "everyone": self.listing(plan.participants, self.short),
            "everyone_titled": self.listing(plan.participants, self.titled),
            "when": self.when(),
            "where": f" in {plan.place.name}" if plan.place else "",
            "destination": plan.place.name if plan.place else second.country.name,
            "host_country": second.country.name,
            "visit": visit,
            "a_visit": f"an {visit}" if visit == "official" else f"a {visit}",
            "document": rng.choice(_EN_DOCUMENTS),
            "org": (org.acronym or org.name) if org else "",
            "org_full": org.name if org else "",
            "org_reference": self.org(org) if org else "",
        }

    def published_line(self) -> str:
        if self.rng.random() < 0.15:
            published = self.plan.published
            month = _EN_MONTHS[published.month - 1]
            return f"by {month} {published.day}, {published.year} {self.rng.choice(self.menu)}"
        return super().published_line()

    def short(self, holder: Holder) -> str:
        leader = holder.leader
        return leader.name if leader.family_name_first else leader.surname

    def office(self, holder: Holder) -> str:
        """``Russian President`` or ``President of Kazakhstan``."""
        term, country = holder.term, holder.country
        plain_title = not term.acting and " of " not in term.title
        if country.adjective and plain_title and self.rng.random() < 0.5:
            return f"{country.adjective} {term.title}"
        title = f"acting {term.title}" if term.acting else term.title
        return f"{title} of {country.name}"

    def titled(self, holder: Holder) -> str:
        """``Russian President Vladimir Putin``, ``President of Belarus Alexander Lukashenko``."""
        return _capitalize(f"{self.office(holder)} {holder.leader.name}")

    def headline_name(self, holder: Holder) -> str:
        roll = self.rng.random()
        if roll < 0.6:
            return self.short(holder)
        if roll < 0.85 or holder is self.plan.participants[0] or not holder.country.adjective:
            return holder.leader.name
        if " of " in holder.term.title:
            return holder.leader.name
        return f"{holder.country.adjective} {holder.term.title}"

    def refer(self, holder: Holder) -> str:
        """A later reference: surname, full name, initial, office, or the Head of State."""
        leader = holder.leader
        roll = self.rng.random()
        if roll < 0.35:
            return self.short(holder)
        if roll < 0.5:
            return leader.name
        if roll < 0.62 and not leader.family_name_first:
            return f"{leader.given_name[0]}. {leader.surname}"
        if roll < 0.75 and holder.country.code == self.plan.outlet.country:
            return "the Head of State"
        if roll < 0.9:
            return f"the {self.office(holder)}"
        return self.short(holder)

    def listing(self, holders: list[Holder], name) -> str:
        names = [name(holder) for holder in holders]
        return ", ".join(names[:-1]) + f" and {names[-1]}"

    def when(self) -> str:
        """The event date, relative to the publication date or absolute."""
        plan = self.plan
        event, lag = plan.event_day, (plan.published - plan.event_day).days
        month = _EN_MONTHS[event.month - 1]
        forms = [f"on {event.day} {month} {event.year}", f"on {month} {event.day}, {event.year}"]
        if event.year == plan.published.year:
            forms += [
                f"on {month} {event.day}",
                f"on {event.day} {month}",
                f"on the {_EN_ORDINALS[event.day - 1]} of {month} this year",
                f"on {_EN_WEEKDAYS[event.weekday()]}, {month} {event.day}",
            ]
        forms += {0: ["today"], 1: ["yesterday"]}.get(lag, [])
        return self.rng.choice(forms)

    def org(self, org: Organization) -> str:
        forms = [f"the {org.name}"]
        if org.acronym:
            forms += [f"the {org.name} ({org.acronym})", f"the {org.acronym}"]
        return self.rng.choice(forms)

    def secondary(self, holder: Holder) -> str:
        return self.titled(holder)

    def city(self, city: City) -> str:
        return city.name

    def tags(self) -> list[str]:
        names = [self.short(holder) for holder in self.plan.participants]
        return names + [org.acronym or org.name for org in self.plan.organizations]

    def lead(self) -> str:
        plan = self.plan
        leads = list(_EN_LEADS)
        if plan.place and plan.place.country != plan.participants[0].country.code:
            leads.append("{A} arrives in {destination} for talks with {b_short}.")
        return self.rng.choice(leads).format(**self.words)

    def quote(self) -> str:
        plan, rng = self.plan, self.rng
        speaker = rng.choice(plan.participants)
        listener = rng.choice([h for h in plan.participants if h is not speaker])
        opening, closing = rng.choice(self.quote_marks)
        text = self.quote_text(speaker)
        who = self.refer(speaker)
        verb = rng.choice(("said", "noted", "stressed", "said", "added"))
        style = rng.random()
        if style < 0.4:
            return f"{opening}{text[:-1]},{closing} {who} {verb}."
        if style < 0.7:
            return f"{opening}{text[:-1]}{closing}, {who} {verb}."
        if style < 0.85:
            return f"{_capitalize(who)} {verb}: {opening}{text}{closing}"
        return f"{opening}{text[:-1]},{closing} {who} told {self.short(listener)}."

    def byline(self) -> str:
        names = [journalist.name for journalist in self.plan.bylines]
        if len(names) == 2:
            first, second = names
            return self.rng.choice(
                (f"Reporting by {first}, writing by {second}", f"By {first} and {second}")
            )
        return self.rng.choice((f"By {names[0]}", f"Author: {names[0]}"))

    def extra_paragraphs(self) -> list[Paragraph]:
        adjectives = [holder.country.adjective for holder in self.plan.participants[:2]]
        if not all(adjectives) or self.rng.random() >= 0.3:
            return []
        text = f"{adjectives[0]}-{adjectives[1]} relations were called a model for the region."
        return [Paragraph(text, damageable=True)]


class _RussianPage(_PageWriter):
    menu = _RU_MENU
    photo_credits = ("Фото:", "Фото с сайта")
    bug_notice = "Нашли ошибку?"
    bug_footer = "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter"
    share_words = ("Поделиться", "Facebook", "Twitter", "Telegram")
    source_label = "Источник"
    tags_label = "Теги"
    rights = "Все права защищены."
    quote_marks = (("«", "»"), ("«", "»"), ("“", "”"), ('"', '"'))
    quotes = _RU_QUOTES
    discussions = _RU_DISCUSSIONS
    fillers = _RU_FILLERS
    titles = _RU_TITLES
    main_sentences = _RU_MAIN_SENTENCES
    attributions = _RU_ATTRIBUTIONS
    organization_paragraphs = _RU_ORGANIZATION_PARAGRAPHS
    secondary_leader_paragraphs = _RU_SECONDARY_LEADER_PARAGRAPHS
    secondary_city_paragraphs = _RU_SECONDARY_CITY_PARAGRAPHS

    def wording(self) -> dict[str, str]:
        plan, rng = self.plan, self.rng
        first, second = plan.participants[0], plan.participants[1]
        org = plan.organizations[0] if plan.organizations else None
        visit = rng.choice(
            (("Официальный", "официального"), ("Государственный", "государственного"))
        )
        short_names = [_ru_surname(holder.leader, "nom") for holder in plan.participants]
        return {
            "a": _ru_surname(first.leader, "nom"),
            "b": _ru_surname(second.leader, "nom"),
            "a_gen": _ru_surname(first.leader, "gen"),
            "b_gen": _ru_surname(second.leader, "gen"),
            "A": self.titled(first),
            "B": self.titled(second),
            "everyone": self.listing(short_names),
            "everyone_titled": self.listing([self.titled(h) for h in plan.participants]),
            "when": self.when(),
            "where": f" в {plan.place.name_ru_in}" if plan.place else "",
            "host_country": second.country.name_ru_to,
            "visit": visit[0],
            "visit_gen": visit[1],
            "document": rng.choice(_RU_DOCUMENTS),
            "org": self.org(org) if org else "",
        }

    def office(self, holder: Holder, case: str) -> str | None:
        """``президент России`` in a case, or None for a title with no Russian wording."""
        title = _RU_OFFICE_TITLES.get(holder.term.title)
        if not title:
            return None
        country = holder.country.name_ru_of
        if holder.term.acting:
            acting = {"nom": "исполняющий", "gen": "исполняющего", "ins": "исполняющим"}[case]
            return f"{acting} обязанности {_ru_decline(title, 'gen')} {country}"
        return f"{title if case == 'nom' else _ru_decline(title, case)} {country}"

    def titled(self, holder: Holder, case: str = "nom") -> str:
        """``президент России Владимир Путин``; in other cases ``президентом России Путиным``."""
        office = self.office(holder, case)
        name = holder.leader.name_ru if case == "nom" else _ru_surname(holder.leader, case)
        return f"{office} {name}" if office else name

    def refer(self, holder: Holder, case: str = "nom") -> str:
        """A reference: surname, full name, initial, office, or Глава государства."""
        leader = holder.leader
        roll = self.rng.random()
        if roll < 0.35:
            return _ru_surname(leader, case)
        if roll < 0.5 and case == "nom":
            return leader.name_ru
        if roll < 0.62 and not leader.family_name_first:
            return f"{leader.name_ru[0]}. {_ru_surname(leader, case)}"
        if roll < 0.78 and holder.country.code == self.plan.outlet.country:
            return {"nom": "Глава государства", "gen": "Главы государства"}[case]
        return self.office(holder, case) or _ru_surname(leader, case)

    def listing(self, names: list[str]) -> str:
        return ", ".join(names[:-1]) + f" и {names[-1]}"

    def when(self) -> str:
        plan = self.plan
        event, lag = plan.event_day, (plan.published - plan.event_day).days
        forms = [f"{_ru_date(event)} года", f"{event.day:02d}.{event.month:02d}.{event.year}"]
        if event.year == plan.published.year:
            forms.append(f"{event.day} {_RU_MONTHS_GENITIVE[event.month - 1]}")
        forms += {0: ["сегодня"], 1: ["вчера"]}.get(lag, [])
        return self.rng.choice(forms)

    def org(self, org: Organization) -> str:
        """The organization in the genitive: its acronym, or its name in quotation marks."""
        return org.acronym_ru or f"объединения «{org.name_ru or org.name}»"

    def secondary(self, holder: Holder) -> str:
        return self.titled(holder)

    def city(self, city: City) -> str:
        return city.name_ru_in

    def tags(self) -> list[str]:
        names = [_ru_surname(holder.leader, "nom") for holder in self.plan.participants]
        return names + [
            org.acronym_ru or org.name_ru or org.name for org in self.plan.organizations
        ]

    def lead(self) -> str:
        return self.rng.choice(_RU_LEADS).format(**self.words)

    def quote(self) -> str:
        """A quote; the verb's gender only where the surname shows it (Путин, Отунбаева)."""
        rng = self.rng
        speaker = rng.choice(self.plan.participants)
        opening, closing = rng.choice(self.quote_marks)
        text = self.quote_text(speaker)
        gender = _ru_gender(speaker.leader)
        style = rng.random()
        if gender and style < 0.6:
            verb = rng.choice(_RU_SAYING_VERBS)[gender == "f"]
            return f"{opening}{text[:-1]}{closing}, — {verb} {self.refer(speaker)}."
        quoted = f"{opening}{text[:-1]}{closing}."
        if style < 0.8:
            quoted = quoted[0] + quoted[1].lower() + quoted[2:]
            return f"По словам {self.refer(speaker, 'gen')}, {quoted}"
        return f"{_capitalize(self.refer(speaker))}: {quoted}"

    def byline(self) -> str:
        names = ", ".join(journalist.name_ru for journalist in self.plan.bylines)
        return f"{self.rng.choice(('Автор', 'Текст'))}: {names}"


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- writing a corpus -------------------------------------------------------------------------


def write_corpus(
    out_dir: Path | str,
    count: int,
    seed: int | str = 0,
    knowledge: dict | None = None,
    manifest: bool = False,
) -> None:
    """Write pages ``0 .. count-1`` (and ``manifest.jsonl`` if asked) into ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    generator = CorpusGenerator(load_knowledge() if knowledge is None else knowledge, seed)
    with ExitStack() as stack:
        records = None
        if manifest:
            records = stack.enter_context((out_dir / MANIFEST_NAME).open("w", encoding="utf-8"))
        for index in range(count):
            page = generator.page(index)
            (out_dir / page.file_name).write_bytes(page.text.encode("utf-8"))
            if records is not None:
                records.write(json.dumps(page.record, ensure_ascii=False) + "\n")
