// plugins/diaphragm-breathing/Narration.h  (narration of the diaphragm-breathing exercise; nl and en)
//
// Slow breathing into the belly with a soft pacer. The plugin code inserts the
// paced breath cycles; these entries are only the spoken parts. Steps whose id
// starts with "pace_" are spoken while the pacer runs (the comment above each
// one suggests how many cycles follow it: about 2 each gives ~5.5 and
// ~15 minutes at 5.5 breaths a minute). The pacer is on from "pace_intro"
// up to "own_rhythm", whose text says the tone stops. The narration never
// counts seconds, so any breaths-per-minute setting (4.5 to 7) fits.
//
// Pacing (issue 13): each step names at most one group of places, and the
// voice is quiet for 9 s or more after it (a break or the step's pause)
// before another place is named. While the pacer runs, the diaphragm and the
// belly glow with the breath (the code lights them), so the paced steps name
// no other place on them.
//
// Safety (issue 13): both variants say, before the slow rhythm starts, that
// no extra air is needed and that light-headedness or dizziness is the
// moment to let the tone go or stop.
#pragma once

#include "NarrationStep.h" // plugins/common: the table's type, shared by our native plugins

static const soma::plugins::NarrationStep kNarration[] = {
    {"arrive", "short,long",
     "Welkom. Je mag een houding zoeken die nu prettig is, zittend of liggend. <break time=\"2s\"/>"
     " Ben je in de laatste maanden van je zwangerschap, lig dan niet plat op je rug: zitten of op je zij liggen is beter. <break time=\"2s\"/> Je ogen mogen open "
     "blijven of dicht, zoals jij wilt. <break time=\"2s\"/> Je kunt op elk moment bewegen, je ogen openen of stoppen. Je "
     "kunt hier niets fout doen.",
     "Welcome. You may find a position that is comfortable right now, sitting or lying down. <break time=\"2s\"/>"
     " If you are in the later months of pregnancy, it is better not to lie flat on your back: sit, or lie on your side. <break time=\"2s\"/> Your eyes "
     "may stay open or closed, as you prefer. <break time=\"2s\"/> At any moment you can move, open your eyes, or stop. "
     "There is nothing you can do wrong here.",
     "", 4.0},
    {"arrive_more", "long",
     "Misschien wil je nog wat verschuiven, tot je lichaam ergens op kan rusten. "
     "<break time=\"3s\"/> In deze oefening adem je langzaam naar je buik, met een zachte toon die het ritme aangeeft. Je "
     "volgt die alleen zolang het prettig is. Wil je adem iets anders, dan gaat je adem voor. <break time=\"3s\"/> "
     "Misschien mogen je <mark name=\"shoulders\"/>schouders wat zakken, zo ver als ze dat vanzelf willen.",
     "Perhaps you would like to shift a little, until your body can rest on something. "
     "<break time=\"3s\"/> In this exercise you breathe slowly into your belly, with a soft tone that marks the rhythm. You "
     "follow it only for as long as it feels good. If your breath wants something else, your breath comes first. "
     "<break time=\"3s\"/> Perhaps your <mark name=\"shoulders\"/>shoulders can drop a little, as far as they want to by "
     "themselves.",
     "shoulder_left@shoulders:0.4 shoulder_right@shoulders:0.4", 10.0},
    {"notice", "short,long",
     "Je mag eerst opmerken hoe je adem vanzelf gaat, zonder hem te veranderen. <break time=\"3s\"/> Waar voel je hem "
     "het duidelijkst? Bij je neus, in je <mark name=\"chest\"/>borst, of in je <mark name=\"belly\"/>buik? "
     "<break time=\"4s\"/> Het is goed zoals het is.",
     "First, you may notice how your breath is moving by itself, without changing it. <break time=\"3s\"/> Where "
     "do you feel it most clearly? At your nose, in your <mark name=\"chest\"/>chest, or in your "
     "<mark name=\"belly\"/>belly? <break time=\"4s\"/> It is fine just the way it is.",
     "chest@chest:0.5 belly@belly:0.5", 10.0},
    {"notice_more", "long",
     "Snel of traag, diep of ondiep: je hoeft er niets aan te doen. <break time=\"3s\"/> Misschien voel je de lucht die "
     "binnenkomt, een beetje koeler, en de lucht die weer naar buiten gaat, een beetje warmer. <break time=\"5s\"/> "
     "Je kijkt alleen even mee, nieuwsgierig.",
     "Fast or slow, deep or shallow: you don't have to do anything about it. <break time=\"3s\"/> Perhaps you feel the air "
     "coming in, a little cooler, and the air going out again, a little warmer. <break time=\"5s\"/> You are just watching for a while, with curiosity.",
     "", 8.0},
    {"hands", "short,long",
     "Als het prettig is, mag je je <mark name=\"hands\"/>handen op je buik leggen, net onder je ribben. Of je laat ze "
     "rusten waar ze zijn. <break time=\"3s\"/> Misschien voel je hoe je buik zacht meebeweegt, met elke adem.",
     "If it is comfortable, you may place your <mark name=\"hands\"/>hands on your belly, just below your ribs. Or you let "
     "them rest where they are. <break time=\"3s\"/> Perhaps you feel how your belly moves softly, with every breath.",
     "hand_left@hands:0.6 hand_right@hands:0.6", 10.0},
    {"hands_more", "long",
     "Sommige mensen leggen liever één hand op de buik en één op de borst. Probeer gerust wat voor jou het fijnst is. "
     "<break time=\"3s\"/> Je handen "
     "hoeven niets te doen, niet duwen en niet sturen. Ze luisteren alleen mee, en gaan mee op en neer met je adem.",
     "Some people prefer one hand on the belly and one on the chest. Feel free to try what suits you best. "
     "<break time=\"3s\"/> Your hands "
     "don't need to do anything, no pressing and no steering. They are just listening, rising and falling with your "
     "breath.",
     "", 6.0},
    // The diaphragm's attachments, in plain words: all around the inside of
    // the lowest ribs, the lower tip of the breastbone (here), and at the
    // back, with its two crura, the upper lumbar vertebrae, L1 to L3
    // (dome_more, in the long variant).
    {"dome", "short,long",
     "Tussen je borst en je buik ligt je <mark name=\"diaphragm\"/>middenrif, een brede spier in de vorm van een "
     "koepel. Het zit rondom vast aan de binnenkant van je onderste ribben, en vooraan aan de onderpunt van je "
     "borstbeen. <break time=\"3s\"/> Als je inademt, wordt die koepel platter en zakt hij wat naar beneden. Je buik geeft "
     "mee. <break time=\"3s\"/> Als je uitademt, welft hij weer omhoog.",
     "Between your chest and your belly lies your <mark name=\"diaphragm\"/>diaphragm, a broad muscle shaped like a "
     "dome. It is attached all around the inside of your lowest ribs, and at the front to the lower tip of your "
     "breastbone. <break time=\"3s\"/> When you breathe in, the dome flattens and moves down a little. Your belly gives "
     "way. <break time=\"3s\"/> When you breathe out, it rises again.",
     "diaphragm@diaphragm:0.8", 10.0},
    {"dome_more", "long",
     "Aan de achterkant loopt je middenrif in twee lange bundels naar beneden, tot aan de bovenste wervels van je "
     "<mark name=\"spine\"/>onderrug. <break time=\"3s\"/> Het werkt de hele dag en de hele nacht, zonder dat je eraan hoeft "
     "te denken. Je hoeft het dus niet te duwen of te trekken. Je kunt het alleen wat ruimte geven, en wat tijd. "
     "<break time=\"3s\"/> Misschien voel je bij de volgende inademing iets zacht naar beneden bewegen, en bij de "
     "uitademing weer omhoog.",
     "At the back, your diaphragm reaches down in two long bands, as far as the upper vertebrae of your "
     "<mark name=\"spine\"/>lower back. <break time=\"3s\"/> It works all day and all night, without you having to think "
     "about it. So you don't need to push it or pull it. You can only give it a little room, and a little time. "
     "<break time=\"3s\"/> Perhaps with the next in-breath you feel something moving gently down, and with the out-breath, "
     "up again.",
     "spine@spine:0.4", 10.0},
    {"widen", "short,long",
     "Bij het inademen wordt je buik misschien zacht bol, zonder dat je hem naar buiten duwt. <break time=\"3s\"/> "
     "Misschien worden ook je onderste ribben wat breder, in je <mark name=\"sides\"/>flanken. <break time=\"3s\"/> Bij het "
     "uitademen wordt alles vanzelf weer smaller.",
     "As you breathe in, your belly may round softly, without you pushing it out. <break time=\"3s\"/> Perhaps your lowest "
     "ribs widen a little too, at your <mark name=\"sides\"/>sides. <break time=\"3s\"/> As you breathe out, everything "
     "narrows again by itself.",
     "side_left@sides:0.5 side_right@sides:0.5", 10.0},
    {"widen_back", "long",
     "Misschien voel je de adem zelfs tot in je <mark name=\"lower_back\"/>onderrug, een kleine beweging naar achteren, "
     "tegen de stoel of de vloer. <break time=\"4s\"/> En misschien voel je niets van dat alles. Ook dat is goed. "
     "<break time=\"4s\"/> Je hoeft niets te laten gebeuren. Je "
     "merkt alleen op waar je adem vandaag naartoe wil.",
     "Perhaps you can feel the breath even in your <mark name=\"lower_back\"/>lower back, a small movement backwards, "
     "against the chair or the floor. <break time=\"4s\"/> And perhaps you don't feel any of this. That is fine too. "
     "<break time=\"4s\"/> You don't have to make anything happen. "
     "You are only noticing where your breath wants to go today.",
     "lower_back@lower_back:0.5", 10.0},
    // pacer on from here; then about 2 cycles
    {"pace_intro", "short,long",
     "Zo meteen hoor je een zachte toon. Hij stijgt als je inademt, en daalt als je uitademt. <break time=\"3s\"/> Het "
     "ritme is trager dan je gewend bent, maar niet dieper: je hoeft niet meer lucht binnen te halen dan er vanzelf komt. "
     "<break time=\"3s\"/> Word je licht in je hoofd of duizelig, laat de toon dan los en adem weer op je eigen manier. Je "
     "mag ook stoppen.",
     "In a moment you will hear a soft tone. It rises as you breathe in, and falls as you breathe out. "
     "<break time=\"3s\"/> The rhythm is slower than you are used to, but not deeper: you do not need to take in more air "
     "than comes by itself. <break time=\"3s\"/> If you feel light-headed or dizzy, let the tone go and breathe in your "
     "own way again. You may also stop.",
     "", 2.0},
    // then about 2 cycles
    {"pace_cue_in_out", "short,long",
     "Met de toon mee naar binnen, tot in je buik, <break time=\"2s\"/> en met de toon mee weer naar buiten.",
     "With the tone, in, all the way down into your belly, <break time=\"2s\"/> and with the tone, out again.",
     "", 1.0},
    // then about 2 cycles
    {"pace_support", "long",
     "Misschien voel je onder je handen hoe je buik meebeweegt met de toon. <break time=\"3s\"/> Is het ritme te traag, "
     "dan adem je gewoon tussendoor, op je eigen manier. Je kunt later altijd weer aansluiten. <break time=\"3s\"/> Je "
     "hoeft niets te bereiken. Alleen deze adem, en dan de volgende.",
     "Perhaps you can feel under your hands how your belly moves along with the tone. <break time=\"3s\"/> If the rhythm is "
     "too slow, simply take a breath in between, in your own way. You can always join in again later. "
     "<break time=\"3s\"/> There is no goal to reach. Just this breath, and then the next.",
     "", 1.0},
    // then about 2 cycles
    {"pace_soft_belly", "long",
     "Veel mensen houden hun buik de hele dag een beetje in. Hier mag hij zacht zijn. <break time=\"3s\"/> Als het "
     "makkelijk gaat, adem je door je neus, maar door je mond mag ook. <break time=\"3s\"/> En lijkt de toon eens te snel "
     "of te traag, dan kies jij. Jouw adem beslist, de toon is alleen een uitnodiging.",
     "Many people hold their belly in a little all day long. Here it is allowed to be soft. <break time=\"3s\"/> If it is "
     "easy, breathe through your nose, but breathing through your mouth is fine too. <break time=\"3s\"/> And if the tone "
     "ever seems too fast or too slow, you choose. Your breath decides; the tone is only an invitation.",
     "", 1.0},
    // then about 2 cycles
    {"pace_cue_dome", "long",
     "Je middenrif zakt zacht naar beneden, <break time=\"2s\"/> en welft weer omhoog.",
     "Your diaphragm moves softly down, <break time=\"2s\"/> and rises again.",
     "", 1.0},
    // then about 2 cycles
    {"pace_wander", "long",
     "Misschien dwalen je gedachten af. Dat is heel gewoon. <break time=\"2s\"/> Zodra je het merkt, kun je terugkeren naar "
     "de toon, of naar de warmte van je handen op je buik. <break time=\"3s\"/> Telkens opnieuw, zonder streng te zijn voor "
     "jezelf.",
     "Perhaps your thoughts wander off. That is completely normal. <break time=\"2s\"/> As soon as you notice, you can come "
     "back to the tone, or to the warmth of your hands on your belly. <break time=\"3s\"/> Again and again, without being "
     "hard on yourself.",
     "", 1.0},
    // then about 2 cycles; a pattern with a longer exhale fits from here
    {"pace_long_exhale", "short,long",
     "Als dat prettig is, mag de uitademing nu wat langer duren, als een lange, stille zucht. <break time=\"3s\"/> Je hoeft "
     "de laatste lucht er niet uit te persen. Ze mag gewoon uitlopen, tot de inademing vanzelf komt.",
     "If it feels right, the out-breath may now last a little longer, like a long, quiet sigh. <break time=\"3s\"/> You "
     "don't need to squeeze out the last bit of air. It may simply run out, until the in-breath comes by itself.",
     "", 1.0},
    // then about 2 cycles
    {"pace_after_exhale", "long",
     "Misschien merk je wat er gebeurt na zo'n lange uitademing. <break time=\"3s\"/> Een moment van stilte, misschien. Of "
     "je <mark name=\"shoulders\"/>schouders die een beetje zakken, of je <mark name=\"jaw\"/>kaak die wat losser wordt. "
     "<break time=\"4s\"/> En misschien ook niet. Je lichaam mag dat zelf weten. <break time=\"3s\"/> Je mag de toon "
     "blijven volgen zolang het prettig is.",
     "Perhaps you notice what happens after such a long out-breath. <break time=\"3s\"/> A moment of stillness, perhaps. Or "
     "your <mark name=\"shoulders\"/>shoulders dropping a little, or your <mark name=\"jaw\"/>jaw loosening a bit. "
     "<break time=\"4s\"/> And perhaps not. Your body gets to decide that for itself. <break time=\"3s\"/> You may keep "
     "following the tone for as long as it feels good.",
     "shoulder_left@shoulders:0.4 shoulder_right@shoulders:0.4 jaw@jaw:0.4", 1.0},
    // then about 2 cycles
    {"pace_whole", "long",
     "Misschien kun je nu de hele beweging tegelijk voelen: je buik die bol wordt, je <mark name=\"sides\"/>flanken die "
     "breder worden, je rug die zacht meebeweegt. <break time=\"4s\"/> En bij de uitademing alles weer terug, vanzelf. "
     "<break time=\"3s\"/> Als golven die aankomen op het strand, en zich weer terugtrekken.",
     "Perhaps you can now feel the whole movement at once: your belly rounding, your <mark name=\"sides\"/>sides widening, "
     "your back moving softly with it. <break time=\"4s\"/> And as you breathe out, everything comes back, by itself. "
     "<break time=\"3s\"/> Like waves arriving on the beach, and drawing back again.",
     "side_left@sides:0.5 side_right@sides:0.5", 1.0},
    // then about 2 cycles
    {"pace_cue_slow", "short,long",
     "Rustig in, <break time=\"2s\"/> en lang en zacht weer uit.",
     "Calmly in, <break time=\"2s\"/> and long and soft, out again.",
     "", 1.0},
    // pacer off from here (the text says the tone stops)
    {"own_rhythm", "short,long",
     "De toon stopt nu. <break time=\"2s\"/> Je adem mag weer zijn eigen ritme vinden, zonder te sturen. "
     "<break time=\"4s\"/> Misschien blijft hij nog wat trager, misschien niet. Het is allebei goed. <break time=\"3s\"/> "
     "Je mag gewoon opmerken hoe je <mark name=\"belly\"/>buik nu beweegt.",
     "The tone stops now. <break time=\"2s\"/> Your breath may find its own rhythm again, without steering. "
     "<break time=\"4s\"/> Perhaps it stays a little slower, perhaps not. Both are fine. <break time=\"3s\"/> You may "
     "simply notice how your <mark name=\"belly\"/>belly is moving now.",
     "belly@belly:0.5", 10.0},
    {"own_rhythm_more", "long",
     "Misschien kun je het vergelijken met het begin van de oefening, zonder te oordelen. <break time=\"3s\"/> Is er iets "
     "anders in je <mark name=\"chest\"/>borst, in je buik, in je schouders? Of is alles ongeveer hetzelfde? "
     "<break time=\"4s\"/> Wat je ook merkt, het mag er zijn. <break time=\"4s\"/> Je kunt deze trage adem altijd weer "
     "opzoeken, een paar ademhalingen lang, wanneer je wilt: onderweg, aan je bureau, voor het slapengaan.",
     "Perhaps you can compare this with the start of the exercise, without judging. <break time=\"3s\"/> Is anything "
     "different in your <mark name=\"chest\"/>chest, in your belly, in your shoulders? Or is everything more or less the "
     "same? <break time=\"4s\"/> Whatever you notice is allowed to be there. <break time=\"4s\"/> You can come back to this "
     "slow breathing whenever you like, for just a few breaths: on your way somewhere, at your desk, before going to sleep.",
     "chest@chest:0.4", 10.0},
    {"rest", "long",
     "Je mag nog even blijven rusten, met je eigen adem. <break time=\"3s\"/> Je lichaam wordt gedragen door de stoel of de "
     "vloer. Je hoeft niets vast te houden. <break time=\"4s\"/> Misschien merk je je <mark name=\"feet\"/>voeten, je "
     "handen, je hele lichaam dat hier ademt. <break time=\"5s\"/> Misschien nog een paar ademhalingen, in je eigen tempo, "
     "zo lang of zo kort als ze willen.",
     "You may rest a little longer, with your own breath. <break time=\"3s\"/> Your body is being carried by the chair or "
     "the floor. You don't need to hold on to anything. <break time=\"4s\"/> Perhaps you notice your "
     "<mark name=\"feet\"/>feet, your hands, your whole body breathing here. <break time=\"5s\"/> Perhaps a few more "
     "breaths, at your own pace, as long or as short as they like to be.",
     "foot_left@feet:0.4 foot_right@feet:0.4", 10.0},
    {"ending", "short,long",
     "We komen bij het einde van deze oefening. <break time=\"2s\"/> Als je handen nog op je buik liggen, mag je ze nu "
     "laten zakken. <break time=\"2s\"/> Je mag wat bewegen, en je ogen openen als ze dicht waren. Neem gerust de tijd "
     "voor je verdergaat. Dank je wel.",
     "We are coming to the end of this exercise. <break time=\"2s\"/> If your hands are still on your belly, you may let "
     "them rest now. <break time=\"2s\"/> You may move a little, and open your eyes if they were closed. Take your time "
     "before you carry on. Thank you.",
     "", 3.0},
};
