// plugins/pendulation/Narration.h  (narration of the pendulation exercise; nl and en)
//
// Somatic Experiencing pendulation and titration: rest in a resource region,
// touch a region of tension only briefly and lightly (its edge), return to the
// resource for two to three times as long; small steps, always permission to
// stay with the resource; it ends at the resource. Pendulation.cpp puts a
// session together from these tables (Choice.h decides which):
//   arrive (kArrive, or kArriveCalm when the map has no tension worth a
//   visit), kFinding, [resource_only], kDeepening, then either the visits
//   (kVisits: each tension_* step followed by its back_* return; with a
//   tension rated 7 or more the gentle tension_* of kGentleVisits instead,
//   and after each return its settle_* from kExtraReturns) or the rest of a
//   resource-only session (kResourceOnly), and kClosing. The long variant
//   gets ready for the first visit at the resource ("ready").
//
// {resource} and {tension} are replaced by the code with the region's name
// in the session language; they always follow "je" (nl) or "your" (en),
// which the code joins to the name in English ("the crown of your head"),
// and no pronoun refers back to them, so any region name reads well. Highlights
// may name the regions "{resource}" and "{tension}"; the tension is lit
// faintly, the resource clearly. The find_resource step's highlight is added
// by the code (soft, and fading before the invitation to choose another
// place, which starts on the mark "choose").
//
// Timing (issue 13): a visit is 10-15 s of speech, about 12-14 s, and
// 11-14 s for the gentle ones (the longer a region's name, the longer the
// visit), then 9-10 s of quiet before the return names the resource (the
// gentle ones a little less, their words already turning back); the return
// after it, speech and quiet, lasts two to three times the whole visit
// (back_* alone, or back_* with a short pause and its settle_*). Every
// newly named place is followed by 8 s of quiet or more before the next.
// tests/plugin/PendulationTest.cpp measures it on the built sessions.
// Everything is an invitation ("je mag", "als je wilt"), never a
// command.
#pragma once

#include "NarrationStep.h" // plugins/common: the table's type, shared by our native plugins

// ---- Arriving ------------------------------------------------------------

static const soma::plugins::NarrationStep kArrive = {
    "arrive", "short,long",
    "Welkom. Je mag een houding zoeken die nu prettig is, zittend of liggend. <break time=\"2s\"/>"
    " Ben je in de laatste maanden van je zwangerschap, lig dan niet plat op je rug: zitten of op je zij liggen is beter. <break time=\"2s\"/> Je ogen mogen open of "
    "dicht, zoals jij wilt. Je kunt op elk moment bewegen, rondkijken of stoppen. <break time=\"3s\"/> Deze oefening "
    "heet pendulatie: je aandacht gaat zacht heen en weer, tussen een plek in je lichaam die goed genoeg aanvoelt en een "
    "plek met wat spanning. Jij bepaalt hoe dichtbij je komt.",
    "Welcome. You may find a position that is comfortable for you now, sitting or lying down. <break time=\"2s\"/>"
    " If you are in the later months of pregnancy, it is better not to lie flat on your back: sit, or lie on your side. <break time=\"2s\"/> Your "
    "eyes may be open or closed, as you like. At any moment you can move, look around, or stop. <break time=\"3s\"/> This "
    "exercise is called pendulation: your attention moves gently back and forth, between a place in your body that feels "
    "good enough and a place with some tension. You decide how close you come.",
    "", 3.0};

// The same welcome for a map with no tension worth a visit: this session
// only rests, and says so from the start.
static const soma::plugins::NarrationStep kArriveCalm = {
    "arrive", "short,long",
    "Welkom. Je mag een houding zoeken die nu prettig is, zittend of liggend. <break time=\"2s\"/> Je ogen mogen open of "
    "dicht, zoals jij wilt. Je kunt op elk moment bewegen, rondkijken of stoppen. <break time=\"3s\"/> In deze oefening mag "
    "je aandacht rusten op een plek in je lichaam die goed genoeg aanvoelt. Meer hoeft er vandaag niet te gebeuren.",
    "Welcome. You may find a position that is comfortable for you now, sitting or lying down. <break time=\"2s\"/> Your "
    "eyes may be open or closed, as you like. At any moment you can move, look around, or stop. <break time=\"3s\"/> In "
    "this exercise your attention may rest in a place in your body that feels good enough. Today, nothing more needs to "
    "happen.",
    "", 3.0};

// ---- Finding the resource --------------------------------------------------

static const soma::plugins::NarrationStep kFinding[] = {
    {"arrive_more", "long",
     "Misschien wil je eerst even rondkijken in de ruimte waar je bent. <break time=\"3s\"/> Wat zie je? Het licht, de "
     "kleuren, de deur. <break time=\"3s\"/> En misschien voel je ook wat jou draagt: de stoel, de vloer, het bed. "
     "<break time=\"3s\"/> We gaan in heel kleine stapjes. Kleiner is hier beter dan groter. Wordt iets te veel, dan kun je "
     "altijd terug naar de plek die goed aanvoelt, of je ogen openen en rondkijken.",
     "Perhaps you would like to look around the room you are in for a moment first. <break time=\"3s\"/> What do you see? "
     "The light, the colours, the door. <break time=\"3s\"/> And perhaps you can feel what is carrying you, too: the chair, "
     "the floor, the bed. <break time=\"3s\"/> We will go in very small steps. Here, smaller is better than bigger. If "
     "anything becomes too much, you can always go back to the place that feels good, or open your eyes and look around.",
     "", 6.0},
    {"find_resource", "short,long",
     "Je mag nu een plek in je lichaam zoeken die neutraal of prettig aanvoelt. Niet per se heerlijk, gewoon goed genoeg. "
     "<break time=\"3s\"/> Misschien is dat je <mark name=\"resource\"/>{resource}. <break time=\"3s\"/> "
     "<mark name=\"choose\"/>Voelt een andere plek beter, dan mag je die kiezen. Jij kent je lichaam het best.",
     "Now you may look for a place in your body that feels neutral or pleasant. Not necessarily wonderful, just good enough. "
     "<break time=\"3s\"/> Perhaps that is your <mark name=\"resource\"/>{resource}. <break time=\"3s\"/> "
     "<mark name=\"choose\"/>If another place feels better, you may choose that one. You know your body best.",
     "", 6.0},
    {"resource_rest", "short,long",
     "Je aandacht mag nu rusten in je <mark name=\"resource\"/>{resource}, of op de plek die je zelf koos. "
     "<break time=\"3s\"/> Wat merk je daar? Misschien warmte, of zwaarte, of een zachte tinteling. Misschien gewoon rust. "
     "<break time=\"4s\"/> Er hoeft niets te gebeuren. Je mag hier blijven zo lang als je wilt.",
     "Your attention may rest now in your <mark name=\"resource\"/>{resource}, or in the place you chose yourself. "
     "<break time=\"3s\"/> What do you notice there? Perhaps warmth, or heaviness, or a soft tingling. Perhaps just quiet. "
     "<break time=\"4s\"/> Nothing needs to happen. You may stay here as long as you like.",
     "{resource}@resource:0.6", 14.0},
};

// ---- Deepening the resource ------------------------------------------------

static const soma::plugins::NarrationStep kDeepening[] = {
    {"resource_more", "long",
     "Je mag er de tijd voor nemen. <break time=\"3s\"/> Misschien merk je hoe je adem vanzelf komt en gaat. "
     "<break time=\"4s\"/> Misschien wordt het gevoel van goed genoeg wat duidelijker, of breidt het zich een beetje uit. "
     "Misschien ook niet, en dat is net zo goed. <break time=\"4s\"/> Dit is je thuisbasis voor deze oefening: je "
     "<mark name=\"resource\"/>{resource}. Wat er ook gebeurt, je kunt altijd hierheen terugkeren.",
     "You may take your time with this. <break time=\"3s\"/> Perhaps you notice how your breath comes and goes, by itself. "
     "<break time=\"4s\"/> Perhaps the sense of good enough becomes a little clearer, or spreads a little. Perhaps not, and "
     "that is just as fine. <break time=\"4s\"/> This is your home base for this exercise: your "
     "<mark name=\"resource\"/>{resource}. Whatever happens, you can always come back here.",
     "{resource}@resource:0.6", 24.0},
    {"resource_breath", "short,long",
     "Misschien kan je adem even meedoen. <break time=\"2s\"/> Bij elke uitademing mag je aandacht een beetje dieper in je "
     "<mark name=\"resource\"/>{resource} zakken, zonder moeite. <break time=\"4s\"/> Alsof je daar even mag uitrusten, "
     "zoals op een bankje na een wandeling. <break time=\"5s\"/> Dwalen je gedachten af, dan mag je ze zachtjes "
     "terugbrengen.",
     "Perhaps your breath can join in for a moment. <break time=\"2s\"/> With each out-breath, your attention may sink a "
     "little deeper into your <mark name=\"resource\"/>{resource}, without effort. <break time=\"4s\"/> As if you could take "
     "a rest there, like on a bench after a walk. <break time=\"5s\"/> If your thoughts wander off, you may gently bring "
     "them back.",
     "{resource}@resource:0.6", 12.0},
};

// ---- Visits to the tension and the returns after them -----------------------
// A visit is one step whose narration names the tension and lights only it;
// the return after it lights only the resource.
//
// The quiet after a visit's words, before the return names the resource: a
// few seconds to notice, and 8 s or more of quiet after every newly named
// place (issue 13's pacing rule; brief means little speech, not little
// quiet). A gentle visit keeps a little less; its words already turn back.
static const double kVisitPauseSec = 10.0;
static const double kGentleVisitPauseSec = 9.0;
// The quiet at the resource after a return's words: the whole return lasts
// two to three times the whole visit (its words and its quiet).
static const double kBackPauseSec = 38.0;

static const soma::plugins::NarrationStep kVisits[] = {
    {"ready", "long",
     "Misschien merk je nog eens hoe je gedragen wordt, door de vloer, de stoel of het bed onder je. <break time=\"2s\"/> Je "
     "hoeft jezelf niet op te houden. <break time=\"4s\"/> Vanuit die steun, en vanuit je "
     "<mark name=\"resource\"/>{resource}, mag je zo heel even een klein stapje zetten, naar de plek met wat spanning. "
     "Alleen als je wilt, en alleen zo ver als het prettig is. <break time=\"3s\"/> Wat er ook gebeurt, je kunt altijd hier "
     "terugkomen, naar wat goed genoeg is.",
     "Perhaps you notice once more how you are carried, by the floor, the chair or the bed beneath you. <break time=\"2s\"/> "
     "You don't have to hold yourself up. <break time=\"4s\"/> From that support, and from your "
     "<mark name=\"resource\"/>{resource}, you may soon take one small step, towards the place with some tension. Only if "
     "you like, and only as far as feels right. <break time=\"3s\"/> Whatever happens, you can always come back here, to "
     "what is good enough.",
     "{resource}@resource:0.6", 10.0},
    {"tension_first", "short,long",
     "Als je wilt, mag je nu heel even naar je <mark name=\"tension\"/>{tension} gaan. <break time=\"1s\"/> Niet "
     "erin, alleen naar de rand. <break time=\"2s\"/> Eén ding opmerken is genoeg.",
     "If it feels right, you may now go to your <mark name=\"tension\"/>{tension}, just for a moment. <break time=\"1s\"/> "
     "Not into it, only to the edge. <break time=\"2s\"/> Noticing one thing is enough.",
     "{tension}@tension:0.3", kVisitPauseSec},
    {"back_first", "short,long",
     "En dan mag je weer terug naar je <mark name=\"resource\"/>{resource}. <break time=\"2s\"/> Je aandacht mag daar "
     "landen, en uitrusten. <break time=\"2s\"/> Misschien komt er een diepere adem, of een zucht. Alles mag zoals het is.",
     "And then you may go back to your <mark name=\"resource\"/>{resource}. <break time=\"2s\"/> Your attention may land "
     "there, and rest. <break time=\"2s\"/> Perhaps a deeper breath comes, or a sigh. Everything may be as it is.",
     "{resource}@resource:0.6", kBackPauseSec},
    {"tension_second", "long",
     "Als je wilt, mag je nog een keer bij je <mark name=\"tension\"/>{tension} langsgaan. <break time=\"1s\"/> Weer alleen "
     "de rand. <break time=\"2s\"/> Is er iets anders dan eerst? Hetzelfde mag ook.",
     "If you like, you may pay your <mark name=\"tension\"/>{tension} another short visit. <break time=\"1s\"/> Again, only "
     "the edge. <break time=\"2s\"/> Is anything different now? The same is fine too.",
     "{tension}@tension:0.3", kVisitPauseSec},
    {"back_second", "long",
     "En dan mag je weer terug, naar je <mark name=\"resource\"/>{resource}. <break time=\"2s\"/> Je hebt alle tijd om daar "
     "aan te komen. <break time=\"2s\"/> Misschien gaat terugkeren nu al wat makkelijker, misschien niet. Allebei is goed.",
     "And then you may go back again, to your <mark name=\"resource\"/>{resource}. <break time=\"2s\"/> There is all the "
     "time you need to arrive there. <break time=\"2s\"/> Perhaps coming back is a little easier now, perhaps not. Both are "
     "fine.",
     "{resource}@resource:0.6", kBackPauseSec},
    {"between", "long",
     "Misschien kun je nu, vanuit je <mark name=\"resource\"/>{resource}, heel licht ook de <mark name=\"other\"/>andere "
     "plek opmerken, zonder erheen te gaan. <break time=\"3s\"/> Je aandacht kan bewegen: even daarheen, en weer terug naar "
     "wat goed aanvoelt. <break time=\"4s\"/> Is dat te veel, dan mag je de andere plek loslaten en blijven bij wat goed "
     "aanvoelt.",
     "Perhaps now, from your <mark name=\"resource\"/>{resource}, you can notice the <mark name=\"other\"/>other place very "
     "lightly as well, without going there. <break time=\"3s\"/> Your attention can move: over there for a moment, and back "
     "again to what feels good. <break time=\"4s\"/> If that is too much, you may let the other place go and stay with what "
     "feels good.",
     "{resource}@resource:0.6 {tension}@other:0.2", 10.0},
    {"tension_third", "long",
     "Als je er klaar voor bent, mag je nog eens naar de rand van je <mark name=\"tension\"/>{tension}. <break time=\"1s\"/> "
     "Groot of klein, scherp of vaag? <break time=\"2s\"/> Oplossen hoeft niet.",
     "When you are ready, you may go to the edge of your <mark name=\"tension\"/>{tension} once more. <break time=\"1s\"/> "
     "Large or small, sharp or vague? <break time=\"2s\"/> Nothing needs to be solved.",
     "{tension}@tension:0.3", kVisitPauseSec},
    {"back_third", "long",
     "Je mag weer naar je <mark name=\"resource\"/>{resource} gaan. <break time=\"2s\"/> Misschien verandert de spanning een "
     "beetje, nu je er niet bij bent. Of niet. <break time=\"2s\"/> Je hoeft er niets mee te doen. Je mag gewoon rusten.",
     "You may go back to your <mark name=\"resource\"/>{resource}. <break time=\"2s\"/> Perhaps the tension changes a "
     "little, now that you are not with it. Or not. <break time=\"2s\"/> You don't have to do anything with it. You may simply "
     "rest.",
     "{resource}@resource:0.6", kBackPauseSec},
    {"pendulum", "long",
     "Misschien wil je nu zelf een paar keer heen en weer gaan, in je eigen ritme. <break time=\"3s\"/> Zoals een slinger: "
     "even naar de rand van je <mark name=\"tension\"/>{tension}, en dan weer terug naar je "
     "<mark name=\"resource\"/>{resource}. <break time=\"4s\"/> Telkens kort bij de spanning, en lang bij wat goed aanvoelt. "
     "<break time=\"4s\"/> Je mag ook gewoon blijven waar je bent. Je mag hier rustig de tijd voor nemen.",
     "Perhaps you would now like to go back and forth a few times yourself, at your own rhythm. <break time=\"3s\"/> Like a "
     "pendulum: briefly to the edge of your <mark name=\"tension\"/>{tension}, and then back again to your "
     "<mark name=\"resource\"/>{resource}. <break time=\"4s\"/> Each time only briefly with the tension, and for a long "
     "while with what feels good. <break time=\"4s\"/> You may also simply stay where you are. You may take your time with "
     "this.",
     "{tension}@tension:0.2 {resource}@resource:0.6", 30.0},
    {"tension_last", "short,long",
     "Als je wilt, mag je nog één laatste keer, heel kort, naar de rand van je <mark name=\"tension\"/>{tension}. "
     "<break time=\"1s\"/> Overslaan mag ook: blijven waar het goed is, is net zo waardevol.",
     "If you like, you may go one last time, very briefly, to the edge of your <mark name=\"tension\"/>{tension}. "
     "<break time=\"1s\"/> Skipping it is fine too: staying where it feels good is just as valuable.",
     "{tension}@tension:0.3", kVisitPauseSec},
    {"back_last", "short,long",
     "En dan mag je terugkomen naar je <mark name=\"resource\"/>{resource}, en daar blijven. <break time=\"2s\"/> Je "
     "aandacht mag daar rusten, zo lang als je wilt. <break time=\"2s\"/> Misschien wat rust, of alleen dat je hier bent. "
     "Ook dat is genoeg.",
     "And then you may come back to your <mark name=\"resource\"/>{resource}, and stay there. <break time=\"2s\"/> Your "
     "attention may rest there, for as long as you like. <break time=\"2s\"/> Perhaps a little ease, or just that you are "
     "here. That is enough too.",
     "{resource}@resource:0.6", kBackPauseSec},
};

// For a tension rated 7 or more: the same visits, gentler. Looking from a
// distance, only the outer edge, a moment; lit more faintly; less quiet at
// the tension. Same ids as in kVisits.
static const soma::plugins::NarrationStep kGentleVisits[] = {
    {"tension_first", "short,long",
     "Als je wilt, mag je heel even naar je <mark name=\"tension\"/>{tension} kijken. <break time=\"1s\"/> Van een "
     "afstand, alleen de buitenste rand. <break time=\"1s\"/> Een tel is genoeg, en dan weer terug.",
     "If it feels right, you may glance at your <mark name=\"tension\"/>{tension} for a moment. <break time=\"1s\"/> From a "
     "distance, only the outer edge. <break time=\"1s\"/> A second is enough, and then back again.",
     "{tension}@tension:0.2", kGentleVisitPauseSec},
    {"tension_second", "long",
     "Als je wilt, mag je nog eens van een afstand naar je <mark name=\"tension\"/>{tension} kijken. <break time=\"1s\"/> "
     "Even kort als eerst, of korter. <break time=\"1s\"/> En dan weer terug.",
     "If you like, you may look at your <mark name=\"tension\"/>{tension} once more, from a distance. <break time=\"1s\"/> "
     "As briefly as before, or more briefly still. <break time=\"1s\"/> And then back again.",
     "{tension}@tension:0.2", kGentleVisitPauseSec},
    {"tension_third", "long",
     "Als je wilt, mag je nog eens van ver naar je <mark name=\"tension\"/>{tension} kijken. <break time=\"1s\"/> Alleen de "
     "buitenste rand. <break time=\"2s\"/> En dan weer terug, in je eigen tempo.",
     "If you like, you may look at your <mark name=\"tension\"/>{tension} once more, from far away. <break time=\"1s\"/> "
     "Only the outer edge. <break time=\"2s\"/> And then back again, at your own pace.",
     "{tension}@tension:0.2", kGentleVisitPauseSec},
    {"tension_last", "short,long",
     "Als je wilt, mag je nog één laatste keer van ver naar je <mark name=\"tension\"/>{tension} kijken. "
     "<break time=\"2s\"/> Je mag het ook overslaan, en blijven waar het goed is.",
     "If you like, you may look at your <mark name=\"tension\"/>{tension} one last time, from far away. <break time=\"2s\"/> "
     "You may also skip it, and stay where it feels good.",
     "{tension}@tension:0.2", kGentleVisitPauseSec},
};

// For a tension rated 7 or more: an extra return after each back_* step
// (whose pause the code shortens to kGentleBackPauseSec), for attention that
// a strong tension keeps hold of. settle_<x> follows back_<x>.
static const double kGentleBackPauseSec = 1.0;
static const double kSettlePauseSec = 27.0;
static const soma::plugins::NarrationStep kExtraReturns[] = {
    {"settle_first", "short,long",
     "Is je aandacht nog wat bij de spanning, dan mag je die nu helemaal terughalen. <break time=\"1s\"/> Naar je "
     "<mark name=\"resource\"/>{resource}.",
     "If some of your attention is still with the tension, you may bring it all the way back now. <break time=\"1s\"/> To "
     "your <mark name=\"resource\"/>{resource}.",
     "{resource}@resource:0.6", kSettlePauseSec},
    {"settle_second", "long",
     "Voelt een deel van je nog de spanning, dan mag ook dat deel terugkomen. <break time=\"1s\"/> Naar je "
     "<mark name=\"resource\"/>{resource}.",
     "If a part of you still feels the tension, that part may come back too. <break time=\"1s\"/> To your "
     "<mark name=\"resource\"/>{resource}.",
     "{resource}@resource:0.6", kSettlePauseSec},
    {"settle_third", "long",
     "Is je aandacht nog niet helemaal terug, dan mag ze nu volgen. <break time=\"1s\"/> Naar je "
     "<mark name=\"resource\"/>{resource}.",
     "If your attention is not quite back yet, it may follow now. <break time=\"1s\"/> To your "
     "<mark name=\"resource\"/>{resource}.",
     "{resource}@resource:0.6", kSettlePauseSec},
    {"settle_last", "short,long",
     "Is er nog iets van je aandacht bij de spanning, dan mag je het nu terughalen. <break time=\"1s\"/> Naar je "
     "<mark name=\"resource\"/>{resource}.",
     "If any of your attention is still with the tension, you may bring it back now. <break time=\"1s\"/> To your "
     "<mark name=\"resource\"/>{resource}.",
     "{resource}@resource:0.6", kSettlePauseSec},
};

// ---- A session without a tension to visit ------------------------------------
// The map rates nothing 3 or more: no visits at all, and the person hears
// why, kindly. resource_only follows resource_rest; the others take the
// visits' place.

static const soma::plugins::NarrationStep kResourceOnlyNote = {
    "resource_only", "short,long",
    "Op je spanningskaart staat vandaag geen plek met veel spanning. <break time=\"2s\"/> Daarom hoeven we nergens anders "
    "heen. Je mag gewoon hier blijven, bij je <mark name=\"resource\"/>{resource}, en rusten in wat goed aanvoelt.",
    "Your tension map shows no place with much tension today. <break time=\"2s\"/> So there is nowhere else we need to go. "
    "You may simply stay here, with your <mark name=\"resource\"/>{resource}, and rest in what feels good.",
    "{resource}@resource:0.6", 12.0};

static const soma::plugins::NarrationStep kResourceOnly[] = {
    {"resource_spread", "long",
     "Misschien merk je dat het goede gevoel in je <mark name=\"resource\"/>{resource} zich een beetje uitbreidt, naar de "
     "plekken eromheen. <break time=\"4s\"/> Of misschien blijft het klein en rustig. <break time=\"3s\"/> Allebei is goed.",
     "Perhaps you notice the good feeling in your <mark name=\"resource\"/>{resource} spreading a little, to the places "
     "around it. <break time=\"4s\"/> Or perhaps it stays small and quiet. <break time=\"3s\"/> Both are fine.",
     "{resource}@resource:0.6", 20.0},
    {"resource_stay", "short,long",
     "Je mag hier nog even blijven, bij je <mark name=\"resource\"/>{resource}, zo lang als je wilt. <break time=\"4s\"/> Je "
     "hoeft nergens heen. Misschien merk je wat rust, of ruimte. Misschien alleen dat je hier bent. Ook dat is genoeg.",
     "You may stay here a little longer, with your <mark name=\"resource\"/>{resource}, for as long as you like. "
     "<break time=\"4s\"/> There is nowhere you need to go. Perhaps you notice a little ease, or space. Perhaps just that "
     "you are here. That is enough too.",
     "{resource}@resource:0.6", 24.0},
};

// ---- Closing -------------------------------------------------------------------

static const soma::plugins::NarrationStep kClosing[] = {
    {"whole", "long",
     "Als je wilt, kun je je aandacht nu wat breder maken: vanuit die goede plek naar je hele lichaam. <break time=\"3s\"/> "
     "Je <mark name=\"feet\"/>voeten, je handen, je adem. <break time=\"4s\"/> Je hele lichaam, zoals het nu is, hier, op "
     "dit moment. <break time=\"4s\"/> Er hoeft niets opgelost te worden. Je hebt je aandacht laten bewegen, in kleine "
     "stapjes, en je bent telkens teruggekomen.",
     "If you like, you can now let your attention widen: from that good place to your whole body. <break time=\"3s\"/> Your "
     "<mark name=\"feet\"/>feet, your hands, your breath. <break time=\"4s\"/> Your whole body, just as it is now, here, at "
     "this moment. <break time=\"4s\"/> Nothing needs to be solved. You have let your attention move, in small steps, and "
     "each time you came back.",
     "foot_left@feet:0.4 foot_right@feet:0.4", 20.0},
    {"orient_end", "long",
     "Als je ogen dicht waren, mogen ze nu langzaam weer opengaan. <break time=\"2s\"/> Je mag rustig rondkijken in de "
     "ruimte. Je blik mag rusten op iets wat prettig of neutraal is om te zien: een kleur, een vorm, het licht. "
     "<break time=\"4s\"/> Misschien merk je ook geluiden, dichtbij of verder weg. <break time=\"4s\"/> Je bent hier, in "
     "deze ruimte, op dit moment. Er is geen haast: je mag de tijd nemen die je nodig hebt.",
     "If your eyes were closed, they may slowly open again now. <break time=\"2s\"/> You may look around the room at your "
     "own pace. Your gaze may rest on something that is pleasant or neutral to see: a colour, a shape, the light. "
     "<break time=\"4s\"/> Perhaps you also notice sounds, close by or further away. <break time=\"4s\"/> You are here, in "
     "this room, at this moment. There is no hurry: you may take the time you need.",
     "", 8.0},
    {"ending", "short,long",
     "We komen bij het einde van deze oefening. <break time=\"2s\"/> Je mag nog één keer je "
     "<mark name=\"resource\"/>{resource} voelen, de plek die goed genoeg aanvoelt. <break time=\"9s\"/> Je kunt daar "
     "later altijd naar terugkeren. <break time=\"2s\"/> Je mag nu rustig bewegen, en even rondkijken. "
     "<break time=\"2s\"/> Je mag de tijd nemen voor je verdergaat. Dank je wel.",
     "We are coming to the end of this exercise. <break time=\"2s\"/> You may feel your <mark name=\"resource\"/>{resource} "
     "once more, the place that feels good enough. <break time=\"9s\"/> You can always come back to it later. "
     "<break time=\"2s\"/> Now you may gently move, and look around for a moment. <break time=\"2s\"/> You may take your time before you carry on. Thank you.",
     "{resource}@resource:0.6", 3.0},
};
