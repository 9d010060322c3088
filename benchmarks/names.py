"""Word lists for the corpus generator: realistic names, places, topics and phrases."""

from __future__ import annotations

FIRST_NAMES = (
    "Anna", "Olena", "Mykola", "Sergei", "Marta", "Jean", "Claire", "Pierre", "Giulia", "Marco",
    "Sofia", "Lars", "Ingrid", "Piotr", "Agnieszka", "Tomas", "Eva", "Jonas", "Laura", "Daniel",
    "Helen", "James", "Robert", "Maria", "Carlos", "Lucia", "Ahmed", "Fatima", "Kemal", "Ayse",
    "Hiroshi", "Yuki", "Wei", "Li", "Rajesh", "Priya", "Kwame", "Amina", "Olga", "Dmitri",
    "Viktor", "Irina", "Oksana", "Taras", "Kaja", "Mette", "Antonio", "Elena", "Miguel", "Sarah",
)  # fmt: skip
LAST_NAMES = (
    "Kovalenko", "Shevchenko", "Bondarenko", "Ivanov", "Petrov", "Smirnova", "Dubois", "Moreau",
    "Lefebvre", "Rossi", "Bianchi", "Ricci", "Andersen", "Nilsen", "Kowalski", "Nowak", "Novak",
    "Svoboda", "Schmidt", "Becker", "Hoffmann", "Wagner", "Smith", "Johnson", "Brown", "Garcia",
    "Martinez", "Lopez", "Yilmaz", "Demir", "Tanaka", "Sato", "Zhang", "Wang", "Sharma", "Mensah",
    "Okafor", "Virtanen", "Korhonen", "Jansen", "de Vries", "Horvath", "Popescu", "Georgiou",
    "Papadopoulos", "Kallas", "Ozols", "Kazlauskas", "Hansen", "Lindqvist", "O'Brien", "Murphy",
)  # fmt: skip
COUNTRIES = (
    ("ukraine", "Ukraine", ("Kyiv",)), ("russia", "Russia", ("Moscow", "the Kremlin")),
    ("united-states", "United States", ("US", "USA", "Washington")),
    ("united-kingdom", "United Kingdom", ("UK", "Britain", "London")),
    ("france", "France", ("Paris",)), ("germany", "Germany", ("Berlin",)),
    ("italy", "Italy", ("Rome",)), ("poland", "Poland", ("Warsaw",)),
    ("finland", "Finland", ("Helsinki",)), ("estonia", "Estonia", ("Tallinn",)),
    ("latvia", "Latvia", ("Riga",)), ("lithuania", "Lithuania", ("Vilnius",)),
    ("belarus", "Belarus", ("Minsk",)), ("moldova", "Moldova", ("Chisinau",)),
    ("turkey", "Turkey", ("Türkiye", "Ankara")), ("china", "China", ("Beijing",)),
    ("india", "India", ("New Delhi",)), ("japan", "Japan", ("Tokyo",)),
    ("canada", "Canada", ("Ottawa",)), ("norway", "Norway", ("Oslo",)),
    ("sweden", "Sweden", ("Stockholm",)), ("denmark", "Denmark", ("Copenhagen",)),
    ("netherlands", "Netherlands", ("The Netherlands", "The Hague")),
    ("spain", "Spain", ("Madrid",)), ("hungary", "Hungary", ("Budapest",)),
    ("romania", "Romania", ("Bucharest",)), ("czechia", "Czechia", ("Czech Republic", "Prague")),
    ("slovakia", "Slovakia", ("Bratislava",)), ("georgia", "Georgia", ("Tbilisi",)),
    ("saudi-arabia", "Saudi Arabia", ("Riyadh",)), ("qatar", "Qatar", ("Doha",)),
    ("switzerland", "Switzerland", ("Bern",)), ("austria", "Austria", ("Vienna",)),
    ("belgium", "Belgium", ("Brussels",)), ("brazil", "Brazil", ("Brasília",)),
    ("south-africa", "South Africa", ("Pretoria",)), ("iran", "Iran", ("Tehran",)),
    ("north-korea", "North Korea", ("DPRK", "Pyongyang")), ("israel", "Israel", ()),
    ("egypt", "Egypt", ("Cairo",)),
)  # fmt: skip
ORGANIZATIONS = (
    ("nato", "NATO", ("North Atlantic Treaty Organization", "the Alliance")),
    ("european-union", "European Union", ("EU",)),
    ("european-commission", "European Commission", ("the Commission",)),
    ("united-nations", "United Nations", ("UN",)),
    ("un-security-council", "UN Security Council", ("Security Council",)),
    ("iaea", "International Atomic Energy Agency", ("IAEA",)),
    ("icrc", "International Committee of the Red Cross", ("ICRC", "Red Cross")),
    ("osce", "OSCE", ("Organization for Security and Co-operation in Europe",)),
    ("imf", "International Monetary Fund", ("IMF",)), ("world-bank", "World Bank", ()),
    ("icc", "International Criminal Court", ("ICC",)),
    ("g7", "G7", ("Group of Seven",)), ("g20", "G20", ()),
    ("white-house", "White House", ()), ("pentagon", "Pentagon", ("US Department of Defense",)),
    ("state-department", "State Department", ("US State Department",)),
    ("kremlin", "Kremlin", ("Russian presidential administration",)),
    ("verkhovna-rada", "Verkhovna Rada", ("Ukrainian parliament", "the Rada")),
    ("bundestag", "Bundestag", ()), ("elysee", "Élysée Palace", ("Elysee",)),
    ("downing-street", "Downing Street", ("No 10",)),
    ("ukrainian-armed-forces", "Armed Forces of Ukraine", ("Ukrainian army", "ZSU")),
    ("russian-armed-forces", "Russian Armed Forces", ("Russian army",)),
    ("sbu", "Security Service of Ukraine", ("SBU",)), ("reuters", "Reuters", ()),
    ("associated-press", "Associated Press", ("AP",)), ("bellingcat", "Bellingcat", ()),
    ("amnesty", "Amnesty International", ("Amnesty",)),
    ("human-rights-watch", "Human Rights Watch", ("HRW",)), ("unhcr", "UNHCR", ()),
)  # fmt: skip
ROLES = (
    "President of {c}", "Prime Minister of {c}", "Foreign Minister of {c}",
    "Defence Minister of {c}", "Ambassador of {c} to the UN", "Chief of staff, {c}",
    "Spokesperson for the government of {c}", "Opposition leader in {c}",
    "National security adviser of {c}", "Finance Minister of {c}", "Envoy of {c}",
    "Journalist", "Analyst", "Mayor", "Regional governor", "General", "Negotiator",
)  # fmt: skip
PLACES = (
    "Kyiv", "Kharkiv", "Odesa", "Lviv", "Dnipro", "Zaporizhzhia", "Mykolaiv", "Kherson",
    "Sumy", "Chernihiv", "Poltava", "Bakhmut", "Avdiivka", "Pokrovsk", "Kramatorsk",
    "Sloviansk", "Izium", "Mariupol", "Donetsk", "Luhansk", "Moscow", "Belgorod", "Kursk",
    "Brussels", "Washington", "White House, Washington", "Paris", "Berlin", "London", "Rome",
    "Warsaw", "Helsinki", "Geneva", "Vienna", "Istanbul", "Ankara", "Riyadh", "Jeddah", "Doha",
    "New York", "UN headquarters, New York", "The Hague", "Munich", "Vilnius", "Tallinn",
    "Riga", "Chisinau", "Minsk", "Beijing", "Anchorage, Alaska", "Camp David", "Davos",
    "Zaporizhzhia nuclear power plant", "Black Sea", "Sea of Azov", "Crimea", "Kerch Bridge",
)  # fmt: skip
TAGS = (
    "ceasefire", "peace deal", "security guarantees", "territory", "sanctions", "financing",
    "air defence", "drones", "missile strike", "energy", "grain exports", "prisoner exchange",
    "humanitarian aid", "refugees", "war crimes", "nuclear safety", "front line", "mobilisation",
    "elections", "corruption", "reconstruction", "frozen assets", "NATO membership",
    "EU accession", "diplomacy", "intelligence", "cyber", "shipping", "oil price cap",
    "civilian casualties", "infrastructure", "weapons deliveries", "tanks", "F-16",
    "long-range strikes", "negotiations", "summit", "election interference", "deportations",
    "children",
)  # fmt: skip
VERBS = (
    "meets", "calls", "warns", "criticises", "praises", "hosts", "visits", "talks with",
    "signs an agreement with", "rejects the proposal of", "welcomes", "condemns",
)  # fmt: skip
HEADLINES = (
    "{a} {verb} {b}", "{a} {verb} {b} in {place}", "{a} announces new {tag} package",
    "{a} says talks on {tag} will continue", "Strike on {place} reported",
    "{a} and {b} discuss {tag}", "{a} to travel to {place}", "{a} briefs {b} on {tag}",
    "Explosions reported near {place}", "{a} calls for {tag} talks", "{a} responds to {b}",
    "{a} outlines position on {tag}", "Officials in {place} report damage after overnight attack",
)  # fmt: skip
SENTENCES = (
    "{a} said the talks had been constructive but that much work remained.",
    "Officials in {place} reported damage to residential buildings overnight.",
    "{a} repeated that any agreement on {tag} must respect international law.",
    "According to a senior official, {b} is expected to respond within days.",
    "The statement followed a week of intense diplomacy over {tag}.",
    "{a} told reporters in {place} that “nothing is agreed until everything is agreed”.",
    "Analysts said the move could strengthen the position of {b}.",
    "Local authorities said emergency services were working at the scene.",
    "It was not immediately clear whether {b} had been consulted in advance.",
    "The meeting in {place} lasted about two hours, according to aides.",
    "{b} declined to comment on the report.",
    "The announcement comes ahead of a summit on {tag} later this month.",
    "{a} described the situation as “extremely serious” and called for restraint.",
    "Several European leaders welcomed the decision, while others urged caution.",
    "The figures could not be independently verified.",
)  # fmt: skip
QUOTES = (
    "We will not accept any decision about us without us",
    "The priority is to stop the killing",
    "Security guarantees must be real and binding",
    "We are ready to talk, but not under the pressure of weapons",
    "Nothing is agreed until everything is agreed",
    "This is a decisive moment for European security",
    "We need a ceasefire first, and then negotiations",
    "Our support will continue for as long as it takes",
    "There can be no peace without justice",
    "The door remains open to dialogue",
    "Sanctions will stay in place until the aggression ends",
    "We have made real progress today",
)  # fmt: skip
DOCUMENT_SENTENCES = (
    "Diplomats said the negotiations had entered a difficult phase.",
    "The delegation arrived late in the evening and went straight into talks.",
    "A spokesperson said the proposal would be studied carefully.",
    "Officials warned that the situation on the ground remained volatile.",
    "The two sides agreed to meet again within weeks.",
    "Observers noted that the language of the communique had softened.",
    "Critics argued that the plan rewarded aggression.",
    "Supporters said it was the best deal available under the circumstances.",
)  # fmt: skip
ZONES = ("Europe/Kyiv", "Europe/Brussels", "America/New_York", "Europe/London", "Europe/Moscow")
TEXT_ZONES = ("EDT", "EST", "CET", "CEST", "UTC", "GMT", "EEST", "MSK", "BST")
