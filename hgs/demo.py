"""Demo data: a seeded, realistic but fictitious network of schools, partners, cases and MDOs."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import time
from dataclasses import dataclass

from hgs import config
from hgs.method.cycle import GIVERS, carry_over_from, required_givers
from hgs.method.records import (GIVER_GROUPS, Agreement, Case, Consent, Decision, Explanation, Goal,
                       Meeting, Need, Organisation, OverviewItem, Participant, Question,
                       SupportNeed, TopTip)
from hgs.store import Store, open_store

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


# -- building -----------------------------------------------------------------------------------
@functools.cache
def _fits(rows: tuple, stage: str) -> tuple:
    """The rows of a snippet table that fit a stage (cached: the build asks thousands of times)."""
    return tuple(row for row in rows if stage in row[-1])


@functools.cache
def _overview_rows(stage: str, area: str, sign: str) -> tuple:
    return tuple(row for row in _fits(OVERVIEW, stage) if row[:2] == (area, sign))


@functools.cache
def _email(name: str, organisation: str) -> str:
    """A fictitious work address on the reserved .example domain; families get none."""
    if not organisation:
        return ""
    first, *rest = name.lower().split()
    domain = "".join(ch for ch in organisation.split("–")[0].lower() if ch.isalnum())
    return f"{first}.{''.join(rest)}@{domain}.example"


def _weekday(day: dt.date) -> dt.date:
    """MDOs happen on school days: move a weekend day back to Friday."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


class _Network:
    """The organisations and the people who work there; hands out seeded ids and case codes."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.organisations = [Organisation(id=self.id(), name=name, sector=sector, demo=True)
                              for name, sector, _, _ in ORGANISATIONS]
        self.organisation_ids = {org.name: org.id for org in self.organisations}
        self.schools = [row for row in ORGANISATIONS if row[2]]
        self.chairs = {name: self.person() for name, *_ in self.schools}
        self.professionals = {org: [self.person(), self.person()] for _, org, _, _ in EXTERNALS}
        self.codes: set[str] = set()

    def id(self) -> str:
        return f"{self.rng.getrandbits(48):012x}"

    def person(self, surname: str | None = None) -> str:
        return f"{self.rng.choice(ADULT_NAMES)} {surname or self.rng.choice(SURNAMES)}"

    def code(self, year: int) -> str:
        while (code := f"L-{year}-{self.rng.randrange(1, 10_000):04d}") in self.codes:
            pass
        self.codes.add(code)
        return code


class _CaseWriter:
    """One case from registration to its latest MDO."""

    def __init__(self, net: _Network, n_meetings: int) -> None:
        self.net = net
        self.rng = rng = net.rng
        school, _, self.stage, _ = rng.choices(net.schools, [row[3] for row in net.schools])[0]
        _, adult, chair_role, groups = next(row for row in STAGES if row[0] == self.stage)
        self.school, self.group = school, rng.choice(groups)
        self.name, family = rng.choice(CHILD_NAMES), rng.choice(SURNAMES)
        self.words = {"naam": self.name, "leraar": adult, "Leraar": adult[0].upper() + adult[1:]}
        self.case_id = net.id()
        self.answers: dict[str, str] = {}
        self.scores: dict[str, int] = {}
        # who sits at the table: (name, role, organisation)
        self.table = [(net.chairs[school], chair_role, school),
                      (net.person(), "leerkracht/mentor", school)]
        self.table += [(net.person(family), "ouder/verzorger", "")
                       for _ in range(rng.choice((1, 2, 2)))]
        if rng.random() < 0.1:
            self.table.append((f"{rng.choice(ADULT_NAMES)} (oma)", "netwerk van het gezin", ""))
        if rng.random() < {"v": 0.0, "p": 0.35, "o": 0.75}[self.stage]:
            self.table.append((self.name, "kind/jongere", ""))
        self.add_externals(rng.choices((0, 1, 2), (7, 9, 4))[0])
        self.dates = self.plan(n_meetings)

    def say(self, text: str) -> str:
        return text.format_map(self.words)

    def add_externals(self, count: int) -> None:
        present = {role for _, role, _ in self.table}
        options = [row for row in _fits(EXTERNALS, self.stage) if row[0] not in present]
        for role, org, _, _ in self.rng.sample(options, min(count, len(options))):
            self.table.append((self.rng.choice(self.net.professionals[org]), role, org))

    def plan(self, n: int) -> list[dt.date]:
        """Meeting dates a few months apart, all in the past, over about two years; most cases
        had their latest MDO in the last four months, some have been quiet for longer."""
        rng = self.rng
        gaps = [rng.randint(56, 120) for _ in range(n - 1)]
        longest = max(3, 700 - sum(gaps))
        quiet = rng.randint(3, 120) if rng.random() < 0.7 else rng.randint(3, longest)
        day = self.net.today - dt.timedelta(days=quiet + sum(gaps))
        dates = [day]
        for gap in gaps:
            dates.append(dates[-1] + dt.timedelta(days=gap))
        return [_weekday(day) for day in dates]

    # -- the case -------------------------------------------------------------------------------
    def write(self) -> tuple[Case, list[Meeting]]:
        meetings: list[Meeting] = []
        for i, date in enumerate(self.dates):
            next_date = self.dates[i + 1] if i + 1 < len(self.dates) else None
            meetings.append(self.meeting(meetings[-1] if meetings else None, date, next_date))
        created = self.dates[0] - dt.timedelta(days=self.rng.randint(14, 35))
        # A year of birth that fits the stage over all the case's MDOs (voorschool 2-4, primary
        # 4-12, VO 12-17 at the first MDO), drawn apart from the network's own random stream so
        # the rest of the demo stays as it was.
        low, high = {"v": (2, 4), "p": (4, 12), "o": (12, 17)}[self.stage]
        span = self.dates[-1].year - self.dates[0].year
        birth_year = self.dates[0].year - random.Random(self.case_id).randint(
            low, max(low, high - span))
        outside = sorted({p.organisation for m in meetings for p in m.participants
                          if p.group == "extern"})
        consents = []
        if outside:  # consent from whoever the child's age asks for at any of its MDOs
            asked = set().union(*(required_givers(birth_year, m.date) for m in meetings))
            given_by = [giver for giver in GIVERS if giver in asked]
            scope = [] if self.rng.random() < 0.2 else outside
            consents.append(Consent(id=self.net.id(), given_by=given_by, date=created,
                                    scope=scope))
        closed = meetings[-1].evaluation_date is None  # goals reached, nothing left to evaluate
        case = Case(id=self.case_id, code=self.net.code(created.year), first_name=self.name,
                    organisation_id=self.net.organisation_ids[self.school], group=self.group,
                    status="afgesloten" if closed else "actief", created=created,
                    consents=consents, birth_year=birth_year, demo=True)
        return case, meetings

    def meeting(self, previous: Meeting | None, date: dt.date,
                next_date: dt.date | None) -> Meeting:
        rng, meeting_id = self.rng, self.net.id()
        if previous is None:
            base = Meeting(case_id=self.case_id, date=date, kind="eerste", chair=self.table[0][0],
                           reason=self.say(rng.choice(_fits(REASONS, self.stage))[0]),
                           party_questions=self.party_questions())
        else:
            base = carry_over_from(previous, date)
            if rng.random() < 0.15:
                self.add_externals(1)
        people = self.participants()
        present = [p for p in people if p.present]
        goals, scores = self.goals(base, meeting_id)
        reached = bool(scores) and all(scores[g.id] >= g.target for g in goals
                                       if g.id in scores and not g.dropped)
        closing = next_date is None and reached and rng.random() < 0.7
        research = previous is None and rng.random() < 0.15
        first = previous is None
        return base.model_copy(update={  # no validation here: the store validates on import
            "id": meeting_id,
            "status": "afgerond",
            "participants": people,
            "questions": self.questions(base),
            "overview": self.overview(base, present),
            "child_words": self.child_words(present),
            "explanations": self.explanations(rng.randint(1, 3) if first else rng.randint(0, 1)),
            "research_needed": research,
            "research_reason": rng.choice(RESEARCH_REASONS) if research else "",
            "goals": goals,
            "scores": scores,
            "needs": base.needs + self.needs(rng.randint(3, 5) if first
                                             else int(rng.random() < 0.3), base.needs),
            "support_needs": base.support_needs + (self.support_needs() if first else []),
            "decisions": self.decisions(closing),
            "agreements": self.settle(
                base.agreements + self.agreements(date, present, base.agreements), next_date),
            "evaluation_date": None if closing else next_date or _weekday(
                date + dt.timedelta(weeks=rng.randint(8, 14))),
            "tops_tips": self.tops_tips(present),
            "rating": rng.choices(*RATINGS)[0],
        })

    def party_questions(self) -> dict[str, str]:
        parties: dict[str, str] = {}
        for party, text, _ in self.rng.sample(_fits(PARTY_QUESTIONS, self.stage), 3):
            parties.setdefault(party, self.say(text))
        return parties

    def participants(self) -> list[Participant]:
        """The table of this MDO: parents are invited every time but not always there; a child
        at the table joins most meetings, not every one."""
        rows = []
        for name, role, org in self.table:
            if role == "kind/jongere" and self.rng.random() < 0.2:
                continue
            present = role != "ouder/verzorger" or self.rng.random() < 0.85
            rows.append(Participant(id=self.net.id(), name=name, role=role, organisation=org,
                                    email=_email(name, org), present=present))
        return rows

    def questions(self, base: Meeting) -> list[Question]:
        follow_up = base.kind == "evaluatie"
        pool = _fits(FOLLOW_UP_QUESTIONS if follow_up else QUESTIONS, self.stage)
        new = []
        for asked_by, text, answer, _ in self.rng.sample(pool, 1 if follow_up else 2):
            question = Question(id=self.net.id(), text=self.say(text), asked_by=asked_by)
            self.answers[question.id] = self.say(answer)
            new.append(question)
        return [q.model_copy(update={"answered": True, "answer": self.answers[q.id]})
                if self.rng.random() < 0.85 else q for q in base.questions + new]

    def overview(self, base: Meeting, present: list[Participant]) -> list[OverviewItem]:
        """Per area strengths first, then what must improve and what we wonder; a follow-up
        opens with what goes better now."""
        rng, items = self.rng, []
        follow_up = base.kind == "evaluatie"
        if follow_up:
            area, text, _ = rng.choice(_fits(PROGRESS, self.stage))
            items.append(OverviewItem(id=self.net.id(), area=area, sign="plus",
                                      text=self.say(text), by="school"))
        roles = {p.role for p in present}
        by = {"kind": "kind" if "kind/jongere" in roles else "school", "onderwijs": "school",
              "opvoeding": "ouders", "jeugdhulp": "jeugdhulp"}
        areas = ("kind", "onderwijs", "opvoeding") + (("jeugdhulp",) if "jeugdhulp" in roles
                                                     else ())
        for area in areas:
            for sign, count in (("plus", 1 if follow_up else 2), ("min", 1),
                                ("vraag", int(rng.random() < 0.4))):
                rows = _overview_rows(self.stage, area, sign)
                for _, _, text, _ in rng.sample(rows, min(count, len(rows))):
                    items.append(OverviewItem(id=self.net.id(), area=area, sign=sign,
                                              text=self.say(text), by=by[area]))
        return items

    def child_words(self, present: list[Participant]) -> str:
        """Said at the table, or beforehand in a circle conversation (cirkelgesprek)."""
        at_table = any(p.role == "kind/jongere" for p in present)
        if self.rng.random() >= (0.8 if at_table else 0.3):
            return ""
        return self.rng.choice(_fits(CHILD_WORDS, self.stage))[0]

    def explanations(self, count: int) -> list[Explanation]:
        return [Explanation(id=self.net.id(), area=area, text=self.say(text))
                for area, text, _ in self.rng.sample(_fits(EXPLANATIONS, self.stage), count)]

    def goals(self, base: Meeting, meeting_id: str) -> tuple[list[Goal], dict[str, int]]:
        """New goals at a first MDO; at a follow-up, a new score for each carried goal, the odd
        goal dropped and the odd goal added."""
        rng, goals, scores = self.rng, [], {}
        for goal in base.goals:
            score = min(10, max(0, self.scores[goal.id] + rng.choice((-1, 0, 1, 1, 1, 2, 2, 3))))
            self.scores[goal.id] = scores[goal.id] = score
            if score < goal.target and rng.random() < 0.07:
                goal = goal.model_copy(update={"dropped": True})
            goals.append(goal)
        if base.goals:
            areas = [rng.choice(("kind", "onderwijs", "opvoeding"))] if rng.random() < 0.2 else []
        else:
            areas = ["kind", rng.choice(("onderwijs", "opvoeding"))]
            areas += rng.sample(("kind", "onderwijs", "opvoeding"), rng.choice((0, 0, 1, 2)))
        used = {g.text for g in goals}
        for area in areas:
            options = [row for row in _fits(GOALS, self.stage)
                       if row[0] == area and self.say(row[1]) not in used]
            if not options:
                continue
            _, text, observable, _ = rng.choice(options)
            start = rng.randint(1, 5)
            goal = Goal(id=self.net.id(), area=area, text=self.say(text),
                        observable=self.say(observable), start=start,
                        target=min(10, start + rng.randint(3, 5)),
                        weight=rng.choices((1, 2, 3), (6, 3, 1))[0], set_in=meeting_id)
            self.scores[goal.id] = start
            used.add(goal.text)
            goals.append(goal)
        return goals, scores

    def needs(self, count: int, present: list[Need]) -> list[Need]:
        taken = {n.text for n in present}
        options = [row for row in _fits(NEEDS, self.stage) if self.say(row[1]) not in taken]
        return [Need(id=self.net.id(), category=category, text=self.say(text),
                     more_pupils=self.rng.random() < 0.3)
                for category, text, _ in self.rng.sample(options, min(count, len(options)))]

    def support_needs(self) -> list[SupportNeed]:
        rows = self.rng.sample(SUPPORT_NEEDS, self.rng.randint(1, 3))
        return [SupportNeed(id=self.net.id(), for_whom=for_whom, kind=kind, text=text,
                            from_whom=from_whom) for for_whom, kind, text, from_whom in rows]

    def decisions(self, closing: bool) -> list[Decision]:
        rows = self.rng.sample(DECISIONS, self.rng.randint(1, 2)) + ([CLOSING] if closing else [])
        return [Decision(id=self.net.id(), text=self.say(text), decided_by=self.say(by))
                for text, by in rows]

    def agreements(self, date: dt.date, present: list[Participant],
                   open_ones: list[Agreement]) -> list[Agreement]:
        """Who does what by when, each for someone who was there."""
        who = {p.role: p.name for p in present}
        taken = {a.what for a in open_ones}
        options = [row for row in _fits(AGREEMENTS, self.stage)
                   if row[0] in who and self.say(row[1]) not in taken]
        rows = self.rng.sample(options, min(len(options), self.rng.randint(2, 4)))
        return [Agreement(id=self.net.id(), who=who[role], what=self.say(what),
                          due=date + dt.timedelta(weeks=self.rng.randint(2, 8)))
                for role, what, _ in rows]

    def settle(self, agreements: list[Agreement], next_date: dt.date | None) -> list[Agreement]:
        """Most agreements are done by the next MDO; at the latest one, those past their due date
        are mostly done and some overdue."""
        settled = []
        for agreement in agreements:
            if next_date is not None:
                done = self.rng.random() < 0.75
            else:
                done = agreement.due < self.net.today and self.rng.random() < 0.7
            settled.append(agreement.model_copy(update={"status": "gedaan" if done else "open"}))
        return settled

    def tops_tips(self, present: list[Participant]) -> list[TopTip]:
        """Feedback on the collaboration from those at the table, tops first."""
        givers: dict[str, list[str]] = {}
        for p in present:
            givers.setdefault(GIVER_GROUPS[p.group], []).append(p.name)
        options = [row for row in TOPS_TIPS if row[1] in givers]
        rows = self.rng.sample(options, min(len(options), self.rng.randint(2, 5)))
        return [TopTip(id=self.net.id(), kind=kind, text=self.say(text), group=group,
                       by=self.rng.choice(givers[group]))
                for kind, group, text in sorted(rows, key=lambda row: row[0] != "top")]


def build_network(store: Store, cases: int = 40, seed: int = 7, today: dt.date | None = None,
                  meetings: int | None = None) -> dict[str, int]:
    """Write a demo network into `store`: the same seed and day give the same data, ids
    included. `meetings` forces that many MDOs per case (benchmarks); otherwise 1 to 5."""
    net = _Network(random.Random(seed), today or dt.date.today())
    for organisation in net.organisations:
        store.save_organisation(organisation)
    counts = {"organisations": len(net.organisations),
              **dict.fromkeys(("cases", "meetings", "goals", "agreements", "tops_tips"), 0)}
    for _ in range(cases):
        n = meetings or 1 + net.rng.choices((0, 1, 2, 3, 4), (5, 9, 12, 9, 5))[0]
        case, case_meetings = _CaseWriter(net, n).write()
        store.import_case(case, case_meetings)
        counts["cases"] += 1
        counts["meetings"] += len(case_meetings)
        counts["goals"] += len({g.id for m in case_meetings for g in m.goals})
        counts["agreements"] += len({a.id for m in case_meetings for a in m.agreements})
        counts["tops_tips"] += sum(len(m.tops_tips) for m in case_meetings)
    store.set_setting("demo", True)
    return counts


def load_demo_if_empty(store: Store) -> bool:
    """Fill a data folder that was never used with the demo network; True if it did."""
    if (store.setting("initialised") is not None or store.case_ids()
            or store.organisations()):
        return False
    if not config.demo_allowed():
        store.set_setting("initialised", True)
        return False
    build_network(store)
    store.set_setting("initialised", True)
    return True


# The demo network the app loads on a fresh folder (load_demo_if_empty): its ids depend on the
# seed and the number of cases only, never on the day it was made, so they recognise the demo
# cases and organisations of a folder filled before records carried their demo mark.
DEFAULT_SEED, DEFAULT_CASES = 7, 40


@functools.cache
def legacy_demo_ids(seed: int = DEFAULT_SEED, cases: int = DEFAULT_CASES
                    ) -> tuple[frozenset[str], frozenset[str]]:
    """(case ids, organisation ids) of the demo network `build_network` makes with this seed
    and number of cases, worked out without writing anything (about 0.05 s)."""
    net = _Network(random.Random(seed), dt.date.today())
    case_ids = set()
    for _ in range(cases):  # the same draws as build_network, in the same order
        n = 1 + net.rng.choices((0, 1, 2, 3, 4), (5, 9, 12, 9, 5))[0]
        case_ids.add(_CaseWriter(net, n).write()[0].id)
    return frozenset(case_ids), frozenset(o.id for o in net.organisations)


def is_demo_case(case: Case) -> bool:
    """Made by the demo network: marked so, or one of the default demo network's cases."""
    return case.demo or case.id in legacy_demo_ids()[0]


def is_demo_organisation(organisation: Organisation) -> bool:
    return organisation.demo or organisation.id in legacy_demo_ids()[1]


@dataclass(frozen=True)
class EmptyStart:
    """What "Leeg beginnen" removes and what it keeps: demo cases go; cases someone created
    stay, and so does every organisation one of them belongs to."""

    demo_cases: tuple[Case, ...]
    meetings: int  # the MDOs of those demo cases
    own_cases: tuple[Case, ...]
    demo_organisations: tuple[Organisation, ...]  # removed
    kept_organisations: tuple[Organisation, ...]  # demo organisations a remaining case uses


def plan_start_empty(store: Store) -> EmptyStart:
    """What "Leeg beginnen" would remove from `store` now, and what stays."""
    cases = store.cases()
    demo_cases = tuple(c for c in cases if is_demo_case(c))
    own_cases = tuple(c for c in cases if not is_demo_case(c))
    used = {c.organisation_id for c in own_cases}
    demo_orgs = [o for o in store.organisations() if is_demo_organisation(o)]
    return EmptyStart(
        demo_cases=demo_cases, meetings=sum(len(store.meetings(c.id)) for c in demo_cases),
        own_cases=own_cases,
        demo_organisations=tuple(o for o in demo_orgs if o.id not in used),
        kept_organisations=tuple(o for o in demo_orgs if o.id in used))


def start_empty(store: Store) -> EmptyStart:
    """ "Leeg beginnen": remove the demo cases (with their MDOs and join links) and the demo
    organisations no remaining case uses; every case someone created stays, with its
    organisation. What was removed and kept is worked out again now, not taken from what the
    question showed, so a case made in between is never lost."""
    from hgs.exports.archive import remove_case

    plan = plan_start_empty(store)
    for case in plan.demo_cases:
        remove_case(store, case.id)
    for organisation in plan.demo_organisations:
        store.remove_organisation(organisation.id)
    store.set_setting("demo", False)
    store.set_setting("initialised", True)
    return plan


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m hgs.demo",
                                     description="Build a demo network into a data folder.")
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--out", required=True, help="data folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--meetings", type=int, default=None, help="MDOs per case")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = build_network(open_store(args.out), cases=args.cases, seed=args.seed,
                           meetings=args.meetings)
    print(" ".join(f"{name}={count}" for name, count in counts.items()),
          f"seconds={time.perf_counter() - started:.2f}")


if __name__ == "__main__":
    main()
