"""What the demo network is made of: fictitious organisations, people and the things said in an
MDO (questions, goals, needs, agreements, tops and tips), each row marked with the school stages
it fits. Kept apart from the generator so the texts can be read and corrected in one place."""

# -- the network ------------------------------------------------------------------------------
# (name, sector, stage, weight): stage v = voorschool, p = primary (PO, SO/SBO), o = VO; only
# organisations with a stage register cases, `weight` says how many.
ORGANISATIONS = (
    ("Voorschool 't Kikkertje", "voorschools", "v", 2),
    ("Peuterspeelzaal De Boomhut", "voorschools", "v", 1),
    ("Basisschool De Regenboog", "PO", "p", 4),
    ("Kindcentrum Het Palet", "PO", "p", 4),
    ("Basisschool De Zonnewijzer", "PO", "p", 3),
    ("Kindcentrum De Vlinderhof", "PO", "p", 2),
    ("Stedelijk College Almere", "VO", "o", 3),
    ("Het Waterland Lyceum", "VO", "o", 2),
    ("SBO De Brug", "SO/SBO", "p", 2),
    ("SO De Wissel", "SO/SBO", "p", 1),
    ("Jeugdhulp Flevoland", "jeugdhulp/ketenpartner", "", 0),
    ("JGZ Almere", "jeugdhulp/ketenpartner", "", 0),
    ("Praktijk Kind & Context", "jeugdhulp/ketenpartner", "", 0),
    ("Gemeente Almere – wijkteam", "gemeente", "", 0),
    ("Gemeente Almere – leerplicht", "gemeente", "", 0),
    ("Samenwerkingsverband Passend Onderwijs Almere", "overig", "", 0),
)

# (role, organisation, weight, stages): professionals from outside the school.
EXTERNALS = (
    ("jeugdhulp", "Jeugdhulp Flevoland", 4, "vpo"),
    ("orthopedagoog/psycholoog", "Praktijk Kind & Context", 3, "vpo"),
    ("gemeente/wijkteam", "Gemeente Almere – wijkteam", 3, "vpo"),
    ("JGZ (jeugdarts/-verpleegkundige)", "JGZ Almere", 2, "vpo"),
    ("onderwijsadviseur", "Samenwerkingsverband Passend Onderwijs Almere", 2, "po"),
    ("leerplicht", "Gemeente Almere – leerplicht", 1, "o"),
)

# (stage, the adult in the group, the chair's role, groups)
STAGES = (
    ("v", "de pedagogisch medewerker", "intern begeleider (IB'er)",
     ("peutergroep De Dolfijnen", "peutergroep De Uiltjes", "peutergroep De Zonnetjes")),
    ("p", "de leerkracht", "intern begeleider (IB'er)",
     ("groep 1", "groep 2", "groep 3", "groep 4", "groep 5", "groep 6", "groep 7", "groep 8")),
    ("o", "de mentor", "zorgcoördinator",
     ("brugklas havo/vwo", "klas 1 vmbo-kader", "klas 2 mavo", "klas 3 havo", "klas 2 vmbo-basis")),
)

CHILD_NAMES = (
    "Daan", "Sem", "Bram", "Thijs", "Luuk", "Jesse", "Ruben", "Stijn", "Teun", "Gijs", "Jurre",
    "Joris", "Floris", "Wouter", "Siem", "Mees", "Pieter", "Koen", "Lars", "Tijn", "Sanne",
    "Lotte", "Fleur", "Anouk", "Noor", "Lieke", "Femke", "Roos", "Evi", "Tess", "Maud",
    "Jasmijn", "Floor", "Isa", "Esmee", "Ilse", "Marit", "Nienke", "Sophie", "Julia",
)
ADULT_NAMES = (
    "Marloes", "Erik", "Ingrid", "Mark", "Esther", "Jeroen", "Monique", "Hans", "Karin", "Bas",
    "Linda", "Dennis", "Petra", "Martijn", "Anja", "Rick", "Saskia", "Vincent", "Fatima",
    "Mohamed", "Wendy", "Sander", "Yvonne", "Ramon", "Hatice", "Kevin",
)
SURNAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "van Leeuwen", "Kok",
    "Postma", "Willems", "El Amrani", "Yilmaz", "Tromp", "Koster", "Veenstra", "Bulut",
)

# -- what is said in an MDO -------------------------------------------------------------------
# Placeholders: {naam} is the child, {leraar}/{Leraar} the adult in the group. The last column of
# every row lists the stages it fits.

REASONS = (
    ("{naam} loopt vast bij zelfstandig werken en raakt dan gefrustreerd. School en ouders willen "
     "samen kijken wat helpt.", "po"),
    ("{naam} heeft moeite met samenspelen en pakt speelgoed af. De voorschool en ouders willen "
     "weten hoe ze {naam} kunnen helpen.", "v"),
    ("{naam} is vaak te laat of afwezig en mist daardoor lessen. We willen samen zorgen dat {naam} "
     "weer met plezier naar school gaat.", "o"),
    ("{naam} reageert fel bij veranderingen in de klas. Ouders herkennen dit van thuis en willen "
     "graag samen optrekken.", "vpo"),
    ("De taalontwikkeling van {naam} gaat langzamer dan verwacht. Ouders en school willen weten "
     "wat {naam} nodig heeft.", "vp"),
    ("{naam} trekt zich terug in de groep en zegt weinig. {Leraar} en ouders maken zich zorgen en "
     "willen weten hoe ze {naam} kunnen steunen.", "vpo"),
    ("{naam} haalt lage cijfers terwijl {naam} het in gesprekken goed begrijpt. Hoe sluiten we "
     "beter aan?", "o"),
)

PARTY_QUESTIONS = (
    ("school", "Hoe helpen we {naam} om zelfstandig aan het werk te gaan?", "po"),
    ("school", "Wat kunnen we in de groep doen zodat {naam} meer meedoet?", "vpo"),
    ("ouders", "Wat kunnen wij thuis doen zodat de ochtenden rustiger verlopen?", "vpo"),
    ("ouders", "Hoe kunnen we {naam} helpen met plannen zonder dat het ruzie wordt?", "o"),
    ("ouders", "Welke hulp is er voor ons als ouders bij de boze buien?", "vp"),
    ("kind", "Ik wil een plek in de klas waar het rustig is.", "po"),
    ("kind", "Ik wil dat docenten niet steeds voor de hele klas zeggen dat ik moet opletten.", "o"),
    ("professionals", "Hoe stemmen we de hulp thuis en de aanpak op school op elkaar af?", "vpo"),
)

# (asked_by, question, answer, stages) — "Als we weten dat …, dan kunnen we …"
QUESTIONS = (
    ("school", "Als we weten wat {naam} helpt om zelfstandig te starten, dan kunnen we dat in alle "
     "lessen op dezelfde manier doen.", "Een vaste startopdracht en een stappenkaart helpen; "
     "iedereen gebruikt ze vanaf maandag.", "po"),
    ("ouders", "Als we weten waarom de ochtenden zo gehaast zijn, dan kunnen we samen een haalbaar "
     "ritme afspreken.", "Ouders werken allebei vroeg; opa brengt {naam} op dinsdag en donderdag.",
     "vpo"),
    ("school", "Als we weten of {naam} meer uitdaging nodig heeft, dan kunnen we het werk beter "
     "afstemmen.", "Bij rekenen wel: {naam} krijgt verrijkingswerk na de basisstof.", "po"),
    ("professionals", "Als we weten welke hulp het gezin al krijgt, dan kunnen we onze afspraken "
     "daarop laten aansluiten.", "Het wijkteam begeleidt het gezin sinds de zomer; de "
     "jeugdhulpverlener sluit voortaan aan bij het MDO.", "vpo"),
    ("school", "Als we weten of deze groep de juiste plek is voor {naam}, dan kunnen we besluiten "
     "over een arrangement.", "De groep past; met extra begeleiding in de klas kan {naam} hier "
     "blijven.", "vpo"),
    ("kind", "Als we weten wat {naam} zelf wil leren, dan kunnen we de doelen samen met {naam} "
     "kiezen.", "{naam} wil beter leren plannen en meer vriendjes op het plein.", "po"),
    ("ouders", "Als we weten hoe {naam} het samenspelen leert, dan kunnen we thuis hetzelfde "
     "oefenen.", "Korte spelletjes met één ander kind en een timer om om de beurt te gaan.", "v"),
    ("school", "Als we weten hoe vaak {naam} echt afwezig is, dan kunnen we samen met leerplicht "
     "een plan maken.", "Gemiddeld één dag per week; vooral op maandag.", "o"),
)
FOLLOW_UP_QUESTIONS = (
    ("school", "Als we weten hoe ver de doelen zijn, dan kunnen we bepalen of de extra begeleiding "
     "door moet gaan of kan worden afgebouwd.", "De doelen komen dichterbij; we bouwen de "
     "begeleiding rustig af.", "vpo"),
    ("ouders", "Als we weten wat thuis wel werkt, dan kunnen we dat ook op school proberen.",
     "Een vooraankondiging vijf minuten van tevoren werkt thuis goed; school neemt dit over.",
     "vpo"),
    ("professionals", "Als we weten of de hulp thuis effect heeft, dan kunnen we besluiten of die "
     "verlengd moet worden.", "Ouders merken verschil; de hulp loopt nog drie maanden door.",
     "vpo"),
)

# (area, sign, text, stages): strengths first, needs not labels.
OVERVIEW = (
    ("kind", "plus", "{naam} is nieuwsgierig en stelt goede vragen", "vpo"),
    ("kind", "plus", "{naam} is behulpzaam en zorgzaam voor jongere kinderen", "vpo"),
    ("kind", "plus", "{naam} is creatief: tekent en bouwt graag", "vp"),
    ("kind", "plus", "{naam} is sportief en beweegt graag", "vpo"),
    ("kind", "plus", "{naam} heeft humor en wordt graag gezien door klasgenoten", "po"),
    ("kind", "plus", "{naam} werkt geconcentreerd als het onderwerp aanspreekt", "po"),
    ("kind", "plus", "{naam} kan goed vertellen wat lastig is", "po"),
    ("kind", "min", "{naam} raakt snel afgeleid bij lange zelfstandige taken", "po"),
    ("kind", "min", "{naam} loopt vast bij rekenopgaven met veel tekst", "po"),
    ("kind", "min", "{naam} reageert fel als er onverwacht iets verandert", "vpo"),
    ("kind", "min", "{naam} trekt zich terug in de grote groep", "vpo"),
    ("kind", "min", "{naam} pakt speelgoed af als iets niet lukt", "v"),
    ("kind", "min", "{naam} is 's ochtends vaak moe en komt moeilijk op gang", "vpo"),
    ("kind", "vraag", "Wat helpt {naam} om na de pauze weer rustig te starten?", "po"),
    ("kind", "vraag", "Waar haalt {naam} de meeste energie uit?", "vpo"),
    ("onderwijs", "plus", "{Leraar} heeft een warme band met {naam}", "vpo"),
    ("onderwijs", "plus", "Er is een rustige instructietafel in de klas", "p"),
    ("onderwijs", "plus", "De groep is hulpvaardig en accepterend", "vpo"),
    ("onderwijs", "plus", "De school heeft duidelijke pleinregels en een vaste pleinwacht", "p"),
    ("onderwijs", "plus", "De mentor is goed bereikbaar voor ouders", "o"),
    ("onderwijs", "plus", "Het dagritme van de groep is voorspelbaar", "v"),
    ("onderwijs", "min", "De groep is groot; er is weinig ruimte voor extra instructie", "po"),
    ("onderwijs", "min", "Er waren veel wisselingen van invallers", "vpo"),
    ("onderwijs", "min", "Huiswerk wordt per vak op een andere manier opgegeven", "o"),
    ("onderwijs", "min", "Weinig momenten om te bewegen tussen de taken", "p"),
    ("onderwijs", "vraag", "Welke aanpak werkt bij de gymdocent wel, en kunnen anderen die "
     "overnemen?", "po"),
    ("onderwijs", "vraag", "Past het niveau van de opdrachten bij wat {naam} kan?", "po"),
    ("opvoeding", "plus", "Ouders zijn betrokken en komen op afspraken", "vpo"),
    ("opvoeding", "plus", "Thuis is er een vast avondritme", "vpo"),
    ("opvoeding", "plus", "Opa en oma helpen mee met halen en brengen", "vp"),
    ("opvoeding", "plus", "Ouders zien veel sterke kanten van {naam} en vertellen daar graag over",
     "vpo"),
    ("opvoeding", "plus", "{naam} helpt thuis graag mee met koken", "po"),
    ("opvoeding", "min", "Beide ouders werken in wisselende diensten; een herinnering helpt om "
     "afspraken te halen", "vpo"),
    ("opvoeding", "min", "Er is thuis veel veranderd door een verhuizing", "vpo"),
    ("opvoeding", "min", "De ochtenden zijn thuis gehaast", "vpo"),
    ("opvoeding", "min", "Ouders weten niet goed hoe ze kunnen reageren op boze buien", "vp"),
    ("opvoeding", "vraag", "Wat werkt thuis wél bij het naar bed gaan?", "vp"),
    ("opvoeding", "vraag", "Welke steun zouden ouders zelf willen?", "vpo"),
    ("jeugdhulp", "plus", "De jeugdhulpverlener heeft een goede band met het gezin", "vpo"),
    ("jeugdhulp", "plus", "Ouders volgen een oudercursus via het wijkteam", "vpo"),
    ("jeugdhulp", "min", "De wachttijd voor ambulante hulp is nog zes weken", "vpo"),
    ("jeugdhulp", "vraag", "Sluiten de doelen van de hulp thuis aan bij de doelen op school?",
     "vpo"),
)
PROGRESS = (  # what goes better now, said at a follow-up
    ("kind", "Sinds de stappenkaart begint {naam} vaker zelf aan het werk", "po"),
    ("kind", "{naam} speelt nu vaker samen in de bouwhoek", "v"),
    ("kind", "{naam} vertelt zelf wanneer het te druk wordt", "vpo"),
    ("onderwijs", "De vaste aanpak wordt nu door iedereen in de groep gebruikt", "vpo"),
    ("opvoeding", "Het avondritme thuis houdt goed stand", "vpo"),
    ("opvoeding", "Ouders en school delen elke week een top; dat geeft vertrouwen", "vpo"),
)

CHILD_WORDS = (
    ("Ik speel het liefst in de bouwhoek. Als het te druk is, wil ik bij juf zitten.", "v"),
    ("Ik vind rekenen leuk als ik het snap. Als het lawaaiig is in de klas, kan ik niet "
     "nadenken.", "p"),
    ("Op het plein weet ik soms niet met wie ik moet spelen. Met voetbal wil ik wel meedoen.", "p"),
    ("Ik wil graag dat de juf het nog één keer uitlegt, maar niet voor de hele klas.", "p"),
    ("Thuis is het leuk met mijn broertje. 's Ochtends is het altijd haasten.", "p"),
    ("Ik weet vaak niet wat ik eerst moet doen. Als mijn mentor het met me doorloopt, lukt het "
     "wel.", "o"),
    ("Ik wil niet steeds apart genomen worden. Een seintje is genoeg.", "o"),
    ("Bij gym voel ik me goed. Ik wil graag naar havo 3, daar wil ik voor werken.", "o"),
    ("Ik vind het fijn als iedereen hetzelfde doet. Dan weet ik waar ik aan toe ben.", "po"),
)

# The cirkelgesprek: (circle, sign, what the child says, stages)
CIRCLE_WORDS = (
    ("thuis", "plus", "Met mijn broertje spelen", "vpo"),
    ("thuis", "plus", "Samen koken met papa", "vp"),
    ("thuis", "min", "'s Ochtends is het altijd haasten", "vpo"),
    ("thuis", "min", "Huiswerk maken aan de keukentafel, dan is het te druk", "po"),
    ("thuis", "vraag", "Waarom moet ik eerder naar bed dan mijn zus?", "vp"),
    ("thuis", "doel", "Rustig ontbijten. Dan moet mijn tas 's avonds al klaarstaan", "vpo"),
    ("kind", "plus", "Ik ben goed in tekenen", "vpo"),
    ("kind", "plus", "Voetballen, daar ben ik snel in", "vpo"),
    ("kind", "min", "Als ik boos word, weet ik niet hoe ik moet stoppen", "vpo"),
    ("kind", "min", "Ik weet vaak niet wat ik eerst moet doen", "po"),
    ("kind", "vraag", "Ben ik dom als ik het niet snap?", "po"),
    ("kind", "doel", "Zelf zeggen als ik hulp nodig heb. Met een kaartje op mijn tafel", "vpo"),
    ("school", "plus", "De juf helpt me als ik het vraag", "vp"),
    ("school", "plus", "Gym en buitenspelen", "vpo"),
    ("school", "min", "Het is lawaaiig in de klas, dan kan ik niet nadenken", "vpo"),
    ("school", "min", "Op het plein weet ik niet met wie ik moet spelen", "vp"),
    ("school", "vraag", "Mag ik een koptelefoon als het druk is?", "po"),
    ("school", "doel", "Dat de juf het nog één keer uitlegt, maar niet voor de hele klas", "po"),
    ("school", "doel", "Een vast maatje op het plein", "vp"),
)

EXPLANATIONS = (
    ("kind", "Lange zelfstandige taken vragen meer planning dan {naam} nu zelf kan", "po"),
    ("kind", "{naam} heeft weinig succeservaringen bij taal en haakt daarom sneller af", "po"),
    ("kind", "Na de verhuizing mist {naam} vaste vriendjes en houvast", "vpo"),
    ("kind", "{naam} heeft nog weinig woorden om te zeggen wat er niet lukt", "v"),
    ("onderwijs", "De aanpak verschilt per volwassene, dus {naam} weet niet goed wat er verwacht "
     "wordt", "vpo"),
    ("onderwijs", "De grote groep en veel prikkels maken concentreren lastig", "vpo"),
    ("opvoeding", "Thuis en school gebruiken verschillende afspraken", "vpo"),
    ("opvoeding", "Door de werkdiensten van ouders is er 's ochtends weinig tijd", "vpo"),
)
RESEARCH_REASONS = (
    "Ouders en school willen weten of de taalontwikkeling achterloopt; dat bepaalt welke "
    "begeleiding past.",
    "Een didactisch onderzoek naar rekenen helpt om het juiste niveau en de juiste aanpak te "
    "kiezen.",
    "Een observatie in de groep door de orthopedagoog laat zien in welke situaties het wél lukt.",
)

# (area, goal, what we see and hear then, stages)
GOALS = (
    ("kind", "{naam} begint zelfstandig aan een taak", "{naam} pakt na de instructie binnen twee "
     "minuten het werk en maakt de eerste opdracht zonder hulp.", "po"),
    ("kind", "{naam} vraagt om hulp als het vastloopt", "We zien {naam} de hulpkaart op tafel "
     "leggen of de vinger opsteken in plaats van te stoppen met werken.", "po"),
    ("kind", "{naam} speelt samen met andere kinderen", "In de kring en buiten doet {naam} mee aan "
     "een spel met minstens één ander kind.", "v"),
    ("kind", "{naam} vraagt met woorden om speelgoed", "{naam} zegt 'mag ik?' of wijst het aan, "
     "in plaats van het af te pakken.", "v"),
    ("kind", "{naam} laat merken hoe het zich voelt", "{naam} wijst 's ochtends een gevoelskaart "
     "aan en zegt er één zin bij.", "vp"),
    ("kind", "{naam} komt zelf tot rust na een boze bui", "{naam} gaat naar de rustplek en is "
     "binnen tien minuten terug bij de groep.", "vpo"),
    ("kind", "{naam} is op tijd in de les", "{naam} zit bij de bel in het lokaal; hooguit één "
     "keer te laat per week.", "o"),
    ("kind", "{naam} plant het huiswerk in de agenda", "Bij de mentorles laat {naam} de planning "
     "van de week zien en vinkt af wat klaar is.", "o"),
    ("kind", "{naam} leest met plezier", "{naam} kiest zelf een boek en leest tien minuten achter "
     "elkaar in het stilleesmoment.", "p"),
    ("onderwijs", "{Leraar} geeft {naam} verlengde instructie", "Drie keer per week zit {naam} aan "
     "de instructietafel en vertelt daarna in eigen woorden wat de opdracht is.", "p"),
    ("onderwijs", "Taken komen in kleine stappen", "Op tafel ligt een stappenkaart en {naam} "
     "streept zelf elke stap af.", "po"),
    ("onderwijs", "Vast contactmoment met de mentor", "Elke maandag heeft {naam} een gesprek van "
     "vijf minuten met de mentor over de week.", "o"),
    ("onderwijs", "Docenten gebruiken dezelfde aanpak", "In elk vak zit {naam} op een vaste plek "
     "en staat het huiswerk ook in de ELO.", "o"),
    ("onderwijs", "Bewegen tussen de taken", "Na elk blok van twintig minuten doet {naam} een "
     "korte opdracht in beweging.", "p"),
    ("onderwijs", "Een voorspelbaar dagritme", "Het dagritme hangt met pictogrammen op ooghoogte "
     "en {leraar} loopt het elke ochtend met de groep door.", "v"),
    ("onderwijs", "Spelbegeleiding in een klein groepje", "Twee keer per week speelt {leraar} met "
     "{naam} en twee andere kinderen een samenspel.", "v"),
    ("opvoeding", "Een vast ritme bij het naar bed gaan", "{naam} ligt op schooldagen op een "
     "vaste tijd in bed, het laatste halfuur zonder scherm.", "vpo"),
    ("opvoeding", "Ouders en school delen wat goed ging", "Elke vrijdag staat in de app één top "
     "van school en één van thuis.", "vpo"),
    ("opvoeding", "{naam} komt uitgerust en op tijd op school", "{naam} is vóór de bel binnen; "
     "hooguit één keer te laat per maand.", "vpo"),
    ("opvoeding", "Samen lezen thuis", "Vier avonden per week lezen ouders tien minuten met "
     "{naam}, en {naam} vertelt op school over het verhaal.", "vp"),
    ("opvoeding", "Samen de week doornemen", "Op zondag bekijken ouders met {naam} de planning en "
     "{naam} laat zien wat er die week moet.", "o"),
    ("opvoeding", "Dezelfde afspraken over schermtijd", "De schermtijdafspraak hangt op de "
     "koelkast en wordt vijf van de zeven dagen gehaald.", "po"),
)

NEEDS = (  # (category, "heeft … nodig", stages)
    ("instructie/uitleg/feedback", "{naam} heeft korte instructie nodig, met een voorbeeld erbij",
     "po"),
    ("instructie/uitleg/feedback", "{naam} heeft direct een compliment nodig als iets lukt",
     "vpo"),
    ("instructie/uitleg/feedback", "{naam} heeft verlengde instructie in een klein groepje nodig",
     "p"),
    ("opdrachten/leeractiviteiten", "{naam} heeft korte opdrachten nodig, met beweging tussendoor",
     "po"),
    ("opdrachten/leeractiviteiten", "{naam} heeft opdrachten nodig die aansluiten bij de "
     "interesse in techniek", "po"),
    ("opdrachten/leeractiviteiten", "{naam} heeft spelletjes nodig waarin om de beurt gaan "
     "geoefend wordt", "v"),
    ("andere kinderen", "{naam} heeft een maatje nodig bij het buitenspelen", "vp"),
    ("andere kinderen", "{naam} heeft een plek nodig naast een klasgenoot die rustig werkt", "po"),
    ("een leraar die", "{naam} heeft een leraar nodig die de regels consequent hanteert en vooraf "
     "vertelt wat er verandert", "vpo"),
    ("een leraar die", "{naam} heeft een leraar nodig die ziet wanneer {naam} vastloopt en een "
     "seintje geeft", "vpo"),
    ("ouders die", "{naam} heeft ouders nodig die thuis hetzelfde ritme aanhouden als op school",
     "vpo"),
    ("ouders die", "{naam} heeft ouders nodig die vertellen wat er goed ging", "vpo"),
    ("professionals die", "{naam} heeft professionals nodig die hun aanpak met school afstemmen",
     "vpo"),
    ("professionals die", "{naam} heeft een jeugdhulpverlener nodig die ook in de groep komt "
     "kijken", "vp"),
)

SUPPORT_NEEDS = (  # (for whom, kind, text, from whom)
    ("school", "kennis", "Weten hoe je prikkels in de groep beperkt", "orthopedagoog"),
    ("school", "vaardigheden", "Oefenen met korte, heldere instructie in stappen",
     "onderwijsadviseur"),
    ("school", "ondersteuning", "Een onderwijsassistent twee ochtenden per week",
     "samenwerkingsverband"),
    ("school", "ondersteuning", "Tijd voor overleg tussen de docenten van de klas", "teamleider"),
    ("ouders", "kennis", "Informatie over het opbouwen van een vast avondritme", "JGZ"),
    ("ouders", "vaardigheden", "Oefenen met rustig reageren bij boze buien", "jeugdhulp"),
    ("ouders", "ondersteuning", "Hulp bij het regelen van opvang op woensdagmiddag", "wijkteam"),
    ("ouders", "ondersteuning", "Een herinnering een dag voor elke afspraak", "intern begeleider"),
)

DECISIONS = (  # (text, decided by)
    ("{naam} krijgt een arrangement voor extra begeleiding in de groep",
     "samenwerkingsverband, op aanvraag van school"),
    ("Ouders melden zich aan voor de oudercursus van het wijkteam", "ouders"),
    ("De stappenkaart wordt in alle lessen gebruikt", "school"),
    ("Er komt een observatie in de groep door de orthopedagoog",
     "school, met toestemming van ouders"),
    ("De hulp thuis gaat door en wordt bij het volgende MDO geëvalueerd", "jeugdhulp en ouders"),
    ("We doen geen verder onderzoek: eerst de nieuwe aanpak proberen", "alle deelnemers"),
    ("{naam} sluit zelf aan bij het volgende MDO", "{naam} en ouders"),
)
CLOSING = ("De doelen zijn behaald: we sluiten de casus af en school houdt de aanpak vast",
           "school en ouders")

AGREEMENTS = (  # (role of who does it, what, stages)
    ("leerkracht/mentor", "Stappenkaart maken en de eerste week samen met {naam} oefenen", "po"),
    ("leerkracht/mentor", "Elke vrijdag één top over {naam} naar ouders sturen", "vpo"),
    ("leerkracht/mentor", "Spelletjes in een klein groepje inplannen, twee keer per week", "v"),
    ("intern begeleider (IB'er)", "Aanvraag arrangement indienen bij het samenwerkingsverband",
     "vp"),
    ("intern begeleider (IB'er)", "Gouden mailtje sturen voor het volgende MDO", "vp"),
    ("zorgcoördinator", "Alle docenten van de klas informeren over de afgesproken aanpak", "o"),
    ("zorgcoördinator", "Gouden mailtje sturen voor het volgende MDO", "o"),
    ("ouder/verzorger", "Het avondritme twee weken bijhouden op de kalender", "vpo"),
    ("ouder/verzorger", "Aanmelden bij de oudercursus van het wijkteam", "vpo"),
    ("kind/jongere", "Elke maandag de weekplanning laten zien aan de mentor", "o"),
    ("kind/jongere", "De hulpkaart gebruiken als het werk niet lukt", "p"),
    ("jeugdhulp", "Huisbezoek plannen en kort terugkoppelen aan school", "vpo"),
    ("orthopedagoog/psycholoog", "Observatie in de groep en het verslag delen met ouders en school",
     "vpo"),
    ("gemeente/wijkteam", "Ouders bellen over de mogelijkheden voor opvang", "vpo"),
    ("JGZ (jeugdarts/-verpleegkundige)", "Gesprek met ouders over slaap en ritme", "vpo"),
    ("onderwijsadviseur", "Meekijken in de les en tips geven aan {leraar}", "po"),
    ("leerplicht", "Verzuimgesprek met {naam} en ouders voeren", "o"),
)

TOPS_TIPS = (  # (top or tip, group of the giver, text)
    ("top", "ouders", "We voelden ons gehoord: er werd eerst gekeken naar wat goed gaat bij "
     "{naam}."),
    ("top", "ouders", "Duidelijke afspraken: we weten wie wat doet en wanneer."),
    ("top", "ouders", "Fijn dat het overleg vroeg was, zodat we er allebei bij konden zijn."),
    ("top", "school", "Ouders hadden hun vragen vooraf gestuurd; zo kwamen we snel bij de kern."),
    ("top", "school", "De tips van de externe collega's kunnen we morgen al in de groep "
     "gebruiken."),
    ("top", "school", "Mooi dat {naam} zelf vertelde wat helpt; dat gaf richting aan de doelen."),
    ("top", "professionals", "Goede voorbereiding: door het gouden mailtje waren de doelen "
     "helder."),
    ("top", "professionals", "Iedereen bleef in de eigen rol en dacht mee."),
    ("top", "professionals", "De voorzitter hield het gesprek steeds bij de doelen."),
    ("top", "kind", "Ik mocht zelf vertellen wat ik wil, dat vond ik fijn."),
    ("top", "kind", "Iedereen was aardig en ik snapte waar het over ging."),
    ("tip", "professionals", "Het formulier was niet bij iedereen vooraf binnen; volgende keer "
     "een week eerder sturen."),
    ("tip", "professionals", "Scherper zeggen wat we zien en horen als het doel gehaald is."),
    ("tip", "professionals", "Spreek af wie de afspraken bewaakt tot de evaluatie."),
    ("tip", "school", "Minder mensen aan tafel: met zoveel deelnemers is het voor ouders veel."),
    ("tip", "school", "Meer tijd nemen voor de vragen van ouders aan het begin."),
    ("tip", "ouders", "Graag minder afkortingen; niet iedereen weet wat een OPP of arrangement "
     "is."),
    ("tip", "ouders", "Een herinnering een dag van tevoren zou helpen."),
    ("tip", "kind", "Volgende keer wil ik er vanaf het begin bij zijn."),
)

RATINGS = ((5, 6, 7, 8, 9, 10), (1, 3, 8, 10, 5, 1))  # values and their weights
