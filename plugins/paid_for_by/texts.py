"""What `scriptlint rules` and `scriptlint explain PF0n` say: what each rule checks, why, examples, fixes.

Explanations paraphrase the law for readers; the operative wording the rules check is data
(wording.yml), with the citations that `explain` prints.
"""

from __future__ import annotations

SUMMARIES = {
    "PF01": "Paid-for-by disclaimer missing (on all paths, or on the paths named).",
    "PF02": "Disclaimer names someone other than the manifest's sponsor, or a name that cannot be checked.",
    "PF03": "Authorization statement missing, or contradicting the manifest.",
    "PF04": "Contact details missing: sponsor's address, phone or URL; callback number for prerecorded calls.",
    "PF05": "Disclaimer wording is a near miss ('payed for by', 'paid by', 'sponsored by'), in any language.",
    "PF06": "Disclaimer or identification placed where some listeners will not hear it.",
}

_SCOPE = (
    " Every path of the template is checked; a finding names the path's condition. Which calls the rule"
    " governs (federal election law covers federal races, or any race when a federal political committee"
    " pays) is listed below under 'Applies to', from the rule's data; a manifest that does not say what"
    " decides it (race, for a political call) gets one SL07 finding instead of a guess."
)

EXPLANATIONS = {
    "PF01": (
        "A telephone bank (more than 500 similar calls in 30 days) is a public communication. When a"
        " political committee makes it (any race and any call type for a federal committee; a federal race for"
        " a candidate's, party or political action committee), or when it is about a federal race and urges a"
        " vote or asks for money, it must clearly state who paid for it (52 U.S.C. 30120(a); 11 CFR"
        " 110.11(a)-(b)). A nonprofit's or a business's issue call (purpose: issue_advocacy), and its"
        " get-out-the-vote call that urges no vote for a candidate (purpose: gotv), are not covered."
        + _SCOPE
        + " A path that says a near miss instead"
        " ('payed for by') is reported as PF05, not PF01. The disclaimer is recognised in English, Spanish,"
        " Chinese, Vietnamese, Korean, Tagalog, Haitian Creole, Russian, Arabic and French (the wording is data:"
        " plugins/languages/data), on every path whatever its language, and the suggested wording is in the"
        " path's own language (told from its opening words; the manifest's language when they do not tell)."
        " A path in a language scriptlint has no wording for is reported once by LG01 instead.\n\n"
        "Fails: {% if lang == 'es' %}Gracias.{% else %}Paid for by Friends of Ana Ruiz.{% endif %} (the"
        " Spanish path never says it).\n"
        "Passes: Thank you! This call was paid for by Friends of Ana Ruiz.\n\n"
        "Fix: say 'Paid for by <sponsor.name>' (Spanish: 'Esta llamada fue pagada por ...') on every path,"
        " including voicemail and early-exit branches."
    ),
    "PF02": (
        "The disclaimer must name the person or committee that paid (52 U.S.C. 30120(a)). scriptlint"
        " compares the name every disclaimer gives (after 'paid for by', or inside the phrase where the"
        " language puts it there: '由 ... 支付', '... 에서 지불했습니다', 'do ... chi trả') with the manifest's"
        " sponsor.name, ignoring case, punctuation, a leading 'the' and suffixes such as 'Inc.' or 'LLC';"
        " the sponsor's initials said in capitals (Republican National Committee = 'the RNC', for names of three"
        " significant words or more) and the names listed in sponsor.aliases count as its name. A second payer"
        " joined to the sponsor's name ('... and the Safe Streets Action Fund') makes another name: a call paid"
        " for jointly lists the joint name in sponsor.aliases. A name that comes from a template variable the"
        " manifest's vars do not define cannot be checked and is reported too."
        + _SCOPE
        + "\n\nFails: sponsor.name is 'Pat Lee for Congress' and the script says 'Paid for by Lee Victory"
        " Fund.'\nPasses: 'Paid for by Pat Lee for Congress, Inc.' for sponsor 'Pat Lee for Congress'.\n\n"
        "Fix: name the sponsor exactly, or correct sponsor.name; define the variable in vars."
    ),
    "PF03": (
        "11 CFR 110.11(b) has three cases. (1) Paid for and authorized by the candidate's own committee"
        " (sponsor.authorized_by set; the default): the paid-for-by is enough. (2) Paid for by someone else"
        " but authorized by a candidate (sponsor.candidate_committee: false): the call must also say"
        " 'authorized by' the authorizing committee. (3) Not authorized by any candidate"
        " (sponsor.authorized_by empty or null): the call must say it is 'not authorized by any candidate or"
        " candidate's committee'. A statement contradicting the manifest is reported too." + _SCOPE + "\n\n"
        "Fails: a super PAC (authorized_by: null) whose script says only 'Paid for by Granite Future PAC.'\n"
        "Passes: 'Paid for by Granite Future PAC, granitefuture.org, and not authorized by any candidate or"
        " candidate's committee.'\n\n"
        "Fix: add the statement the manifest's case requires, or correct the manifest."
    ),
    "PF04": (
        "A communication no candidate authorized must give the payer's permanent street address,"
        " telephone number or web address (52 U.S.C. 30120(a)(3)). A political prerecorded or artificial-voice"
        " message, whatever its race and however few calls, must state a telephone number to call back, during"
        " or after the message (47 CFR 64.1200(b)(2); 47 U.S.C. 227(d)(3)(A)); AI-generated voices count as"
        " artificial voices (FCC 24-17). Other call types' messages are checked by the federal pack"
        " (US-47CFR64.1200(b)(2)). Numbers and web addresses are recognised in the forms"
        " people say them: 555-201-0100, (555) 201 0100, friendsofpat.org, friendsofpat dot org; the"
        " manifest's sponsor.address, sponsor.phone and sponsor.url are what is looked for." + _SCOPE + "\n\n"
        "Fails: a robocall (delivery: prerecorded) that never gives a number.\n"
        "Passes: '... To reach Smith for Senate, call 555-201-0100.'\n\n"
        "Fix: say the sponsor's phone number (and, if unauthorized, its address or web address)."
    ),
    "PF05": (
        "Wording close to the disclaimer but not it ('payed for bye', 'paid by', 'Paid for the Campaign for"
        " Change', 'pagado pro', 'peye par') does not state that the call was paid for by the sponsor, nor"
        " does another verb ('sponsored by', 'funded by', 'brought to you by', 'a message from', 'financiado"
        " por', '由 ... 赞助'). scriptlint finds near misses with letter edits per word (up to two, one in words"
        " of three letters or fewer, a longer word keeping its first letter), a small word of the disclaimer"
        " dropped or one added, and each language's list of misspellings and other verbs (plugins/languages/"
        " data); searches with letter edits have a time limit. A near miss counts only where a name follows it"
        " (a placeholder, a capitalised word, letters of a script without case, or the sponsor's name), so"
        " 'you can pay by check' is not one. It is reported instead of PF01, with the exact wording in the"
        " language it was said in." + _SCOPE + "\n\n"
        "Fails: 'Payed for bye Friends of Ana Ruiz.', 'This call is sponsored by Friends of Ana Ruiz.'\n"
        "Passes: 'Paid for by Friends of Ana Ruiz.'\n\n"
        "Fix: use the exact wording the message suggests."
    ),
    "PF06": (
        "A political prerecorded or artificial-voice message, whatever its race and however few calls, must"
        " identify the entity responsible for the call 'at the beginning of the message' (47 CFR"
        " 64.1200(b)(1); 47 U.S.C. 227(d)(3)(A)(i)); AI-generated voices count as artificial voices (FCC"
        " 24-17). scriptlint takes the beginning as the first 30 spoken words (setting"
        " disclaimer-opening-words). A message that never names its sponsor is reported here whatever else"
        " governs it: a federal robocall without a paid-for-by disclaimer also breaks 52 U.S.C. 30120 (PF01),"
        " a different law with a different placement, so both are reported. Other call types'"
        " messages are checked by the federal pack (US-47CFR64.1200(b)(1)). For live"
        " calls, a campaign can require the disclaimer in the opening too (disclaimer-position = opening;"
        " the default is anywhere, which the FEC allows)." + _SCOPE + "\n\n"
        "Fails: a robocall that names Smith for Senate only in its last sentence.\n"
        "Passes: 'This message is paid for by Smith for Senate. Hi, this is Jordan Smith...'\n\n"
        "Fix: move the identification or disclaimer to the start of every path."
    ),
}
