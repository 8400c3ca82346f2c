"""`scriptlint paths`: each distinct path as the caller would speak it, with the disclosures said on it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli, write
from documents import write_docx

MANIFEST = """---
call_type: political
race: federal
volume: 5000
sponsor: {name: Friends of Ana Ruiz, authorized_by: Ana Ruiz}
origin: {facility: call_center, state: NV}
target_states: [NV]
---
"""
TEMPLATE = (
    MANIFEST
    + """{# the caller reads this #}
Hi, my name is {{ caller }} calling for Friends of Ana Ruiz.
{% if language == 'es' %}Gracias.{% else %}Thanks! Paid for by Friends of Ana Ruiz.{% endif %}
"""
)
PLAIN = """Hi, this is [your name] with Friends of Ana Ruiz.
(Wait for them to answer.)
Can we count on your vote?

If YES: Great! Paid for by Friends of Ana Ruiz.
If NO: Thanks anyway.

VOICEMAIL MESSAGE SCRIPT:
Hi, this is Friends of Ana Ruiz. Please vote on Tuesday.
"""


def _json(*args: str) -> list[dict[str, object]]:
    result = run_cli("paths", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output  # 1: some file's paths could not all be shown
    document = json.loads(result.output)
    assert document["scriptlint"]
    return list(document["files"])


def test_each_branch_of_a_template_is_a_path_with_its_condition_and_disclosures(workdir: Path) -> None:
    write(workdir, {"call.j2": TEMPLATE})
    (view,) = _json("call.j2")
    paths = {path["condition"]: path for path in view["paths"]}
    assert set(paths) == {"when language == 'es'", "when language != 'es'"}
    english = paths["when language != 'es'"]
    found = {d["name"]: d for d in english["disclosures"]}
    assert found["caller introduction"]["word"] == 2  # "Hi, my name is": the introduction starts at "my"
    assert found["paid-for-by disclaimer"]["text"] == "Paid for by"
    assert found["paid-for-by disclaimer"]["word"] == english["words"] - 7 + 1  # the last 7 words
    assert "paid-for-by disclaimer" not in {d["name"] for d in paths["when language == 'es'"]["disclosures"]}
    # The placeholder and the comment are marked, not spoken.
    kinds = {(s["kind"], s["text"]) for s in english["segments"]}
    assert ("placeholder", "caller") in kinds
    assert "⟨caller⟩" in english["text"]
    assert english["seconds"] == round(english["words"] * 60 / 150, 1)


def test_plain_text_labels_and_voicemail_are_paths_and_directions_are_unspoken(workdir: Path) -> None:
    write(workdir, {"call.txt": PLAIN, "call.txt.scriptlint.yml": MANIFEST.strip("-\n") + "\n"})
    (view,) = _json("call.txt")
    conditions = [path["condition"] for path in view["paths"]]
    assert any("voicemail" in str(c) for c in conditions) and any("YES" in str(c) for c in conditions)
    yes = next(p for p in view["paths"] if "YES" in str(p["condition"]))
    assert ("unspoken", "(Wait for them to answer.)") in {(s["kind"], s["text"]) for s in yes["segments"]}
    assert ("placeholder", "[your name]") in {(s["kind"], s["text"]) for s in yes["segments"]}
    voicemail = next(p for p in view["paths"] if "voicemail" in str(p["condition"]))
    assert "paid-for-by disclaimer" not in {d["name"] for d in voicemail["disclosures"]}


def test_a_word_document_is_shown_too(workdir: Path) -> None:
    write_docx(workdir / "call.docx", ["Hi, this is Sam with Friends of Ana Ruiz.", "Paid for by Friends of Ana Ruiz."])
    write(workdir, {"call.docx.scriptlint.yml": MANIFEST.strip("-\n") + "\n"})
    (view,) = _json("call.docx")
    (path,) = view["paths"]
    assert path["condition"] is None
    assert {"caller introduction", "paid-for-by disclaimer"} <= {d["name"] for d in path["disclosures"]}


def test_many_paths_are_cut_at_the_limit_and_counted(workdir: Path) -> None:
    body = "".join(f"{{% if c{i} %}}Point {i}. {{% endif %}}" for i in range(4))
    write(workdir, {"many.j2": MANIFEST + "Hi, this is Sam.\n" + body + "\n"})
    (view,) = _json("--limit", "3", "many.j2")
    assert len(view["paths"]) == 3 and view["more_paths"] == 16 - 3


def test_a_script_that_cannot_be_read_says_why_and_text_output_reads_like_a_script(workdir: Path) -> None:
    write(workdir, {"broken.j2": MANIFEST + "{% if x %}never closed\n", "call.j2": TEMPLATE})
    (broken, good) = _json("broken.j2", "call.j2")
    assert broken["paths"] == [] and broken["problems"][0]["code"] == "SL02"
    assert good["paths"]
    assert run_cli("paths", "broken.j2", "call.j2").exit_code == 1  # not a clean answer
    text = run_cli("paths", "call.j2").output
    assert "path 1: when language != 'es'" in text
    assert "| Hi, my name is ⟨caller⟩ calling for Friends of Ana Ruiz." in text
    assert "+ paid-for-by disclaimer: word" in text


def test_sponsor_named_means_what_pf06_looks_for_not_the_candidate_alone(workdir: Path) -> None:
    manifest = MANIFEST.replace("call_type: political", "call_type: political\ndelivery: prerecorded")
    write(workdir, {"self.j2": manifest + "Hi, this is Ana Ruiz. Please vote on Tuesday.\n"})
    write(workdir, {"committee.j2": manifest + "Hi, this is Ana Ruiz for Friends of Ana Ruiz. Please vote.\n"})
    assert "sponsor named" not in run_cli("paths", "self.j2").output
    assert "sponsor named" in run_cli("paths", "committee.j2").output


def test_paths_shows_a_pack_phrase_after_a_denial_as_not_said(workdir: Path) -> None:
    """`paths` reads a pack element as the checks do: "not calling to ask you for a donation" says no donation."""
    head = "---\ncall_type: charitable\ncaller: {paid: true}\nsponsor: {name: Veterans Aid Fund}\n---\n"
    denied = "Hi, I'm calling for Veterans Aid Fund. I'm not calling to ask you for a donation tonight.\n"
    asked = "Hi, I'm calling for Veterans Aid Fund. Could you make a donation tonight?\n"
    write(workdir, {"denied.txt": head + denied, "asked.txt": head + asked})
    purpose = "that the purpose is to ask for a charitable contribution"
    assert purpose not in run_cli("paths", "denied.txt").output
    assert purpose in run_cli("paths", "asked.txt").output
