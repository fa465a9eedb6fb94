"""The demo newsroom's words: fictional reporters, topics and local stories from the town of Riverside.

Everything here is invented (people, places, figures); no story describes a real event.
A story's body is a list of parts: ("p", text), ("h", heading), ("q", quote, attribution) and
("fig", scene, caption), where a scene names a drawing in demo_pictures.
"""

from dataclasses import dataclass, field

CREDIT = "Illustration: The Riverside Ledger"
STRAPLINE = "Independent local news for Riverside and the Wend valley"


@dataclass(frozen=True)
class AuthorText:
    slug: str
    name: str
    role: str
    bio: str
    look: dict


@dataclass(frozen=True)
class TopicText:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    standfirst: str
    topics: tuple[str, ...]
    authors: tuple[str, ...]
    hours_ago: float
    scene: str
    caption: str
    body: list = field(default_factory=list)


AUTHORS = [
    AuthorText(
        "maren-okafor",
        "Maren Okafor",
        "Local government reporter",
        "Maren has covered Riverside Town Hall for nine years, from budget rows to bin "
        "collections. She grew up in Eastbank and still swims in the lido every week.",
        {
            "background": (64, 104, 148),
            "skin": (120, 82, 58),
            "hair": (24, 18, 16),
            "shirt": (214, 170, 72),
            "long_hair": True,
        },
    ),
    AuthorText(
        "tobias-lindqvist",
        "Tobias Lindqvist",
        "Education correspondent",
        "A former maths teacher, Tobias writes about schools, colleges and the families who "
        "depend on them. Tips about your school are always welcome.",
        {
            "background": (148, 96, 80),
            "skin": (236, 196, 166),
            "hair": (150, 100, 50),
            "shirt": (50, 74, 110),
        },
    ),
    AuthorText(
        "priya-halloran",
        "Priya Halloran",
        "Environment reporter",
        "Priya follows the River Wend from its source to the estuary: flooding, wildlife, "
        "pollution and the volunteers who look after it.",
        {
            "background": (70, 128, 98),
            "skin": (180, 130, 96),
            "hair": (40, 28, 24),
            "shirt": (180, 70, 70),
            "long_hair": True,
        },
    ),
    AuthorText(
        "jonah-whitcombe",
        "Jonah Whitcombe",
        "Transport and city editor",
        "Jonah edits our city pages and rides every new bus route on its first morning. "
        "He has lived in Millgate since 2009.",
        {
            "background": (110, 100, 150),
            "skin": (214, 170, 140),
            "hair": (70, 70, 74),
            "shirt": (60, 120, 90),
        },
    ),
]

TOPICS = [
    TopicText(
        "council-politics",
        "Council & Politics",
        "Riverside Borough Council, its budget, its decisions and the people who make them.",
    ),
    TopicText("schools", "Schools", "Nurseries, primary and secondary schools, and the college."),
    TopicText("environment", "Environment", "The River Wend, flooding, parks, trees and clean air."),
    TopicText("transport", "Transport", "Buses, bridges, roads and cycling across the borough."),
]

STORIES = [
    Story(
        "council-budget-vote",
        "Council passes $48 million budget after late-night vote on library and bus cuts",
        "Councillors approved next year's spending plan by 23 votes to 19 after a five-hour "
        "meeting, sparing the Central Library but trimming two bus routes.",
        ("council-politics", "transport"),
        ("maren-okafor",),
        5,
        "council_chamber",
        "Illustrative image: the council chamber at Riverside Town Hall",
        [
            (
                "p",
                "Riverside Borough Council approved its budget for the coming year shortly before "
                "midnight on Tuesday, after a meeting in which more than forty residents asked to "
                "speak and the public gallery was full for the first time since the pandemic.",
            ),
            (
                "p",
                "The $48.2 million plan raises council tax by 2.9 percent, the most allowed without "
                "a local referendum, and draws $1.1 million from reserves to cover a gap that "
                "officers blame on rising care costs and the end of a state grant.",
            ),
            (
                "p",
                "An earlier draft would have closed the Central Library on Mondays and "
                "Wednesdays. That proposal was dropped last week after a petition gathered 6,400 "
                "signatures, and the final budget keeps the library's hours unchanged.",
            ),
            ("h", "Two bus routes lose their evening service"),
            (
                "p",
                "The savings came instead from transport. Routes 7 and 31, which the council "
                "subsidises, will stop running after 8 p.m. from April, saving an estimated "
                "$340,000 a year. Councillor Ada Brennan, who chairs the finance committee, said "
                "the two routes carried on average fewer than six passengers an hour after dark.",
            ),
            (
                "q",
                "Nobody on this council came into politics to cut a bus route. But the money we "
                "have is the money we have, and I would rather keep the library doors open.",
                "Councillor Ada Brennan, finance committee chair",
            ),
            (
                "p",
                "Opposition members argued that the cuts would fall hardest on shift workers at "
                "the Harrow Hill hospital and on older residents in Copper Lane. Councillor Femi "
                "Adeyemi proposed an amendment to fund the evening buses from the parking "
                "surplus; it was defeated by four votes.",
            ),
            ("fig", "town_hall", "Illustrative image: Riverside Town Hall on Market Square"),
            (
                "p",
                "The budget also sets aside $2.4 million for flood defences at Old Quay, $600,000 "
                "for road repairs and a one-off $150,000 to extend the free breakfast club to "
                "every primary school in the borough.",
            ),
            (
                "p",
                "Residents can read the full budget papers on the council's website and at the "
                "Central Library. The council says it will review the bus changes after six "
                "months.",
            ),
        ],
    ),
    Story(
        "library-hours",
        "Central Library to open on Sunday afternoons from next month",
        "A trial of Sunday opening from 12 to 4 p.m. starts on the first weekend of the month, "
        "staffed by the library team and volunteers from the Friends of Riverside Libraries.",
        ("council-politics",),
        ("maren-okafor",),
        30,
        "library",
        "Illustrative image: the Central Library on a winter evening",
        [
            (
                "p",
                "Riverside's Central Library will open on Sunday afternoons for the first time in "
                "twelve years, the council announced on Thursday.",
            ),
            (
                "p",
                "The six-month trial will cost about $38,000, covered by a bequest left to the "
                "library by a former teacher, Eleanor Marsh, who died last year and asked that "
                'her gift be used "to keep the doors open when people are free to come".',
            ),
            (
                "p",
                "Head librarian Tomasz Wieczorek said Sunday was the day most often requested in "
                "the library's annual survey, especially by parents who work weekdays and by "
                "students preparing for exams.",
            ),
            (
                "p",
                "The children's room, the study tables and the computers will be available, "
                "though the local history archive will stay closed on Sundays. If visitor "
                "numbers are strong, the council says it will consider making the hours "
                "permanent in next year's budget.",
            ),
        ],
    ),
    Story(
        "eastbank-primary-opens",
        "Eastbank Primary opens its doors to 420 pupils",
        "The borough's first new school in fifteen years welcomed its first classes on Monday, a "
        "term later than planned.",
        ("schools",),
        ("tobias-lindqvist",),
        9,
        "school",
        "Illustrative image: the new Eastbank Primary School on its first morning",
        [
            (
                "p",
                "There were balloons at the gate, a brass band from Harrow Hill Academy and, "
                'according to the head teacher, "only three tears, none of them mine" as '
                "Eastbank Primary School opened on Monday morning.",
            ),
            (
                "p",
                "The two-storey building on Ferry Road has fourteen classrooms, a library, a "
                "sports hall that local clubs can hire in the evenings and a garden where each "
                "year group will grow vegetables.",
            ),
            ("h", "A term late, and over budget"),
            (
                "p",
                "The school was due to open in September, but delays in delivering the roof "
                "panels pushed the date back. The final cost was $21.6 million, about $1.3 "
                "million more than planned, which the council says was covered by the builder's "
                "contract penalties and a state grant.",
            ),
            (
                "q",
                "The children were in the building for ten minutes before they asked if they "
                "could stay after the bell. I think we got something right.",
                "Grace Mbeki, head teacher",
            ),
            ("fig", "classroom", "Illustrative image: a Year 3 classroom at Eastbank Primary"),
            (
                "p",
                "Pupils have moved from the temporary classrooms at St Bride's, which will be "
                "removed over the summer. Parents said the new school's biggest change was the "
                "walk: the Ferry Road site is a ten-minute journey for most families in Eastbank, "
                "compared with a bus ride to St Bride's.",
            ),
            ("p", "A crossing patrol and a new 20 mph limit on Ferry Road start next week."),
        ],
    ),
    Story(
        "river-clean-up",
        "Volunteers pull two tonnes of rubbish from the River Wend",
        "Shopping trolleys, a motorbike and more than 900 plastic bottles were hauled out in the "
        "biggest clean-up the river has seen.",
        ("environment",),
        ("priya-halloran",),
        20,
        "river_bridge",
        "Illustrative image: the River Wend at Stone Bridge",
        [
            (
                "p",
                "More than 230 volunteers spent Saturday wading, raking and hauling along a "
                "three-mile stretch of the River Wend, from Stone Bridge to the weir at Millgate, "
                "in the largest clean-up the Wend Rivers Trust has organised.",
            ),
            (
                "p",
                "By the end of the day the skips at Old Quay held an estimated two tonnes of "
                "rubbish, including eleven shopping trolleys, a rusted motorbike, a traffic cone "
                "that had been in the river so long it was home to a family of crayfish, and "
                "more than 900 plastic bottles.",
            ),
            ("fig", "riverbank_volunteers", "Illustrative image: volunteers on the bank below Millgate weir"),
            ("h", "Fish are coming back"),
            (
                "p",
                "The trust's ecologist, Dr Hannah Osei, said surveys this spring found brown trout "
                "above the weir for the first time in living memory, a sign that water quality "
                "has improved since the sewage works upgrade three years ago.",
            ),
            (
                "q",
                "A river will forgive a great deal if you give it the chance. Every trolley we "
                "take out is one less place for the silt to build up.",
                "Dr Hannah Osei, Wend Rivers Trust",
            ),
            (
                "p",
                "The trust plans two more clean-ups this year and is asking businesses along the "
                "river to adopt a stretch of bank. Volunteers need no experience; waders, gloves "
                "and tea are provided.",
            ),
        ],
    ),
    Story(
        "old-quay-flood-wall",
        "New flood wall at Old Quay passes its first real test",
        "The river rose to within 40 centimetres of the top of the new defences on Sunday night, "
        "and not one house flooded.",
        ("environment", "council-politics"),
        ("priya-halloran", "maren-okafor"),
        44,
        "flood_wall",
        "Illustrative image: the Old Quay flood wall during Sunday's storm",
        [
            (
                "p",
                "Residents of Old Quay, whose homes flooded twice in four years, watched the River "
                "Wend rise through Sunday night and, for the first time, stayed dry.",
            ),
            (
                "p",
                "The 900-metre concrete wall, finished in the autumn at a cost of $7.8 million, "
                "held the river back as it peaked at 4.1 metres at the Stone Bridge gauge shortly "
                "after 2 a.m., the third-highest level on record.",
            ),
            (
                "q",
                "I sat up all night with the sandbags by the door, out of habit. In the morning I "
                "put them back in the shed. That felt wonderful.",
                "Maureen Castellano, resident of Quay Street",
            ),
            (
                "p",
                "The council's flood engineer, Rafael Dunmore, said the wall performed as "
                "designed, but warned that it protects against a flood of the size expected once "
                "in a hundred years, not every possible flood. The next phase, a pumping station "
                "at Tanner's Lane, is funded in this year's budget.",
            ),
            (
                "p",
                "Flood wardens will hold a drop-in session at the Old Quay community centre on "
                "Thursday evening for residents who want to check their insurance or register "
                "for flood alerts.",
            ),
        ],
    ),
    Story(
        "route-12-night-buses",
        "Night buses return to Harrow Hill on Route 12",
        "After a three-year gap, buses will again run until 1 a.m. between the hospital and the "
        "town centre, paid for by the hospital trust.",
        ("transport",),
        ("jonah-whitcombe",),
        70,
        "bus_dusk",
        "Illustrative image: a Route 12 bus on Market Street at dusk",
        [
            (
                "p",
                "Night buses will return to Route 12 from the first Monday of next month, linking "
                "Harrow Hill hospital, the station and the town centre every thirty minutes "
                "until 1 a.m.",
            ),
            (
                "p",
                "The service was cut three years ago when the council withdrew its subsidy. It "
                "returns because the Harrow Hill Hospital Trust has agreed to pay $210,000 a year "
                "towards it, so that night-shift staff can get to work without a car.",
            ),
            (
                "p",
                "Ward sister Olusegun Bright said some colleagues had been paying for taxis home "
                "after late shifts, or walking the two miles across Harrow Park in the dark.",
            ),
            (
                "p",
                "Wendline, which runs the route, says the buses will take contactless payment and "
                "the usual day tickets. Timetables will be posted at stops next week.",
            ),
        ],
    ),
    Story(
        "gasworks-homes-plan",
        "300 homes planned on the old Millgate gasworks",
        "Developers want to build flats and family houses on the contaminated riverside site, "
        "with a park along the water. Residents have until the end of the month to comment.",
        ("council-politics",),
        ("jonah-whitcombe",),
        120,
        "skyline_dusk",
        "Illustrative image: the Millgate riverside at dusk",
        [
            (
                "p",
                "Plans to build 300 homes on the former Millgate gasworks have been submitted to "
                "the council, eighteen years after the site was last used.",
            ),
            (
                "p",
                "The proposal from Wend Quarter Homes includes 220 flats in four buildings of up "
                "to eight storeys and 80 family houses, with a third of the homes offered at "
                "below-market rents. A new public park would run along 400 metres of riverbank "
                "that has been fenced off for a generation.",
            ),
            ("h", "Cleaning the ground first"),
            (
                "p",
                "The site's soil is contaminated with tar and heavy metals, and the developers "
                "estimate the clean-up alone at $14 million. Council planners will ask for the "
                "work to be finished and checked before any home is occupied.",
            ),
            (
                "q",
                "We have looked at a wire fence for eighteen years. I want to see homes there, "
                "but I want to see the soil tests first.",
                "Keisha Armitage, chair of the Millgate Residents' Association",
            ),
            (
                "p",
                "The application can be read at the Town Hall and the Central Library. Comments "
                "can be sent to the planning department until the last day of the month; the "
                "planning committee is expected to decide in the spring.",
            ),
        ],
    ),
    Story(
        "copper-lane-street-trees",
        "1,200 street trees for Copper Lane and the Eastbank estates",
        "Residents chose the species and the spots; the first saplings go in this weekend.",
        ("environment",),
        ("priya-halloran",),
        190,
        "park_trees",
        "Illustrative image: young trees along the path in Copper Lane Park",
        [
            (
                "p",
                "Copper Lane, which a council survey found to be the least green street in the "
                "borough, will get 140 new trees this weekend, the first of 1,200 to be planted "
                "in Eastbank over the next two winters.",
            ),
            (
                "p",
                "Residents voted on the species at a series of meetings in the autumn. Rowan, "
                "field maple and wild cherry were the favourites; London planes, which grow too "
                "large for narrow pavements, were ruled out.",
            ),
            (
                "p",
                "The $420,000 scheme is paid for by a national urban trees fund and the council's "
                "own climate budget. Each tree comes with a watering bag, and neighbours can sign "
                "up to water a tree through its first two summers.",
            ),
            (
                "q",
                "On a hot day this street is like an oven. In ten years these trees will be "
                "taller than the lamp posts.",
                "Dev Ramaswamy, Copper Lane resident",
            ),
            (
                "p",
                "Volunteers are welcome at the planting days on Saturday and Sunday from 10 a.m.; "
                "spades are provided.",
            ),
        ],
    ),
    Story(
        "riverside-road-cycle-lane",
        "Riverside Road cycle lane opens after two-year wait",
        "A protected two-way lane now runs for 1.8 miles from Stone Bridge to the station.",
        ("transport",),
        ("jonah-whitcombe",),
        290,
        "cycle_lane",
        "Illustrative image: the new protected cycle lane on Riverside Road",
        [
            (
                "p",
                "The Riverside Road cycle lane opened on Friday morning, two years after it was "
                "approved and eight months after the date on the roadworks signs.",
            ),
            (
                "p",
                "The two-way lane is separated from traffic by a kerb and runs from Stone Bridge "
                "to the railway station, with new crossings at Ferry Road and Market Street. "
                "Counters installed this week recorded 1,140 trips on its first weekday.",
            ),
            (
                "p",
                "Not everyone is pleased. Shopkeepers on the eastern stretch say the loss of "
                "twenty parking spaces has hurt trade, and the council has promised a loading "
                "bay review in the summer.",
            ),
            (
                "p",
                "Cycling campaigners want the lane extended north to the Harrow Hill hospital, a "
                "route the council says it will study next year.",
            ),
        ],
    ),
    Story(
        "harrow-hill-exam-results",
        "Harrow Hill Academy celebrates its best exam results in a decade",
        "Seven in ten pupils passed English and maths, up from barely half five years ago.",
        ("schools",),
        ("tobias-lindqvist",),
        410,
        "classroom",
        "Illustrative image: an empty classroom at Harrow Hill Academy after the exams",
        [
            (
                "p",
                "Harrow Hill Academy, which inspectors rated as requiring improvement four years "
                "ago, has recorded its best exam results in more than a decade.",
            ),
            (
                "p",
                "Seventy-one percent of pupils passed both English and maths, compared with 52 "
                "percent five years ago. The school credits a homework club that runs until 6 "
                "p.m. and a reading programme in which older pupils coach younger ones.",
            ),
            (
                "q",
                "These results belong to the pupils. They stayed late, they read to the little "
                "ones, and they did not give up on themselves.",
                "Samuel Achterberg, principal",
            ),
            (
                "p",
                "The academy will hold an open evening for families of next year's intake on the "
                "second Thursday of the month.",
            ),
        ],
    ),
    Story(
        "breakfast-club-every-primary",
        "Free breakfast club to reach every primary school",
        "After a pilot in six schools, every primary in the borough will offer a free breakfast "
        "from September.",
        ("schools", "council-politics"),
        ("tobias-lindqvist",),
        620,
        "school",
        "Illustrative image: pupils arriving early at a Riverside primary school",
        [
            (
                "p",
                "Every primary school in Riverside will run a free breakfast club from September, "
                "after a pilot in six schools found that pupils who attended arrived on time "
                "more often and were absent less.",
            ),
            (
                "p",
                "The clubs open at 8 a.m. and serve cereal, toast, fruit and milk. The pilot fed "
                "about 400 children a day; the council expects 1,500 once every school takes "
                "part.",
            ),
            (
                "p",
                "Head teachers said the clubs had also helped parents who start work early. The "
                "$150,000 cost for the first year is included in the council's draft budget.",
            ),
        ],
    ),
    Story(
        "stone-bridge-footbridge-repairs",
        "Old Quay footbridge to close for six weeks of repairs",
        "Pedestrians will be diverted over Stone Bridge while the 1930s steel arch is repainted "
        "and its deck replaced.",
        ("transport", "environment"),
        ("jonah-whitcombe",),
        980,
        "footbridge",
        "Illustrative image: scaffolding on the Old Quay footbridge",
        [
            (
                "p",
                "The footbridge linking Old Quay to the Millgate towpath will close on the first "
                "of next month for six weeks of repairs, the council has confirmed.",
            ),
            (
                "p",
                "Engineers found corrosion on the bridge's steel arch during a routine inspection "
                "last year. The arch will be blasted and repainted, and the timber deck replaced "
                "with a non-slip composite that should last forty years.",
            ),
            (
                "p",
                "Pedestrians and cyclists will be signposted over Stone Bridge, a detour of about "
                "ten minutes. A ferry run by volunteers from the Wend Rowing Club will cross the "
                "river on Saturday mornings for those who cannot manage the longer walk.",
            ),
            ("p", "The $890,000 repair is funded by a state grant for historic structures."),
        ],
    ),
]
