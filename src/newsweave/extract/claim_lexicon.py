"""General lexicons for claims: what counts are counted, which words name events."""

from __future__ import annotations

__all__ = [
    "COUNT_SLOTS",
    "EVENT_NOUNS",
    "NOT_EVENTS",
    "PERSON_NOUNS",
    "TENURE_VERBS",
    "VAGUE_COUNTS",
    "VERB_TO_EVENT",
]

#: Verbs that carry no event of their own for a timeline: reporting, light and copular verbs.
NOT_EVENTS = frozenset(
    """
        be have do get make take give go say tell add note explain claim state think believe
        know seem appear become remain want need use include expect continue try
        """.split()
)

#: lemma of a verb, adjective or noun -> the slot a number attached to it fills
COUNT_SLOTS = {
    "die": "deaths",
    "kill": "deaths",
    "dead": "deaths",
    "death": "deaths",
    "killing": "deaths",
    "injure": "injured",
    "injured": "injured",
    "wound": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "injury": "injured",
    "arrest": "arrests",
    "detain": "arrests",
    "arrested": "arrests",
    "arrest_n": "arrests",
    "missing": "missing",
    "evacuate": "evacuated",
    "displace": "displaced",
    "rescue": "rescued",
}
#: nouns that count people; a count of these is about "people"
PERSON_NOUNS = frozenset(
    """
        people person protester demonstrator civilian soldier officer policeman policemen police
        child children student worker resident passenger victim supporter member fighter migrant
        journalist man men woman women
        """.split()
)
#: vague counts and the number they stand for at least ("hundreds" -> 100+)
VAGUE_COUNTS = {
    "dozens": "12+",
    "hundreds": "100+",
    "thousands": "1000+",
    "millions": "1000000+",
    "scores": "20+",
}
#: verbs of holding office: "governed for 14 years" is a tenure claim
TENURE_VERBS = frozenset(["govern", "rule", "serve", "lead", "hold", "reign", "head", "run"])
#: event verbs and the event noun they are reported with ("resigned Sunday" ~ "resignation")
VERB_TO_EVENT = {
    "resign": "resignation",
    "depart": "departure",
    "leave": "departure",
    "arrive": "arrival",
    "elect": "election",
    "vote": "vote",
    "die": "death",
    "kill": "killing",
    "arrest": "arrest",
    "announce": "announcement",
    "publish": "publication",
    "release": "release",
    "meet": "meeting",
    "sign": "signing",
    "launch": "launch",
    "attack": "attack",
    "collapse": "collapse",
    "crash": "crash",
    "begin": "start",
    "start": "start",
    "end": "end",
    "open": "opening",
    "close": "closure",
    "fly": "flight",
    "flee": "flight",
    "win": "victory",
    "lose": "defeat",
    "visit": "visit",
    "sentence": "sentencing",
    "convict": "conviction",
    "charge": "charge",
    "testify": "testimony",
    "strike": "strike",
    "explode": "explosion",
    "protest": "protest",
    "march": "march",
    "inaugurate": "inauguration",
    "swear": "swearing-in",
}
#: nouns that name events and take dates ("the May 2 election")
EVENT_NOUNS = frozenset(
    """
        election elections vote referendum poll resignation departure arrival protest protests
        march attack bombing explosion earthquake crash meeting summit talks conference ceremony
        inauguration trial verdict ruling sentencing hearing report announcement visit strike
        coup war ceasefire deal agreement treaty launch opening closure release death funeral
        killing shooting flight storm hurricane flood fire accident arrest raid invasion
        election-day runoff primary debate bankruptcy merger acquisition takeover purchase sale
        bailout collapse recall lawsuit landing delivery layoffs shutdown drop plunge decline
        """.split()
)
#: event nouns that name the same kind of event as another ("last month's vote" is the
#: election of that month); used only to see that a coarsely dated mention adds nothing
EVENT_KINDS = {
    "vote": "election",
    "poll": "election",
    "polls": "election",
    "ballot": "election",
    "elections": "election",
    "runoff": "election",
    "quake": "earthquake",
    "tremor": "earthquake",
    "blast": "explosion",
    "bombing": "explosion",
    "demonstration": "protest",
    "protests": "protest",
    "rally": "protest",
    "storm": "hurricane",
    "typhoon": "hurricane",
    "cyclone": "hurricane",
}
