"""A deterministic corpus of realistic call scripts for the performance benchmarks.

Run: python -m benchmarks.corpus DIR --files 1000 [--seed 2019]
The same seed and count always give byte-identical files: front matter, branches, shared partials
(includes), macros, loops, a mix of compliant and non-compliant scripts, about 4.5 KB each.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

# States with a bundled pack, and a few without (SW04 is part of a realistic batch).
STATES = ["CA", "TX", "FL", "NH", "VA", "WA", "NC", "MN", "OK", "WI", "NJ", "IN", "CA", "TX", "FL", "NV"]
CANDIDATES = ["Ana Ruiz", "Dana Okafor", "Lee Park", "Sam Whitfield", "Maria Gomez", "Chris Novak", "Ida Bell"]
OFFICES = ["State Senate", "Governor", "City Council", "Congress", "School Board", "Attorney General"]
ISSUES = [
    "lowering prescription drug costs",
    "fixing the roads and bridges in our county",
    "keeping our public schools fully funded",
    "protecting clean water for our families",
    "making housing affordable for working people",
    "expanding broadband to rural communities",
    "supporting small businesses on Main Street",
    "keeping our neighbourhoods safe",
]
FACILITIES = ["call_center", "volunteer_home", "campaign_office", "correctional"]
FILLER = (
    "{name} has spent twenty years in public service, first as a teacher and then on the county board,"
    " where {pronoun} worked across the aisle to balance the budget without cutting services. "
)
PARTIALS = {
    "_disclaimer.j2": "Paid for by {{ committee }}{% if authorized %}, authorized by {{ candidate }}{% endif %}.\n",
    "_origin.j2": "I'm calling from a {{ facility_words }} in {{ origin_city }}, {{ origin_state_name }}.\n",
    "_closing.j2": (
        "{% macro thanks(name) %}Thank you for your time, {{ name }}. Have a good evening.{% endmacro %}\n"
        "{% macro goodbye() %}Goodbye.{% endmacro %}\n"
    ),
}
FACILITY_WORDS = {
    "call_center": "professional call center",
    "volunteer_home": "volunteer's home",
    "campaign_office": "campaign office",
    "correctional": "correctional facility call center",
}
STATE_NAMES = {
    "CA": "California",
    "NV": "Nevada",
    "AZ": "Arizona",
    "TX": "Texas",
    "FL": "Florida",
    "NH": "New Hampshire",
    "VA": "Virginia",
    "WA": "Washington",
    "NC": "North Carolina",
    "MN": "Minnesota",
    "OK": "Oklahoma",
    "WI": "Wisconsin",
    "NJ": "New Jersey",
    "IN": "Indiana",
    "PA": "Pennsylvania",
    "GA": "Georgia",
    "MI": "Michigan",
    "OH": "Ohio",
}


def script(rng: random.Random, index: int) -> str:
    """One call script: a manifest, then branches, a loop, an include, a macro and a disclaimer."""
    candidate = rng.choice(CANDIDATES)
    office = rng.choice(OFFICES)
    committee = f"Friends of {candidate}"
    origin_state = rng.choice(STATES)
    target = sorted(set(rng.sample(STATES, rng.randint(1, 3))))
    facility = rng.choice(FACILITIES)
    compliant = rng.random() < 0.6
    pronoun = rng.choice(["she", "he", "they"])
    paid = facility in ("call_center", "correctional")
    role = "calling" if paid else "a volunteer calling"
    issues = rng.sample(ISSUES, 4)
    front = [
        "---",
        f"# Benchmark script {index:05d}",
        "call_type: political",
        "delivery: live",
        f"race: {rng.choice(['state', 'local', 'federal'])}",
        f"volume: {rng.choice([500, 2000, 20000])}",
        "sponsor:",
        f"  name: {committee}",
        f"  authorized_by: {candidate}",
        "caller:",
        f"  paid: {str(paid).lower()}",
        "origin:",
        f"  facility: {facility}",
        f"  state: {origin_state}",
        f"target_states: [{', '.join(target)}]",
        "language: en",
        "vars:",
        f"  committee: {committee}",
        f"  candidate: {candidate}",
        "  authorized: true",
        f"  facility_words: {FACILITY_WORDS[facility]}",
        "  origin_city: Springfield",
        f"  origin_state_name: {STATE_NAMES[origin_state]}",
        "---",
    ]
    body = ['{% from "_closing.j2" import thanks, goodbye %}']
    opening = "Hi, may I speak with {{ voter_first_name }}?\n"
    intro = (
        "Hi {{ voter_first_name }}, my name is {{ caller_first_name }} and I'm " + role + f" on behalf of {committee}."
    )
    if compliant:
        body += [opening + intro, '{% include "_origin.j2" %}', '{% include "_disclaimer.j2" %}']
    else:
        body += [opening + intro]
    body.append(f"{candidate} is running for {office}. " + FILLER.format(name=candidate, pronoun=pronoun) * 2)
    body.append("{% if supporter_status == 'undecided' %}")
    body.append(
        f"Can I tell you a little more about {candidate}? "
        + FILLER.format(name=candidate, pronoun=pronoun) * 3
        + f"\nWhat matters most to you this year?\n{{% for issue in issue_list %}}\n"
        f"{candidate} cares about {{{{ issue }}}}.\n{{% endfor %}}"
    )
    body.append("{% elif supporter_status == 'supporter' %}")
    body.append(
        f"Thank you for supporting {candidate}! Can we count on you to vote on Election Day?\n"
        + " ".join(f"{candidate} is committed to {issue}." for issue in issues)
    )
    body.append("{% else %}")
    body.append(
        f"I understand. {candidate} will keep working on {issues[0]} and {issues[1]} either way."
        " Would you like information about where to vote?"
    )
    body.append("{% endif %}")
    for block in range(rng.randint(2, 4)):
        body.append(
            f"{{% if question_{block} %}}{rng.choice(ISSUES).capitalize()} is on the ballot too."
            f"{{% else %}}{rng.choice(ISSUES).capitalize()} matters here as well.{{% endif %}}"
        )
    body.append(
        "{% if early_voting %}Early voting is open now at the county election office and at every library"
        " branch, weekdays from eight to six and Saturdays from nine to three. You can also vote by mail: the"
        " last day to request a ballot is one week before Election Day, and it must be postmarked by Election"
        " Day.{% else %}Polls are open from seven in the morning to eight at night on Election Day. If you are"
        " in line by eight, you can vote. Bring a photo ID if your state asks for one, and check your polling"
        " place before you go, because some locations have changed since the last election.{% endif %}"
    )
    body.append("{% if language == 'es' %}Gracias por su tiempo.{% else %}{{ thanks(voter_first_name) }}{% endif %}")
    if compliant or rng.random() < 0.5:
        body.append(f"This call was paid for by {committee}. {{{{ goodbye() }}}}")
    else:
        body.append("{{ goodbye() }}")
    return "\n".join(front) + "\n" + "\n".join(body) + "\n"


def generate(directory: Path, files: int, seed: int = 2019) -> list[Path]:
    """Write `files` scripts and the shared partials under `directory`."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in PARTIALS.items():
        (directory / name).write_text(text, encoding="utf-8")
    written = []
    for index in range(files):
        path = directory / f"script_{index:05d}.j2"
        path.write_text(script(rng, index), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    """Command line: write a corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2019)
    arguments = parser.parse_args()
    written = generate(arguments.directory, arguments.files, arguments.seed)
    print(f"wrote {len(written)} scripts and {len(PARTIALS)} partials to {arguments.directory}")


if __name__ == "__main__":
    main()
