// plugins/diaphragm-breathing/Narration.h  (narration of the diaphragm-breathing exercise; nl and en)
//
// Slow breathing into the belly with a soft pacer. The plugin code inserts the
// paced breath cycles; these entries are only the spoken parts. Steps whose id
// starts with "pace_" are spoken while the pacer runs (the comment above each
// one suggests how many cycles follow it: about 2 each gives ~5.5 and
// ~15 minutes at 5.5 breaths a minute). The pacer is on from "pace_intro"
// up to "own_rhythm", whose text says the tone stops. The narration never
// counts seconds, so any breaths-per-minute setting (4.5 to 7) fits.
#pragma once

#include "NarrationStep.h" // plugins/common: the table's type, shared by our native plugins

static const soma::plugins::NarrationStep kNarration[] = {
    {"arrive", "short,long",
     "Welkom. Zoek een houding die nu voor jou goed voelt, zittend of liggend. <break time=\"2s\"/> Je"
     " ogen mogen open blijven of dicht, zoals jij wilt. <break time=\"2s\"/> Je kunt op elk moment "
     "bewegen, je ogen openen of stoppen. Je kunt hier niets fout doen.",
     "Welcome. Find a position that feels good for you right now, sitting or lying down. "
     "<break time=\"2s\"/> Your eyes may stay open or closed, as you prefer. <break time=\"2s\"/> At "
     "any moment you can move, open your eyes, or stop. There is nothing you can do wrong here.",
     "", 3.0},
    {"arrive_more", "long",
     "Misschien wil je nog wat verschuiven, tot je lichaam ergens op kan rusten: de stoel, de vloer, "
     "een kussen. <break time=\"3s\"/> Misschien mogen je <mark name=\"shoulders\"/>schouders "
     "wat zakken, zo ver als ze dat vanzelf willen. <break time=\"3s\"/> In deze oefening ademen we "
     "langzaam naar de buik, "
     "met een zachte toon die het ritme aangeeft. Je volgt die alleen zolang het prettig is. Wil je "
     "adem iets anders, dan gaat je adem voor.",
     "Perhaps you would like to shift a little, until your body can rest on something: the chair, the "
     "floor, a cushion. <break time=\"3s\"/> Let your <mark name=\"shoulders\"/>shoulders drop, as far"
     " as they want to by themselves. <break time=\"3s\"/> In this exercise we breathe slowly into the"
     " belly, with a soft tone that marks the rhythm. You follow it only for as long as it feels good."
     " If your breath wants something else, your breath comes first.",
     "shoulder_left@shoulders:0.4 shoulder_right@shoulders:0.4", 4.0},
    {"notice", "short,long",
     "Merk eerst op hoe je adem nu vanzelf gaat, zonder hem te veranderen. <break time=\"3s\"/> Waar "
     "voel je hem het duidelijkst? Bij je neus, in je <mark name=\"chest\"/>borst, of in je "
     "<mark name=\"belly\"/>buik? <break time=\"4s\"/> Het is goed zoals het is.",
     "First notice how your breath is moving by itself right now, without changing it. "
     "<break time=\"3s\"/> Where do you feel it most clearly? At your nose, in your "
     "<mark name=\"chest\"/>chest, or in your <mark name=\"belly\"/>belly? <break time=\"4s\"/> It is "
     "fine just the way it is.",
     "chest@chest:0.5 belly@belly:0.5", 4.0},
    {"notice_more", "long",
     "Snel of traag, diep of ondiep: je hoeft er niets aan te doen. <break time=\"3s\"/> Misschien "
     "voel je de lucht die binnenkomt, een beetje koeler, en de lucht die weer naar buiten gaat, een "
     "beetje warmer. <break time=\"4s\"/> Misschien merk je ook het kleine rustpunt na de uitademing, "
     "voor de volgende inademing vanzelf komt. <break time=\"5s\"/> Jij kijkt alleen even mee, met "
     "nieuwsgierigheid.",
     "Fast or slow, deep or shallow: you don't have to do anything about it. <break time=\"3s\"/> "
     "Perhaps you feel the air coming in, a little cooler, and the air going out again, a little "
     "warmer. <break time=\"4s\"/> Perhaps you also notice the small resting point after the "
     "out-breath, before the next in-breath arrives by itself. <break time=\"5s\"/> You are just "
     "watching along for a while, with curiosity.",
     "", 6.0},
    {"hands", "short,long",
     "Als het prettig is, mag je je <mark name=\"hands\"/>handen op je buik leggen, net onder je "
     "ribben. Of je laat ze rusten waar ze zijn. <break time=\"3s\"/> Misschien voel je hoe je "
     "<mark name=\"belly\"/>buik zacht beweegt, met elke adem.",
     "If it is comfortable, you may place your <mark name=\"hands\"/>hands on your belly, just below "
     "your ribs. Or you let them rest where they are. <break time=\"3s\"/> Perhaps you feel how your "
     "<mark name=\"belly\"/>belly moves softly, with every breath.",
     "hand_left@hands:0.6 hand_right@hands:0.6 belly@belly:0.6", 4.0},
    {"hands_more", "long",
     "Sommige mensen leggen liever één hand op de buik en één op de borst. Probeer gerust uit wat voor"
     " jou het fijnst is. <break time=\"3s\"/> Misschien voel je de warmte van je handen door je kleren "
     "heen. <break time=\"3s\"/> Je handen hoeven niets te doen, niet duwen en niet sturen. Ze "
     "luisteren alleen mee, en gaan mee op en neer met je adem.",
     "Some people prefer one hand on the belly and one on the chest. Feel free to try what suits you "
     "best. <break time=\"3s\"/> Perhaps you feel the warmth of your hands through your clothes. "
     "<break time=\"3s\"/> Your hands don't need to do anything, no pressing and no steering. They are"
     " just listening along, rising and falling with your breath.",
     "", 5.0},
    {"dome", "short,long",
     "Onder je <mark name=\"lungs\"/>longen, tussen borst en buik, ligt je "
     "<mark name=\"diaphragm\"/>middenrif: een brede spier in de vorm van een koepel. "
     "<break time=\"3s\"/> Als je inademt, wordt die koepel platter en zakt hij wat naar beneden. Je "
     "longen krijgen ruimte, en je buik geeft mee. <break time=\"3s\"/> Als je uitademt, welft de "
     "koepel weer omhoog.",
     "Below your <mark name=\"lungs\"/>lungs, between chest and belly, lies your "
     "<mark name=\"diaphragm\"/>diaphragm: a broad muscle shaped like a dome. <break time=\"3s\"/> "
     "When you breathe in, the dome flattens and moves down a little. Your lungs get room, and your "
     "belly gives way. <break time=\"3s\"/> When you breathe out, the dome rises again.",
     "lung_left@lungs:0.4 lung_right@lungs:0.4 diaphragm@diaphragm:0.8", 4.0},
    {"dome_more", "long",
     "Je <mark name=\"diaphragm\"/>middenrif zit rondom vast aan je onderste ribben, en aan de "
     "achterkant aan je <mark name=\"spine\"/>wervelkolom. <break time=\"3s\"/> Het werkt de hele "
     "dag en de hele "
     "nacht, zonder dat je eraan hoeft te denken. <break time=\"3s\"/> Je hoeft het dus niet te duwen "
     "of te trekken. Je kunt het alleen wat ruimte geven, en wat tijd. <break time=\"3s\"/> Misschien "
     "voel je bij de volgende inademing iets zacht naar beneden bewegen, en bij de uitademing weer "
     "omhoog.",
     "Your <mark name=\"diaphragm\"/>diaphragm is attached all around your lowest ribs, and at the "
     "back to your <mark name=\"spine\"/>spine. <break time=\"3s\"/> It works all day and all night, "
     "without you having to think about it. <break time=\"3s\"/> So you don't need to push it or pull "
     "it. You can only give it a little room, and a little time. <break time=\"3s\"/> Perhaps with the"
     " next in-breath you feel something moving gently down, and with the out-breath, up again.",
     "diaphragm@diaphragm:0.8 spine@spine:0.4", 5.0},
    {"widen", "short,long",
     "Bij het inademen wordt je <mark name=\"belly\"/>buik misschien zacht bol, zonder dat je hem naar"
     " buiten duwt. <break time=\"3s\"/> Misschien worden ook je onderste ribben wat breder, in je "
     "<mark name=\"left_side\"/>linkerzij en je <mark name=\"right_side\"/>rechterzij. "
     "<break time=\"3s\"/> Bij het uitademen wordt alles vanzelf weer smaller.",
     "As you breathe in, your <mark name=\"belly\"/>belly may round softly, without you pushing it "
     "out. <break time=\"3s\"/> Perhaps your lowest ribs widen a little too, in your "
     "<mark name=\"left_side\"/>left side and your <mark name=\"right_side\"/>right side. "
     "<break time=\"3s\"/> As you breathe out, everything narrows again by itself.",
     "belly@belly:0.7 side_left@left_side:0.5 side_right@right_side:0.5", 4.0},
    {"widen_back", "long",
     "Misschien voel je de adem zelfs tot in je <mark name=\"lower_back\"/>onderrug, een kleine "
     "beweging naar achteren, tegen de stoel of de vloer. <break time=\"4s\"/> En misschien voel je "
     "niets van dat alles. Ook dat is goed. Op sommige dagen is de beweging groot, op andere heel "
     "klein. <break time=\"4s\"/> Je hoeft niets te laten gebeuren. Je merkt alleen op waar je adem "
     "vandaag naartoe wil.",
     "Perhaps you can feel the breath even in your <mark name=\"lower_back\"/>lower back, a small "
     "movement backwards, against the chair or the floor. <break time=\"4s\"/> And perhaps you don't "
     "feel any of this. That is fine too. On some days the movement is big, on others very small. "
     "<break time=\"4s\"/> You don't have to make anything happen. You are only noticing where your "
     "breath wants to go today.",
     "lower_back@lower_back:0.5", 5.0},
    // pacer on from here; then about 2 cycles
    {"pace_intro", "short,long",
     "Zo meteen hoor je een zachte toon. Hij stijgt als je inademt, en daalt als je uitademt. "
     "<break time=\"3s\"/> Het ritme is trager dan je gewend bent. Volg het zo goed als het gaat, "
     "zonder te forceren. <break time=\"2s\"/> Is het te traag, dan adem je gewoon tussendoor, op je "
     "eigen manier.",
     "In a moment you will hear a soft tone. It rises as you breathe in, and falls as you breathe out."
     " <break time=\"3s\"/> The rhythm is slower than you are used to. Follow it as well as you can, "
     "without forcing. <break time=\"2s\"/> If it is too slow, simply take a breath in between, in "
     "your own way.",
     "", 2.0},
    // then about 2 cycles
    {"pace_cue_in_out", "short,long",
     "Met de toon mee naar binnen, tot in je <mark name=\"belly\"/>buik, <break time=\"2s\"/> en met "
     "de toon mee weer naar buiten.",
     "With the tone, in, all the way down into your <mark name=\"belly\"/>belly, <break time=\"2s\"/> "
     "and with the tone, out again.",
     "belly@belly:0.7", 1.0},
    // then about 2 cycles
    {"pace_support", "long",
     "Misschien voel je onder je handen hoe je buik meebeweegt met de toon. <break time=\"3s\"/> Word "
     "je wat licht in je hoofd, of heb je het gevoel dat je te weinig lucht krijgt, laat de toon dan "
     "los en adem even zoals je lichaam wil. Je kunt later altijd weer aansluiten. "
     "<break time=\"3s\"/> Je hoeft niets te bereiken. Alleen deze adem, en dan de volgende.",
     "Perhaps you can feel under your hands how your belly moves along with the tone. "
     "<break time=\"3s\"/> If you feel light-headed, or as if you are not getting enough air, let the "
     "tone go and breathe the way your body wants for a while. You can always join in again later. "
     "<break time=\"3s\"/> There is no goal to reach. Just this breath, and then the next.",
     "", 1.0},
    // then about 2 cycles
    {"pace_soft_belly", "long",
     "Veel mensen houden hun <mark name=\"belly\"/>buik de hele dag een beetje in. Hier mag hij zacht "
     "zijn. <break time=\"3s\"/> Als het makkelijk gaat, adem je door je neus, maar door je mond mag "
     "ook. <break time=\"3s\"/> En lijkt de toon eens te snel of te traag, dan kies jij. Jouw adem "
     "beslist, de toon is alleen een uitnodiging.",
     "Many people hold their <mark name=\"belly\"/>belly in a little all day long. Here it is allowed "
     "to be soft. <break time=\"3s\"/> If it is easy, breathe through your nose, but breathing through"
     " your mouth is fine too. <break time=\"3s\"/> And if the tone ever seems too fast or too slow, "
     "you choose. Your breath decides; the tone is only an invitation.",
     "belly@belly:0.5", 1.0},
    // then about 2 cycles
    {"pace_cue_dome", "long",
     "Je <mark name=\"diaphragm\"/>middenrif zakt zacht naar beneden, <break time=\"2s\"/> en welft "
     "weer omhoog.",
     "Your <mark name=\"diaphragm\"/>diaphragm moves softly down, <break time=\"2s\"/> and rises "
     "again.",
     "diaphragm@diaphragm:0.8", 1.0},
    // then about 2 cycles
    {"pace_wander", "long",
     "Misschien dwalen je gedachten af. Dat is heel gewoon. <break time=\"2s\"/> Zodra je het merkt, "
     "kun je terugkeren naar de toon, of naar de warmte van je handen op je buik. <break time=\"3s\"/>"
     " Telkens opnieuw, zonder streng te zijn voor jezelf.",
     "Perhaps your thoughts wander off. That is completely normal. <break time=\"2s\"/> As soon as you"
     " notice, you can come back to the tone, or to the warmth of your hands on your belly. "
     "<break time=\"3s\"/> Again and again, without being hard on yourself.",
     "", 1.0},
    // then about 2 cycles; a pattern with a longer exhale fits from here
    {"pace_long_exhale", "short,long",
     "Als het goed voelt, mag de uitademing nu wat langer duren, als een lange, stille zucht. "
     "<break time=\"3s\"/> Je hoeft de laatste lucht er niet uit te persen. Laat de uitademing gewoon "
     "uitlopen, tot de inademing vanzelf weer komt.",
     "If it feels right, the out-breath may now last a little longer, like a long, quiet sigh. "
     "<break time=\"3s\"/> You don't need to squeeze out the last bit of air. Just let the out-breath "
     "run out, until the in-breath comes again by itself.",
     "", 1.0},
    // then about 2 cycles
    {"pace_after_exhale", "long",
     "Misschien merk je wat er gebeurt na zo'n lange uitademing. <break time=\"3s\"/> Een moment van "
     "stilte, misschien. Of je <mark name=\"shoulders\"/>schouders die een beetje zakken, of je "
     "<mark name=\"jaw\"/>kaak die wat losser wordt. <break time=\"4s\"/> En misschien ook niet. Je "
     "lichaam mag dat zelf weten. <break time=\"3s\"/> Blijf de toon volgen zolang het prettig is.",
     "Perhaps you notice what happens after such a long out-breath. <break time=\"3s\"/> A moment of "
     "stillness, perhaps. Or your <mark name=\"shoulders\"/>shoulders dropping a little, or your "
     "<mark name=\"jaw\"/>jaw loosening a bit. <break time=\"4s\"/> And perhaps not. Your body gets to"
     " decide that for itself. <break time=\"3s\"/> Keep following the tone for as long as it feels "
     "good.",
     "shoulder_left@shoulders:0.4 shoulder_right@shoulders:0.4 jaw@jaw:0.4", 1.0},
    // then about 2 cycles
    {"pace_whole", "long",
     "Misschien kun je nu de hele beweging tegelijk voelen: je buik die bol wordt, je "
     "<mark name=\"sides\"/>flanken die breder worden, je rug die zacht meebeweegt. "
     "<break time=\"4s\"/> En bij de uitademing alles weer terug, vanzelf. <break time=\"3s\"/> Als "
     "golven die aankomen op het strand, en zich weer terugtrekken.",
     "Perhaps you can now feel the whole movement at once: your belly rounding, your "
     "<mark name=\"sides\"/>sides widening, your back moving softly with it. <break time=\"4s\"/> And "
     "as you breathe out, everything comes back, by itself. <break time=\"3s\"/> Like waves arriving "
     "on the beach, and drawing back again.",
     "side_left@sides:0.5 side_right@sides:0.5", 1.0},
    // then about 2 cycles
    {"pace_cue_slow", "short,long",
     "Rustig in, <break time=\"2s\"/> en lang en zacht weer uit.",
     "Calmly in, <break time=\"2s\"/> and long and soft, out again.",
     "", 1.0},
    // pacer off from here (the text says the tone stops)
    {"own_rhythm", "short,long",
     "De toon stopt nu. <break time=\"2s\"/> Laat je adem weer zijn eigen ritme vinden, zonder te "
     "sturen. <break time=\"4s\"/> Misschien blijft hij nog wat trager, misschien niet. Het is allebei "
     "goed. <break time=\"3s\"/> Merk gewoon op hoe je <mark name=\"belly\"/>buik nu beweegt.",
     "The tone stops now. <break time=\"2s\"/> Let your breath find its own rhythm again, without "
     "steering. <break time=\"4s\"/> Perhaps it stays a little slower, perhaps not. Both are fine. "
     "<break time=\"3s\"/> Simply notice how your <mark name=\"belly\"/>belly is moving now.",
     "belly@belly:0.5", 6.0},
    {"own_rhythm_more", "long",
     "Misschien kun je het vergelijken met het begin van de oefening, zonder te oordelen. "
     "<break time=\"3s\"/> Is er iets anders in je <mark name=\"chest\"/>borst, in je buik, in je "
     "schouders? Of is alles ongeveer hetzelfde? <break time=\"4s\"/> Wat je ook merkt, het mag er "
     "zijn. <break time=\"4s\"/> Je kunt deze trage adem altijd weer opzoeken, een paar ademhalingen "
     "lang, wanneer je wilt: onderweg, aan je bureau, voor het slapengaan.",
     "Perhaps you can compare this with the start of the exercise, without judging. "
     "<break time=\"3s\"/> Is anything different in your <mark name=\"chest\"/>chest, in your belly, "
     "in your shoulders? Or is everything more or less the same? <break time=\"4s\"/> Whatever you "
     "notice is allowed to be there. <break time=\"4s\"/> You can come back to this slow breathing "
     "whenever you like, for just a few breaths: on your way somewhere, at your desk, before going to "
     "sleep.",
     "chest@chest:0.4", 10.0},
    {"rest", "long",
     "Blijf nog even rusten, met je eigen adem. <break time=\"3s\"/> Je lichaam wordt gedragen door de"
     " stoel of de vloer. Je hoeft niets vast te houden. <break time=\"4s\"/> Misschien merk je je "
     "<mark name=\"feet\"/>voeten, je <mark name=\"hands\"/>handen, je hele lichaam dat hier ademt. "
     "<break time=\"5s\"/> Neem nog een paar ademhalingen op je eigen tempo, zo lang of zo kort als ze"
     " willen.",
     "Rest a little longer, with your own breath. <break time=\"3s\"/> Your body is being carried by "
     "the chair or the floor. You don't need to hold on to anything. <break time=\"4s\"/> Perhaps you "
     "notice your <mark name=\"feet\"/>feet, your <mark name=\"hands\"/>hands, your whole body "
     "breathing here. <break time=\"5s\"/> Take a few more breaths at your own pace, as long or as "
     "short as they like to be.",
     "foot_left@feet:0.4 foot_right@feet:0.4 hand_left@hands:0.4 hand_right@hands:0.4", 8.0},
    {"ending", "short,long",
     "We komen bij het einde van deze oefening. <break time=\"2s\"/> Als je handen nog op je buik "
     "liggen, mag je ze nu laten zakken. <break time=\"2s\"/> Je mag je vingers en je tenen bewegen, "
     "en je ogen openen als ze dicht waren. Neem de tijd voor je verdergaat. Dank je wel.",
     "We are coming to the end of this exercise. <break time=\"2s\"/> If your hands are still on your "
     "belly, you may let them rest beside you now. <break time=\"2s\"/> Move your fingers and your "
     "toes, and open your eyes if they were closed. Take your time before you carry on. Thank you.",
     "", 3.0},
};
