"""A deterministic corpus of event files in our TOML format, for benchmarks.

    python -m benchmarks.generate --events 100000 --files 1000 [--seed 1] [OUT]

writes OUT/actors.toml (about 200 actors: people with affiliations, countries, organizations,
groups with members), OUT/sources.toml, OUT/documents/*.txt (source documents that some quotes
are checked against) and OUT/events/NNNN.toml. The same arguments always give the same bytes.
Without OUT the corpus goes under the benchmark folder (see `corpus_root`) and is reused when
it is already there.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import names as N

VERSION = 3  # bump when the output changes, so cached corpora are rebuilt
FIRST_DAY = date(2022, 2, 24)
LAST_DAY = date(2025, 8, 31)
DOCUMENTS = 20
_SLUG = re.compile(r"[^a-z0-9]+")


def corpus_root() -> str:
    """Where generated corpora are kept: $TIMELINE_BENCH_DIR, else a folder in /tmp."""
    default = os.path.join(tempfile.gettempdir(), "timeline-tui-bench")
    return os.environ.get("TIMELINE_BENCH_DIR") or default


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def toml_str(text: str) -> str:
    """A TOML basic string holding text exactly."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(toml_str(item) for item in items) + "]"


@dataclass
class ActorDef:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    affiliations: tuple[str, ...] = ()
    members: tuple[str, ...] = ()

    def mentions(self) -> tuple[str, ...]:
        """How files may refer to this actor: id, name, any alias."""
        return (self.id, self.name, *self.aliases)


@dataclass
class World:
    rng: random.Random
    actors: list[ActorDef] = field(default_factory=list)
    people: list[ActorDef] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # source ids with a document


def make_actors(rng: random.Random) -> list[ActorDef]:
    """About 200 actors: 40 countries, 30 organizations, 8 groups and about 120 people."""
    countries = [ActorDef(i, n, "country", a) for i, n, a in N.COUNTRIES]
    orgs = [ActorDef(i, n, "organization", a) for i, n, a in N.ORGANIZATIONS]
    people = _people(rng, countries, orgs, 122)
    return countries + orgs + _groups(countries, people) + people


def _people(
    rng: random.Random, countries: list[ActorDef], orgs: list[ActorDef], count: int
) -> list[ActorDef]:
    people, taken = [], set()
    while len(people) < count:
        first, last = rng.choice(N.FIRST_NAMES), rng.choice(N.LAST_NAMES)
        if (first, last) in taken:
            continue
        taken.add((first, last))
        country = rng.choice(countries)
        role = rng.choice(N.ROLES).format(c=country.name)
        affiliations = [country.id] + ([rng.choice(orgs).id] if rng.random() < 0.3 else [])
        aliases = [f"{first[0]}. {last}"]
        if role.startswith(("President", "Prime Minister")):
            aliases.append(f"{role.split(' of ')[0]} {last}")
        if rng.random() < 0.3:
            aliases.append(f"{first} {last}".upper())
        person_id = slug(f"{first}-{last}")
        people.append(
            ActorDef(
                person_id, f"{first} {last}", "person", tuple(aliases), role, tuple(affiliations)
            )
        )
    return people


def _groups(countries: list[ActorDef], people: list[ActorDef]) -> list[ActorDef]:
    ids = [c.id for c in countries]
    europe = ids[3:13] + ids[20:27]
    leaders = [p.id for p in people if p.role.startswith(("President", "Prime Minister"))]
    return [
        ActorDef(
            "european-leaders",
            "European leaders",
            "group",
            ("EU leaders",),
            members=tuple(leaders[:12]),
        ),
        ActorDef(
            "coalition-of-the-willing",
            "Coalition of the Willing",
            "group",
            (),
            members=tuple(europe[:8]),
        ),
        ActorDef(
            "e3",
            "E3",
            "group",
            ("France, Germany and the UK",),
            members=("france", "germany", "united-kingdom"),
        ),
        ActorDef(
            "nordic-baltic-eight",
            "Nordic-Baltic Eight",
            "group",
            ("NB8",),
            members=tuple(ids[8:12] + ids[19:23]),
        ),
        ActorDef("g7-leaders", "G7 leaders", "group", (), members=tuple(leaders[12:19])),
        ActorDef(
            "ramstein-group",
            "Ukraine Defense Contact Group",
            "group",
            ("Ramstein group",),
            members=tuple(ids[:10]),
        ),
        ActorDef(
            "weimar-triangle",
            "Weimar Triangle",
            "group",
            (),
            members=("france", "germany", "poland"),
        ),
        ActorDef(
            "quint",
            "Quint",
            "group",
            (),
            members=("united-states", "united-kingdom", "france", "germany", "italy"),
        ),
    ]


def actors_toml(actors: list[ActorDef]) -> str:
    out = ["# Actors of the generated benchmark corpus.\n"]
    for actor in actors:
        out.append(f"\n[[actors]]\nid = {toml_str(actor.id)}\nname = {toml_str(actor.name)}\n")
        out.append(f'kind = "{actor.kind}"\n')
        if actor.aliases:
            out.append(f"aliases = {toml_list(list(actor.aliases))}\n")
        if actor.role:
            out.append(f"role = {toml_str(actor.role)}\n")
        if actor.affiliations:
            out.append(f"affiliations = {toml_list(list(actor.affiliations))}\n")
        if actor.members:
            out.append(f"members = {toml_list(list(actor.members))}\n")
    return "".join(out)


def document_text(rng: random.Random, number: int) -> str:
    sentences = list(N.DOCUMENT_SENTENCES) + [
        rng.choice(N.SENTENCES).format(
            a="the minister", b="the envoy", place=rng.choice(N.PLACES), tag=rng.choice(N.TAGS)
        )
        for _ in range(30)
    ]
    rng.shuffle(sentences)
    lines = [f"Report {number}\n"]
    for start in range(0, len(sentences), 4):
        lines.append(" ".join(sentences[start : start + 4]) + "\n")
    return "\n".join(lines)


def sources_toml(count: int) -> str:
    out = ["# Sources of the generated benchmark corpus.\n"]
    for number in range(count):
        out.append(f'\n[[sources]]\nid = "report-{number}"\ntitle = "Report {number}"\n')
        out.append(f'publisher = "Newswire"\ndocument = "documents/report-{number}.txt"\n')
    for name in ("newswire", "agency-feed", "press-office"):
        out.append(f'\n[[sources]]\nid = "{name}"\ntitle = "{name.replace("-", " ").title()}"\n')
    return "".join(out)


# -- events ------------------------------------------------------------------------------


class EventWriter:
    """Writes one event file at a time; ids are unique across the corpus."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = world.rng
        self.count = 0
        self.recent_ids: list[str] = []

    def file_text(self, number: int, days: list[date], events: int) -> str:
        rng = self.rng
        zone = rng.choice(N.ZONES) if rng.random() < 0.7 else None
        reference = max(days)
        head = [
            f"# Generated file {number}: {min(days).isoformat()} to {reference.isoformat()}\n"
            "\n[meta]\n"
        ]
        head.append(f"reference_date = {reference.isoformat()}\n")
        if zone:
            head.append(f'timezone = "{zone}"\n')
        head.append(f'source = "{rng.choice(("newswire", "agency-feed", "press-office"))}"\n')
        body = [
            self.event(sorted(days)[i * len(days) // events], reference, zone)
            for i in range(events)
        ]
        return "".join(head) + "".join(body)

    def event(self, day: date, reference: date, zone: str | None) -> str:
        rng = self.rng
        self.count += 1
        cast = rng.sample(self.world.actors, rng.choice((1, 2, 2, 3, 3, 4, 5)))
        a, b = cast[0], cast[-1] if len(cast) > 1 else rng.choice(self.world.actors)
        place, tag = rng.choice(N.PLACES), rng.choice(N.TAGS)
        title = rng.choice(N.HEADLINES).format(
            a=a.name, b=b.name, verb=rng.choice(N.VERBS), place=place, tag=tag
        )
        event_id = f"{slug(title)[:48].rstrip('-')}-{self.count:06d}"
        out = [f"\n[[events]]\nid = {toml_str(event_id)}\ntitle = {toml_str(title)}\n"]
        out.extend(self.when(day, reference, zone))
        status = rng.choices(("occurred", "reported", "scheduled", "cancelled"), (80, 8, 8, 4))[0]
        if status != "occurred" or rng.random() < 0.5:
            out.append(f'status = "{status}"\n')
        if rng.random() < 0.85:
            out.append(f"location = {toml_str(place)}\n")
        out.append(f"actors = {toml_list(self.mentions(cast))}\n")
        tags = rng.sample(N.TAGS, rng.randint(1, 4))
        out.append(f"tags = {toml_list([tag] + [t for t in tags if t != tag])}\n")
        out.append(self.summary(a, b, place, tag))
        if self.recent_ids and rng.random() < 0.3:
            related = rng.sample(self.recent_ids, min(len(self.recent_ids), rng.randint(1, 2)))
            out.append(f"related = {toml_list(related)}\n")
        out.extend(self.quotes(cast))
        self.recent_ids = (self.recent_ids + [event_id])[-50:]
        return "".join(out)

    def mentions(self, cast: list[ActorDef]) -> list[str]:
        rng = self.rng
        named = [rng.choice(actor.mentions()) for actor in cast]
        if rng.random() < 0.1:
            named[0] = named[0].lower()
        if rng.random() < 0.002:
            named.append(rng.choice(("local officials", "a senior diplomat", "residents")))
        return named

    def when(self, day: date, reference: date, zone: str | None) -> list[str]:
        rng = self.rng
        hour, minute = rng.randint(6, 22), rng.choice((0, 0, 15, 30, 45, 5, 50))
        moment = datetime(day.year, day.month, day.day, hour, minute)
        kind = rng.choices(
            ("date", "offset", "local", "text", "month", "relative"), (35, 20, 15, 17, 8, 5)
        )[0]
        if kind == "local" and zone is None:
            kind = "offset"
        if kind == "relative" and not (0 <= (reference - day).days <= 3):
            kind = "date"
        lines = []
        if kind == "date":
            lines.append(f"when = {day.isoformat()}\n")
        elif kind == "offset":
            offset = rng.choice(("+00:00", "+01:00", "+02:00", "+03:00", "-04:00", "-05:00", "Z"))
            lines.append(f"when = {moment.isoformat()}{offset}\n")
        elif kind == "local":
            lines.append(f"when = {moment.isoformat()}\n")
        elif kind == "text":
            lines.append(f"when = {toml_str(self.text_date(moment))}\n")
        elif kind == "month":
            lines.append(f'when = "{moment:%B %Y}"\napproximate = true\n')
        else:
            word = f"{moment:%A}"  # the nearest such day; "last" is strictly before
            last = (reference - day).days > 0 and rng.random() < 0.3
            lines.append(f'when = "{"last " + word if last else word}"\n')
        if kind in ("offset", "local") and rng.random() < 0.1:
            end = moment + timedelta(hours=rng.randint(1, 5))
            suffix = "" if kind == "local" else offset  # the start's own: never before it
            lines.append(f"end = {end.isoformat()}{suffix}\n")
        return lines

    def text_date(self, moment: datetime) -> str:
        rng = self.rng
        form = rng.randrange(4)
        if form == 0:
            return f"{moment.day} {moment:%b %Y %H:%M} {rng.choice(N.TEXT_ZONES)}"
        if form == 1:
            return f"{moment:%B} {moment.day}, {moment.year}"
        if form == 2:
            return f"{moment.day} {moment:%B %Y}"
        return f"{moment:%a} {moment.day} {moment:%b %Y %H:%M}"

    def summary(self, a: ActorDef, b: ActorDef, place: str, tag: str) -> str:
        rng = self.rng
        picked = rng.sample(N.SENTENCES, rng.randint(2, 4))
        text = " ".join(s.format(a=a.name, b=b.name, place=place, tag=tag) for s in picked)
        if rng.random() < 0.5:
            return f"summary = {toml_str(text)}\n"
        words, lines, line = text.split(" "), [], ""
        for word in words:
            if line and len(line) + len(word) > 96:
                lines.append(line + " \\")
                line = ""
            line = f"{line} {word}" if line else word
        lines.append(line)
        body = "\n".join(lines).replace("\\\n", "\\\n").replace('"""', '\\"\\"\\"')
        return f'summary = """{body}"""\n'

    def quotes(self, cast: list[ActorDef]) -> list[str]:
        rng = self.rng
        roll = rng.random()
        count = 2 if roll < 0.05 else 1 if roll < 0.3 else 0
        out = []
        for _ in range(count):
            speaker = rng.choice(cast)
            out.append(
                f"\n[[events.quotes]]\nspeaker = {toml_str(rng.choice(speaker.mentions()))}\n"
            )
            if rng.random() < 0.15:
                number = rng.randrange(DOCUMENTS)
                text = rng.choice(N.DOCUMENT_SENTENCES).rstrip(".")
                out.append(f'text = {toml_str(text)}\nsource = "report-{number}"\n')
            else:
                out.append(f"text = {toml_str(rng.choice(N.QUOTES))}\n")
        return out


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """total split into parts of varied sizes (each at least 1), summing exactly to total."""
    weights = [rng.uniform(0.3, 1.7) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [max(1, int(w * scale)) for w in weights]
    index = 0
    while sum(sizes) != total:
        step = 1 if sum(sizes) < total else -1
        if sizes[index % parts] + step >= 1:
            sizes[index % parts] += step
        index += 1
    return sizes


def generate(out: str, events: int, files: int, seed: int = 1) -> str:
    """Write the corpus into `out` (replacing what was there); return `out`."""
    rng = random.Random(seed)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "events"))
    os.makedirs(os.path.join(out, "documents"))
    world = World(rng, make_actors(rng))
    _write(out, "actors.toml", actors_toml(world.actors))
    _write(out, "sources.toml", sources_toml(DOCUMENTS))
    for number in range(DOCUMENTS):
        _write(out, f"documents/report-{number}.txt", document_text(rng, number))
    span = (LAST_DAY - FIRST_DAY).days + 1
    writer = EventWriter(world)
    for number, size in enumerate(split(events, files, rng)):
        first = FIRST_DAY + timedelta(days=number * span // files)
        last = FIRST_DAY + timedelta(
            days=max((number + 1) * span // files - 1, number * span // files)
        )
        days = [
            first + timedelta(days=rng.randint(0, (last - first).days)) for _ in range(min(size, 7))
        ]
        _write(
            out,
            f"events/{number:04d}-{first.isoformat()}.toml",
            writer.file_text(number, days, size),
        )
    manifest = {"version": VERSION, "events": events, "files": files, "seed": seed}
    _write(out, ".manifest.json", json.dumps(manifest))
    return out


def _write(root: str, name: str, text: str) -> None:
    with open(os.path.join(root, name), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def ensure(events: int, files: int, seed: int = 1) -> str:
    """The corpus folder for these arguments, generated unless an up-to-date one exists."""
    out = os.path.join(corpus_root(), f"corpus-{events}-{files}-s{seed}")
    manifest = {"version": VERSION, "events": events, "files": files, "seed": seed}
    try:
        with open(os.path.join(out, ".manifest.json"), encoding="utf-8") as handle:
            if json.load(handle) == manifest:
                return out
    except (OSError, ValueError):
        pass
    return generate(out, events, files, seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("out", nargs="?", help="folder to write (default: a reused one under /tmp)")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not 1 <= args.files <= args.events:
        parser.error("need 1 <= files <= events")
    out = (
        generate(args.out, args.events, args.files, args.seed)
        if args.out
        else ensure(args.events, args.files, args.seed)
    )
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
