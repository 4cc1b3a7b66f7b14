// plugins/pendulation/Narration.h  (narration of the pendulation exercise; nl and en)
//
// Somatic Experiencing pendulation and titration: rest in a resource region,
// touch a region of tension only briefly and lightly (its edge), return to the
// resource; small steps, short visits, always permission to stay with the
// resource; it ends at the resource. {resource} and {tension} are replaced by
// the code with the region's name in the session language; they always follow
// "je" (nl) or "your" (en), and no pronoun refers back to them, so any region
// name reads well. Highlights may name the regions "{resource}" and
// "{tension}"; the tension is highlighted faintly, the resource clearly.
// Visits to the tension ("tension_*") have short pauses, returns to the
// resource long ones.
#pragma once

#include "NarrationStep.h" // plugins/common: the table's type, shared by our native plugins

static const soma::plugins::NarrationStep kNarration[] = {
    {"arrive", "short,long",
     "Welkom. Zoek een houding die nu goed voelt, zittend of liggend. <break time=\"2s\"/> Je ogen"
     " mogen open of dicht, zoals jij wilt. Je kunt op elk moment bewegen, rondkijken of stoppen. "
     "<break time=\"3s\"/> In deze oefening laat je je aandacht zacht heen en weer gaan: tussen een "
     "plek in je lichaam die goed genoeg voelt, en een plek met wat spanning. Jij bepaalt hoe dichtbij"
     " je komt.",
     "Welcome. Take a position that feels right for you now, sitting or lying down. "
     "<break time=\"2s\"/> Your eyes may be open or closed, as you like. At any moment you can move, "
     "look around, or stop. <break time=\"3s\"/> In this exercise you let your attention move gently "
     "back and forth: between a place in your body that feels good enough, and a place with some "
     "tension. You decide how close you come.",
     "", 3.0},
    {"arrive_more", "long",
     "Misschien wil je eerst even rondkijken in de ruimte waar je bent. <break time=\"3s\"/> Wat zie "
     "je? Het licht, de kleuren, de deur. <break time=\"3s\"/> En voel ook wat jou draagt: de stoel, de"
     " vloer, het bed. <break time=\"3s\"/> We gaan in heel kleine stapjes. Kleiner is hier beter dan "
     "groter. Als iets te veel wordt, kun je altijd terug naar de plek die goed voelt, of je ogen "
     "openen en rondkijken.",
     "Perhaps you would like to look around the room you are in for a moment first. "
     "<break time=\"3s\"/> What do you see? The light, the colours, the door. <break time=\"3s\"/> And"
     " feel what is carrying you, too: the chair, the floor, the bed. <break time=\"3s\"/> We will go "
     "in very small steps. Here, smaller is better than bigger. If anything becomes too much, you can "
     "always go back to the place that feels good, or open your eyes and look around.",
     "", 5.0},
    {"find_resource", "short,long",
     "Zoek nu een plek in je lichaam die neutraal of prettig aanvoelt. Niet per se heerlijk, gewoon "
     "goed genoeg. <break time=\"3s\"/> Misschien is dat je <mark name=\"resource\"/>{resource}. "
     "<break time=\"3s\"/> Voelt een andere plek beter, dan mag je die kiezen. Jij kent je lichaam het "
     "best.",
     "Now look for a place in your body that feels neutral or pleasant. Not necessarily wonderful, "
     "just good enough. <break time=\"3s\"/> Perhaps that is your <mark name=\"resource\"/>{resource}."
     " <break time=\"3s\"/> If another place feels better, you may choose that one. You know your body"
     " best.",
     "{resource}@resource:0.7", 5.0},
    {"resource_rest", "short,long",
     "Laat je aandacht rusten in je <mark name=\"resource\"/>{resource}. <break time=\"3s\"/> Wat merk"
     " je daar? Misschien warmte, of zwaarte, of een zachte tinteling. Misschien gewoon rust. "
     "<break time=\"4s\"/> Er hoeft niets te gebeuren. Je mag hier blijven zo lang als je wilt.",
     "Let your attention rest in your <mark name=\"resource\"/>{resource}. <break time=\"3s\"/> What "
     "do you notice there? Perhaps warmth, or heaviness, or a soft tingling. Perhaps just quiet. "
     "<break time=\"4s\"/> Nothing needs to happen. You may stay here as long as you like.",
     "{resource}@resource:0.7", 14.0},
    {"resource_more", "long",
     "Neem er de tijd voor. <break time=\"3s\"/> Misschien merk je hoe je adem vanzelf komt en gaat. "
     "<break time=\"4s\"/> Misschien wordt het gevoel van goed genoeg wat duidelijker, of breidt het "
     "zich een beetje uit. Misschien ook niet, en dat is net zo goed. <break time=\"4s\"/> Dit is je "
     "thuisbasis voor deze oefening. Wat er ook gebeurt, je kunt altijd hierheen terugkeren.",
     "Take your time with this. <break time=\"3s\"/> Perhaps you notice how your breath comes and "
     "goes, by itself. <break time=\"4s\"/> Perhaps the sense of good enough becomes a little clearer,"
     " or spreads a little. Perhaps not, and that is just as fine. <break time=\"4s\"/> This is your "
     "home base for this exercise. Whatever happens, you can always come back here.",
     "", 16.0},
    {"tension_first", "short,long",
     "Als het goed voelt, mag je je aandacht nu heel even naar je <mark name=\"tension\"/>{tension} "
     "brengen. <break time=\"2s\"/> Niet er middenin, alleen aan de rand. Alsof je van een afstandje "
     "kijkt. <break time=\"3s\"/> Wat merk je? Eén ding is genoeg: stevig, warm, strak, of gewoon: "
     "daar zit iets.",
     "If it feels right, you may now bring your attention to your <mark name=\"tension\"/>{tension}, "
     "just for a moment. <break time=\"2s\"/> Not right into the middle, only at the edge. As if you "
     "were looking from a little distance. <break time=\"3s\"/> What do you notice? One thing is "
     "enough: firm, warm, tight, or simply: something is there.",
     "{tension}@tension:0.3", 4.0},
    {"back_first", "short,long",
     "En ga nu weer terug naar je <mark name=\"resource\"/>{resource}. <break time=\"3s\"/> Laat je "
     "aandacht daar landen, en rust wat uit. <break time=\"4s\"/> Misschien merk je dat er iets "
     "verschuift: "
     "een diepere adem, een zucht, een slikbeweging. Of misschien niet. Je hoeft niets te voelen wat "
     "er niet is.",
     "And now go back to your <mark name=\"resource\"/>{resource}. <break time=\"3s\"/> Let your "
     "attention land there, and rest. <break time=\"4s\"/> Perhaps you notice something shifting: a "
     "deeper breath, a sigh, a swallow. Or perhaps not. You don't have to feel anything that isn't "
     "there.",
     "{resource}@resource:0.7", 15.0},
    {"back_first_more", "long",
     "Blijf hier zo lang als je nodig hebt. Er is geen haast. <break time=\"4s\"/> Het gaat niet om de"
     " spanning. Het gaat erom dat je merkt dat je aandacht kan bewegen: even daarheen, en weer terug "
     "naar wat goed voelt. <break time=\"4s\"/> Je lichaam mag op zijn eigen tempo tot rust komen.",
     "Stay here for as long as you need. There is no hurry. <break time=\"4s\"/> This is not about the"
     " tension. It is about noticing that your attention can move: over there for a moment, and back "
     "again to what feels good. <break time=\"4s\"/> Your body may settle at its own pace.",
     "", 15.0},
    {"tension_second", "long",
     "Als je wilt, kun je nog een keer even bij je <mark name=\"tension\"/>{tension} langsgaan. "
     "<break time=\"2s\"/> Weer alleen de rand. Misschien even dichtbij als eerst, misschien een "
     "heel klein beetje dichter. Of juist verder weg. <break time=\"3s\"/> Is er iets anders dan de "
     "vorige keer? Het mag hetzelfde zijn. <break time=\"2s\"/> Blijf er maar kort.",
     "If you like, you can pay a short visit to your <mark name=\"tension\"/>{tension} once more. "
     "<break time=\"2s\"/> Again, only the edge. Perhaps as close as last time, perhaps a tiny bit "
     "closer. Or further away. <break time=\"3s\"/> Is anything different from last time? It may be "
     "the same. <break time=\"2s\"/> Keep the visit short.",
     "{tension}@tension:0.3", 4.0},
    {"back_second", "long",
     "En dan weer terug, naar je <mark name=\"resource\"/>{resource}. <break time=\"3s\"/> Neem alle "
     "tijd om daar aan te komen. <break time=\"4s\"/> Misschien gaat het terugkeren nu al wat "
     "makkelijker. Of misschien heb je wat meer tijd nodig. Het is allebei goed. <break time=\"4s\"/> Voel"
     " hoe je hier gedragen wordt, door de stoel, de vloer, de grond onder je.",
     "And then back again, to your <mark name=\"resource\"/>{resource}. <break time=\"3s\"/> Take all "
     "the time you need to arrive there. <break time=\"4s\"/> Perhaps coming back is already a little "
     "easier now. Or perhaps you need a little more time. Both are fine. <break time=\"4s\"/> Feel how"
     " you are being carried here, by the chair, the floor, the ground beneath you.",
     "{resource}@resource:0.7", 16.0},
    {"resource_breath", "long",
     "Misschien kun je je adem even laten meedoen. <break time=\"2s\"/> Bij elke uitademing mag je "
     "aandacht wat dieper in je <mark name=\"resource\"/>{resource} zakken, zonder moeite. "
     "<break time=\"4s\"/> Alsof je daar even mag uitrusten, zoals op een bankje na een wandeling. "
     "<break time=\"5s\"/> En als je gedachten afdwalen, breng je ze gewoon zachtjes terug.",
     "Perhaps you can let your breath join in for a moment. <break time=\"2s\"/> With each out-breath,"
     " your attention may sink a little deeper into your <mark name=\"resource\"/>{resource}, without "
     "effort. <break time=\"4s\"/> As if you could take a rest there, like on a bench after a walk. "
     "<break time=\"5s\"/> And if your thoughts wander off, you simply bring them back, gently.",
     "{resource}@resource:0.7", 10.0},
    {"between", "long",
     "Misschien kun je nu, vanuit je <mark name=\"resource\"/>{resource}, heel licht ook de "
     "<mark name=\"other\"/>andere plek opmerken, zonder erheen te gaan. <break time=\"3s\"/> Twee "
     "plekken tegelijk: de ene die goed voelt, de andere met wat spanning. <break time=\"4s\"/> En "
     "alles daartussen, dat misschien gewoon neutraal is. <break time=\"4s\"/> Is dat te veel, laat de"
     " andere plek dan los en blijf bij wat goed voelt.",
     "Perhaps now, from your <mark name=\"resource\"/>{resource}, you can notice the "
     "<mark name=\"other\"/>other place very lightly as well, without going there. "
     "<break time=\"3s\"/> Two places at once: one that feels good, and one with some tension. "
     "<break time=\"4s\"/> And everything in between, which may simply be neutral. "
     "<break time=\"4s\"/> If that is too much, let the other place go and stay with what feels good.",
     "{resource}@resource:0.7 {tension}@other:0.2", 10.0},
    {"tension_third", "long",
     "Als je er klaar voor bent, kun je nog eens kort bij je <mark name=\"tension\"/>{tension} gaan "
     "kijken. <break time=\"2s\"/> Deze keer mag je nieuwsgierig zijn: hoe is de spanning daar? Groot "
     "of klein, scherp of vaag, stil of in beweging? <break time=\"3s\"/> Je hoeft ze niet op te "
     "lossen en niet weg te duwen. Alleen even kennismaken, vanaf de rand. <break time=\"2s\"/> En dan"
     " is het weer genoeg.",
     "When you are ready, you can take another brief look at your <mark name=\"tension\"/>{tension}. "
     "<break time=\"2s\"/> This time you may be curious: what is the tension like there? Large or "
     "small, sharp or vague, still or moving? <break time=\"3s\"/> You don't have to solve it or push "
     "it away. Just getting to know it a little, from the edge. <break time=\"2s\"/> And then that is "
     "enough again.",
     "{tension}@tension:0.3", 4.0},
    {"back_third", "long",
     "Ga weer naar je <mark name=\"resource\"/>{resource}. <break time=\"3s\"/> Misschien merk je dat "
     "de spanning, nu je er niet meer bij bent, een beetje verandert. Of ze blijft zoals ze is. "
     "Het is allebei goed. <break time=\"4s\"/> Jij hoeft er niet voor te zorgen. Je mag gewoon rusten in "
     "wat goed voelt. <break time=\"4s\"/> Misschien komt er een zucht of een geeuw. Laat die gerust "
     "komen.",
     "Go back to your <mark name=\"resource\"/>{resource}. <break time=\"3s\"/> Perhaps you notice "
     "that the tension, now that you are no longer with it, changes a little. Or it stays as it is. "
     "Both are fine. <break time=\"4s\"/> You don't have to take care of it. You may simply rest in "
     "what feels good. <break time=\"4s\"/> Perhaps a sigh or a yawn comes. Let it come, if it does.",
     "{resource}@resource:0.7", 16.0},
    {"pendulum", "long",
     "Misschien wil je nu zelf een paar keer heen en weer gaan, in je eigen ritme. "
     "<break time=\"3s\"/> Zoals een slinger: even naar de rand van je "
     "<mark name=\"tension\"/>{tension}, en dan weer terug naar je "
     "<mark name=\"resource\"/>{resource}. <break time=\"4s\"/> Telkens kort bij de spanning, en lang "
     "bij wat goed voelt. <break time=\"4s\"/> Je mag ook gewoon blijven waar je bent. Neem hier "
     "rustig de tijd voor.",
     "Perhaps you would now like to go back and forth a few times yourself, at your own rhythm. "
     "<break time=\"3s\"/> Like a pendulum: briefly to the edge of your "
     "<mark name=\"tension\"/>{tension}, and then back again to your "
     "<mark name=\"resource\"/>{resource}. <break time=\"4s\"/> Each time only briefly with the "
     "tension, and for a long while with what feels good. <break time=\"4s\"/> You may also simply "
     "stay where you are. Take your time with this.",
     "{tension}@tension:0.3 {resource}@resource:0.7", 20.0},
    {"tension_last", "short,long",
     "Als je wilt, ga je nog één laatste keer, heel kort, naar de rand van je "
     "<mark name=\"tension\"/>{tension}. <break time=\"3s\"/> Je mag dit ook overslaan en gewoon "
     "blijven waar het goed is. Dat is net zo waardevol. <break time=\"3s\"/> Merk op wat er nu is, "
     "zonder iets te willen veranderen.",
     "If you like, go one last time, very briefly, to the edge of your "
     "<mark name=\"tension\"/>{tension}. <break time=\"3s\"/> You may also skip this and simply stay "
     "where it feels good. That is just as valuable. <break time=\"3s\"/> Notice what is there now, "
     "without wanting to change anything.",
     "{tension}@tension:0.3", 4.0},
    {"back_last", "short,long",
     "En kom dan terug naar je <mark name=\"resource\"/>{resource}, en blijf daar. "
     "<break time=\"4s\"/> Laat je aandacht daar rusten, zo lang als je wilt. <break time=\"4s\"/> "
     "Misschien merk je iets van rust, of ruimte. Misschien alleen dat je hier bent. Ook dat is "
     "genoeg.",
     "And then come back to your <mark name=\"resource\"/>{resource}, and stay there. "
     "<break time=\"4s\"/> Let your attention rest there, for as long as you like. "
     "<break time=\"4s\"/> Perhaps you notice a little ease, or space. Perhaps just that you are here."
     " That is enough too.",
     "{resource}@resource:0.7", 16.0},
    {"whole", "long",
     "Als je wilt, kun je je aandacht nu wat breder maken: vanuit die goede plek naar je hele lichaam. "
     "<break time=\"3s\"/> Je <mark name=\"feet\"/>voeten, je handen, je adem. <break time=\"4s\"/> Je"
     " hele lichaam, zoals het nu is, hier, op dit moment. <break time=\"4s\"/> Er hoeft niets "
     "opgelost te worden. Je hebt je aandacht laten bewegen, in kleine stapjes, en je bent telkens "
     "teruggekomen.",
     "If you like, you can now let your attention widen: from that good place to your whole body. "
     "<break time=\"3s\"/> Your <mark name=\"feet\"/>feet, your hands, your breath. "
     "<break time=\"4s\"/> Your whole body, just as it is now, here, at this moment. "
     "<break time=\"4s\"/> Nothing needs to be solved. You have let your attention move, in small "
     "steps, and each time you came back.",
     "foot_left@feet:0.4 foot_right@feet:0.4", 15.0},
    {"orient_end", "long",
     "Laat je ogen, als ze dicht waren, langzaam weer opengaan. <break time=\"2s\"/> Kijk rustig rond "
     "in de ruimte. Laat je blik rusten op iets wat prettig of neutraal is om te zien: een kleur, een "
     "vorm, het licht. <break time=\"4s\"/> Misschien merk je ook geluiden, dichtbij of verder weg. "
     "<break time=\"4s\"/> Je bent hier, in deze ruimte, op dit moment.",
     "If your eyes were closed, let them slowly open again. <break time=\"2s\"/> Look around the room "
     "at your own pace. Let your gaze rest on something that is pleasant or neutral to see: a colour, "
     "a shape, the light. <break time=\"4s\"/> Perhaps you also notice sounds, close by or further "
     "away. <break time=\"4s\"/> You are here, in this room, at this moment.",
     "", 8.0},
    {"ending", "short,long",
     "We komen bij het einde van deze oefening. <break time=\"2s\"/> Voel nog één keer je "
     "<mark name=\"resource\"/>{resource}, de plek die goed genoeg voelt. Je kunt daar later altijd "
     "naar terugkeren. <break time=\"3s\"/> Je mag nu rustig je vingers en je tenen bewegen, je "
     "ogen openen als ze nog dicht zijn, en even rondkijken. <break time=\"2s\"/> Neem de tijd voor "
     "je verdergaat. Dank je wel.",
     "We are coming to the end of this exercise. <break time=\"2s\"/> Feel your "
     "<mark name=\"resource\"/>{resource} once more, the place that feels good enough. You can always "
     "come back to it later. <break time=\"3s\"/> Now gently move your fingers and your toes, open "
     "your eyes if they are still closed, and look around for a moment. <break time=\"2s\"/> Take your"
     " time before you carry on. Thank you.",
     "{resource}@resource:0.7", 3.0},
};
