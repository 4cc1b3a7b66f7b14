// plugins/personal-scan/Narration.h  (narration of the personal body scan; nl and en)
//
// A body scan from head to feet that stays longer with the places the
// therapist marked on the client's tension map. PersonalScan.cpp puts a
// session together from these tables, on the route Walk.h plans:
//   arrive (kArriveMapped, or kArriveNoMap / kArriveCalm when there is no
//   place to stay with), settle (long), then per section its passages
//   (kPassages: the whole body, briefly, in groups), the places to stay with
//   in that section (a linger step each, made from the templates below; a
//   place rated 7 or more first gets a near step), and in the long variant
//   a brief mention of rated places no passage lit; then return_up,
//   rest_whole (long) and close (kEnding).
//
// {place} is replaced by the code with the region as narration names it,
// with its possessive and its mark ("je <mark/>linkerschouder", "<mark/>the
// crown of your head"); {near} likewise for the easier place; {back} is
// the easier place again, unmarked (a way back, not a new place); {where}
// says where an inner place lies. Nothing refers back to a place with a
// pronoun, so any region reads well. The therapist's notes are never
// spoken: no text here has room for one.
//
// Pacing (issue 13): every passage names its places in one breath and then
// keeps 10 s of quiet; a place to stay with keeps 15-23 s (more for a
// higher rating), and a gentle one 12 s at its edge and 14 s after the way
// back; every newly named place has at least 9 s of quiet after it.
//
// Wording: invitations ("je mag", "misschien", "als je wilt"), never a
// command to relax and never a promise that tension goes; it may be there
// as it is. Inner places (psoas, diaphragm, pelvic floor) are places to
// sense towards, not to find exactly.
#pragma once

#include "NarrationStep.h" // plugins/common: the table's type, shared by our native plugins

namespace soma::plugins::personal_scan {

// ---- Arriving ------------------------------------------------------------

// The opening note (not medical treatment, stopping, skipping, easing out)
// comes from the host before this: only what is particular to lying down
// for a scan, and to a map, is said here.
inline const char* const kArriveCommonNl =
    "Welkom. Je mag rustig gaan liggen, op je rug, zoals het voor jou prettig is. <break time=\"3s\"/> Een kussen onder je knieën of "
    "je hoofd is goed, en je mag altijd van houding veranderen. <break time=\"3s\"/> Ben je in de laatste maanden van je "
    "zwangerschap, lig dan liever op je zij, met een kussen tussen je knieën. <break time=\"3s\"/> Je ogen mogen open of "
    "dicht, zoals je wilt. <break time=\"3s\"/> ";
inline const char* const kArriveCommonEn =
    "Welcome. You may lie down on your back, in a way that is comfortable for you. <break time=\"3s\"/> A cushion under your "
    "knees or your head is fine, and you can change your position whenever you like. <break time=\"3s\"/> If you are in the "
    "later months of pregnancy, lie on your side instead, with a cushion between your knees. <break time=\"3s\"/> Your eyes "
    "may be open or closed, as you prefer. <break time=\"3s\"/> ";

inline const NarrationStep kArriveMapped = {
    "arrive", "short,long",
    "Je aandacht gaat zo langzaam van je hoofd naar je voeten. Bij de plekken die je met je therapeut op je kaart hebt "
    "gezet, blijven we wat langer. <break time=\"2s\"/> Vraagt een plek vandaag te veel, dan mag je die overslaan met "
    "Volgende.",
    "Your attention will move slowly from your head to your feet. At the places you marked on your map with your "
    "therapist, we will stay a little longer. <break time=\"2s\"/> If a place asks too much of you today, you may skip it "
    "with Next.",
    "", 4.0};

inline const NarrationStep kArriveNoMap = {
    "arrive", "short,long",
    "Er is nog geen persoonlijke spanningskaart voor je. Daarom maken we vandaag een rustige, algemene bodyscan, van je "
    "hoofd naar je voeten. <break time=\"2s\"/> Maak je later met je therapeut een kaart, dan blijft deze oefening langer "
    "stilstaan bij jouw eigen plekken.",
    "There is no personal tension map for you yet. So today this is a quiet, general body scan, from your head to your "
    "feet. <break time=\"2s\"/> Once you and your therapist have made a map, this exercise will stay longer with your own "
    "places.",
    "", 4.0};

inline const NarrationStep kArriveCalm = {
    "arrive", "short,long",
    "Op je spanningskaart staat vandaag geen plek met spanning. Daarom maken we een rustige, algemene bodyscan, van je "
    "hoofd naar je voeten. <break time=\"2s\"/> Er hoeft niets te gebeuren: je mag gewoon opmerken wat er is.",
    "Your tension map shows no place with tension today. So this is a quiet, general body scan, from your head to your "
    "feet. <break time=\"2s\"/> Nothing needs to happen: you may simply notice what is there.",
    "", 4.0};

inline const NarrationStep kSettle = {
    "settle", "long",
    "Misschien merk je waar je lichaam de ondergrond raakt: je hoofd, je rug, je bekken, je hielen. <break time=\"4s\"/> Je "
    "hoeft jezelf niet op te houden. Je mag een beetje van je gewicht laten rusten op wat onder je ligt, zoveel als prettig "
    "is. <break time=\"5s\"/> Je adem mag gaan zoals hij gaat. Dwalen je gedachten af, dan mag je ze zachtjes terugbrengen, "
    "zo vaak als nodig is.",
    "Perhaps you notice where your body meets the surface beneath you: your head, your back, your pelvis, your heels. "
    "<break time=\"4s\"/> You don't have to hold yourself up. You may let a little of your weight rest on what is underneath "
    "you, as much as is comfortable. <break time=\"5s\"/> Your breath can come and go in its own way. If your thoughts "
    "wander, you may gently bring them back, as often as you need to.",
    "", 8.0};

// ---- Passages: the whole body, briefly, in groups ---------------------------
// Each names its places in one breath (marks under 4 s apart) and keeps
// 10 s of quiet after them. They light what the body scan lights, as
// brightly and with the same cameras, so each light shows on the figure
// (small places such as the elbows and knees are met with the limb). The code leaves out the highlight of a place
// the session stays with later in its section; a passage with none left
// is skipped.

struct Passage {
    const char* section; // Walk.h's section id
    NarrationStep step;
};

inline const Passage kPassages[] = {
    {"head",
     {"pass_head", "short,long",
      "Je aandacht mag eerst naar je hoofd gaan: de <mark name=\"crown\"/>kruin, je <mark name=\"face\"/>gezicht, je "
      "<mark name=\"jaw\"/>kaak. <break time=\"10s\"/> Wat je daar merkt, of juist niet, is goed zoals het is.",
      "Your attention may go to your head first: the <mark name=\"crown\"/>crown, your <mark name=\"face\"/>face, your "
      "<mark name=\"jaw\"/>jaw. <break time=\"10s\"/> Whatever you notice there, or don't, is fine as it is.",
      "crown@crown:0.8 forehead@face:0.8 eyes@face:0.8 jaw@jaw:0.8", 2.0}},
    {"head",
     {"pass_head_back", "long",
      "Misschien voel je ook je <mark name=\"back_of_head\"/>achterhoofd, en je <mark name=\"throat\"/>keel. "
      "<break time=\"10s\"/> Daar stroomt je adem vanzelf in en uit.",
      "Perhaps you can also feel <mark name=\"back_of_head\"/>the back of your head, and your <mark name=\"throat\"/>throat. "
      "<break time=\"10s\"/> Your breath flows in and out there by itself.",
      "back_of_head@back_of_head:0.8 throat@throat:0.7", 2.0}},
    {"shoulders",
     {"pass_shoulders", "short,long",
      "Dan je <mark name=\"neck\"/>nek en je <mark name=\"shoulders\"/>schouders. <break time=\"10s\"/> Ze mogen rusten op "
      "wat onder je ligt.",
      "Then your <mark name=\"neck\"/>neck and your <mark name=\"shoulders\"/>shoulders. <break time=\"10s\"/> They may rest "
      "on whatever is beneath you.",
      "neck@neck:0.8 shoulder_left@shoulders:0.8 shoulder_right@shoulders:0.8", 2.0}},
    {"arms",
     {"pass_arms", "short,long",
      "Je aandacht mag verder gaan, door je <mark name=\"arms\"/>armen, tot in je <mark name=\"hands\"/>handen. "
      "<break time=\"10s\"/> Misschien voelt de ene arm anders dan de andere. Dat mag.",
      "Your attention may travel on, down your <mark name=\"arms\"/>arms and into your <mark name=\"hands\"/>hands. "
      "<break time=\"10s\"/> Perhaps one arm feels different from the other. That's all right.",
      "upper_arm_left@arms:0.6 upper_arm_right@arms:0.6 forearm_left@arms:0.6 forearm_right@arms:0.6 hand_left@hands:0.8 "
      "hand_right@hands:0.8",
      2.0}},
    {"chest",
     {"pass_chest", "short,long",
      "Dan je <mark name=\"chest\"/>borst, die met je adem meebeweegt. <break time=\"10s\"/> Je hoeft je adem niet te sturen.",
      "Then your <mark name=\"chest\"/>chest, moving with your breath. <break time=\"10s\"/> There is no need to steer your "
      "breath.",
      "chest@chest:0.8", 2.0}},
    {"chest",
     {"pass_sides", "long",
      "Misschien voel je ook de zijkanten van je romp, je <mark name=\"side_left\"/>linkerzij en je "
      "<mark name=\"side_right\"/>rechterzij. <break time=\"10s\"/> Misschien bewegen ze een beetje mee met je adem, misschien "
      "merk je er weinig van. Allebei is goed.",
      "Perhaps you can also feel the sides of your body, your <mark name=\"side_left\"/>left side and your "
      "<mark name=\"side_right\"/>right side. <break time=\"10s\"/> Perhaps they move a little with your breath, perhaps you "
      "notice very little. Both are fine.",
      "side_left@side_left:0.8 side_right@side_right:0.8", 2.0}},
    {"belly",
     {"pass_belly", "short,long",
      "En je <mark name=\"belly\"/>buik. Misschien gaat die zachtjes op en neer. <break time=\"10s\"/> Alles mag gaan zoals "
      "het gaat.",
      "And your <mark name=\"belly\"/>belly. Perhaps it rises and falls a little. <break time=\"10s\"/> Everything may go "
      "its own way.",
      "belly@belly:0.8", 2.0}},
    {"back",
     {"pass_back", "short,long",
      "Dan de achterkant: je <mark name=\"back\"/>rug, van je schouderbladen tot je <mark name=\"lower_back\"/>onderrug. "
      "<break time=\"10s\"/> Vraagt je rug om een andere houding, dan mag je een beetje verschuiven.",
      "Then the back of your body: your <mark name=\"back\"/>back, from your shoulder blades down to your "
      "<mark name=\"lower_back\"/>lower back. <break time=\"10s\"/> If your back asks for "
      "another position, you may shift a little.",
      "upper_back@back:0.8 shoulder_blade_left@back:0.8 shoulder_blade_right@back:0.8 lower_back@lower_back:0.8", 2.0}},
    {"pelvis",
     {"pass_pelvis", "short,long",
      "Verder naar beneden, naar je bekken: je <mark name=\"hips\"/>heupen en je <mark name=\"buttocks\"/>billen. "
      "<break time=\"10s\"/> Misschien voel je hoe je gedragen wordt.",
      "Further down, to your pelvis: your <mark name=\"hips\"/>hips and your <mark name=\"buttocks\"/>buttocks. "
      "<break time=\"10s\"/> Perhaps you can feel how you are being held.",
      "hip_left@hips:0.8 hip_right@hips:0.8 buttock_left@buttocks:0.7 buttock_right@buttocks:0.7", 2.0}},
    {"legs",
     {"pass_legs", "short,long",
      "Dan je <mark name=\"legs\"/>benen, helemaal tot in je <mark name=\"feet\"/>voeten. <break time=\"10s\"/> Misschien "
      "merk je waar je hielen iets raken, of hoe warm of koel je voeten zijn.",
      "Then your <mark name=\"legs\"/>legs, all the way down into your <mark name=\"feet\"/>feet. <break time=\"10s\"/> "
      "Perhaps you notice where your heels touch something, or how warm or cool your feet are.",
      "thigh_left@legs:0.6 thigh_right@legs:0.6 lower_leg_left@legs:0.6 lower_leg_right@legs:0.6 foot_left@feet:0.8 "
      "foot_right@feet:0.8",
      2.0}},
};

// ---- Staying with a marked place --------------------------------------------
// Templates, taken in turn so that no two places in a row hear the same
// words. {place} names the place with its mark.

struct Words {
    const char* nl;
    const char* en;
};

// A place on the surface, rated 1 to 6: the naming, a few words, then the
// quiet (the code's pause, longer for a higher rating).
inline const Words kStay[] = {
    {"Hier mag je wat langer blijven, bij {place}. <break time=\"2s\"/> Misschien merk je daar iets: warmte of koelte, druk, "
     "beweging, of bijna niets. Het mag er zijn zoals het is.",
     "Here you may stay a little longer, with {place}. <break time=\"2s\"/> Perhaps you notice something there: warmth or "
     "coolness, pressure, movement, or almost nothing. It may be there just as it is."},
    {"Je aandacht mag nu rusten bij {place}. <break time=\"2s\"/> Je hoeft er niets mee te doen. Misschien is er een beetje "
     "spanning, misschien veel, misschien weinig. Opmerken is genoeg.",
     "Your attention may rest now with {place}. <break time=\"2s\"/> There is nothing you need to do. Perhaps there is a "
     "little tension, perhaps a lot, perhaps hardly any. Noticing is enough."},
    {"En dan {place}. <break time=\"1s\"/> Je mag daar even stilstaan, zo dichtbij als prettig is. <break time=\"2s\"/> "
     "Misschien verandert er iets terwijl je er bent, misschien niet. Allebei is goed.",
     "And then {place}. <break time=\"1s\"/> You may pause there for a while, as close as is comfortable. "
     "<break time=\"2s\"/> Perhaps something changes while you are there, perhaps not. Both are fine."},
    {"Misschien wil je nu even bij {place} blijven. <break time=\"2s\"/> Wat is daar te merken, als je heel rustig kijkt? "
     "Er hoeft niets te veranderen.",
     "Perhaps you would like to stay with {place} for a while now. <break time=\"2s\"/> What is there to notice, if you look "
     "very gently? Nothing needs to change."},
};

// An inner place (psoas, diaphragm, pelvic floor, lungs, spine): a
// direction to sense towards, not a spot to find. {where} from kWhere.
inline const Words kStayInner[] = {
    {"En dan {place}, ergens {where}. <break time=\"2s\"/> Je hoeft die plek niet precies te vinden. Je mag gewoon in die "
     "richting voelen, met je adem erbij, en merken wat er te merken is.",
     "And then {place}, somewhere {where}. <break time=\"2s\"/> You don't need to find it exactly. You may simply sense in that "
     "direction, with your breath, and notice whatever there is to notice."},
    {"Je aandacht mag nu die richting op gaan, naar {place}, {where}. <break time=\"2s\"/> Ongeveer daar is goed genoeg. "
     "Misschien merk je iets, misschien blijft het vaag. Het mag er zijn zoals het is.",
     "Your attention may now turn in the direction of {place}, {where}. <break time=\"2s\"/> Roughly there is good enough. "
     "Perhaps you notice something, perhaps it stays vague. It may be there just as it is."},
};

// Where an inner place lies, to sense towards it.
struct Where {
    const char* region;
    const char* nl;
    const char* en;
};
inline const Where kWhere[] = {
    {"diaphragm", "onder je ribben", "beneath your ribs"},
    {"psoas_left", "diep in je buik, langs je wervelkolom", "deep in your belly, along your spine"},
    {"psoas_right", "diep in je buik, langs je wervelkolom", "deep in your belly, along your spine"},
    {"pelvic_floor", "onderin je bekken", "at the base of your pelvis"},
    {"lung_left", "achter je ribben", "behind your ribs"},
    {"lung_right", "achter je ribben", "behind your ribs"},
    {"spine", "in het midden van je rug", "down the middle of your back"},
};
inline const Words kWhereElse = {"binnen in je lichaam", "inside your body"};

// Said after the quiet at a place rated 4 to 6, taken in turn: the way out
// is always there.
inline const Words kWayOut[] = {
    {"Wordt het te veel, dan mag je altijd terug naar je adem, of naar de ondergrond die je draagt.",
     "If it becomes too much, you can always come back to your breath, or to the surface that carries you."},
    {"Je mag ook wat meer afstand nemen, of even bij je adem rusten.",
     "You may also step back a little, or rest with your breath for a moment."},
    {"Is het veel, dan mag je aandacht ook even uitrusten bij wat je draagt.",
     "If it is a lot, your attention may also rest for a while on what is carrying you."},
    {"Dichterbij komen hoeft niet. Een beetje afstand is ook goed.",
     "There is no need to come closer. A little distance is fine too."},
};

// ---- A place rated 7 or more: gently -------------------------------------------
// First an easier place nearby (its own step, near_*), then only the edge
// of the marked place, briefly, and a way back.

inline const Words kNear[] = {
    {"De volgende plek mag je heel rustig naderen, in kleine stapjes. <break time=\"2s\"/> Eerst een plek in de buurt: "
     "misschien kun je {near} opmerken. <break time=\"10s\"/> Daar kun je straks altijd naar terugkeren.",
     "You may approach the next place very slowly, in small steps. <break time=\"2s\"/> First a place nearby: perhaps you "
     "can notice {near}. <break time=\"10s\"/> You can always come back there in a moment."},
    {"We gaan zo naar een plek die veel kan vragen, en nemen de tijd. <break time=\"2s\"/> Misschien wil je eerst even bij "
     "{near} zijn, vlakbij. <break time=\"10s\"/> Van daaruit kun je zo kijken hoe dichtbij je wilt komen.",
     "Next comes a place that may ask a lot, so we will take our time. <break time=\"2s\"/> Perhaps you would like to be "
     "with {near} first, close by. <break time=\"10s\"/> From there you can see how close you want to come."},
};

// The same when the easier place was met a moment ago (in the passage just
// before, as a neighbour often is): staying there a little longer.
inline const Words kNearAgain = {
    "De volgende plek mag je heel rustig naderen, in kleine stapjes. <break time=\"2s\"/> Misschien wil je eerst nog even "
    "bij {near} blijven, vlak in de buurt. <break time=\"10s\"/> Daar kun je straks altijd naar terugkeren.",
    "You may approach the next place very slowly, in small steps. <break time=\"2s\"/> Perhaps you would like to stay with "
    "{near} a little longer first, close by. <break time=\"10s\"/> You can always come back there in a moment."};

// Without an easier place (none fits, or a host that does not say which
// regions border on each other): the floor and the breath are the resting point.
inline const Words kNearGround = {
    "De volgende plek mag je heel rustig naderen, in kleine stapjes. <break time=\"2s\"/> Misschien voel je eerst wat je "
    "draagt: de ondergrond onder je, en je adem, die vanzelf gaat. <break time=\"6s\"/> Daar kun je straks altijd naar "
    "terugkeren.",
    "You may approach the next place very slowly, in small steps. <break time=\"2s\"/> Perhaps you first feel what carries "
    "you: the surface beneath you, and your breath, coming by itself. <break time=\"6s\"/> You can always come back there "
    "in a moment."};

// The visit itself: {back} is "naar {the easier place}, " / "to {...}, ", unlit,
// as a way back (empty without one: the floor and the breath are the way back). Then the code's quiet.
inline const Words kGentle[] = {
    {"Als je wilt, mag je van daaruit heel even naar {place} kijken. <break time=\"1s\"/> Van een afstand, alleen de "
     "buitenste rand. Overslaan mag ook. <break time=\"12s\"/> En dan mag je weer terug: {back}naar de ondergrond die "
     "je draagt, en naar je adem.",
     "If you like, you may glance from there at {place}, just for a moment. <break time=\"1s\"/> From a distance, only the "
     "outer edge. Skipping it is fine too. <break time=\"12s\"/> And then you may come back: {back}to the surface that "
     "carries you, and to your breath."},
    {"Misschien kun je nu, heel kort, de rand van {place} opmerken. <break time=\"1s\"/> Niet erin, alleen de rand. Ook "
     "niet gaan mag. <break time=\"12s\"/> En dan mag je aandacht weer terugkeren: {back}naar de ondergrond en je "
     "adem.",
     "Perhaps you can now notice the edge of {place}, very briefly. <break time=\"1s\"/> Not into it, only the edge. Not "
     "going is fine too. <break time=\"12s\"/> And then your attention may come back: {back}to the surface and your "
     "breath."},
};

// The same for an inner place rated 7 or more: only the direction.
inline const Words kGentleInner = {
    "Als je wilt, mag je van daaruit heel even in de richting van {place} voelen, {where}. <break time=\"1s\"/> Alleen de "
    "richting is genoeg. Overslaan mag ook. <break time=\"12s\"/> En dan mag je weer terug: {back}naar de "
    "ondergrond die je draagt, en naar je adem.",
    "If you like, you may sense from there, just for a moment, in the direction of {place}, {where}. <break time=\"1s\"/> "
    "The direction alone is enough. Skipping it is fine too. <break time=\"12s\"/> And then you may come back: {back}"
    "to the surface that carries you, and to your breath."};

// ---- Rated places met in passing (long variant) ---------------------------------
// {list} names each with its mark, in one breath.
// Taken in turn.
inline const Words kBrief[] = {
    {"Misschien kun je ook {list} even opmerken, heel kort. <break time=\"10s\"/> Meer hoeft niet.",
     "Perhaps you can also notice {list} for a moment, just briefly. <break time=\"10s\"/> That is all it needs."},
    {"Ook {list} mag je even opmerken, als je wilt. <break time=\"10s\"/> Kort is genoeg.",
     "You may also notice {list}, if you like, just for a moment. <break time=\"10s\"/> A moment is enough."},
};

// ---- The way back up and the end --------------------------------------------------

inline const NarrationStep kEnding[] = {
    {"return_up", "short,long",
     "Laat je aandacht nu, als je wilt, weer langzaam naar boven gaan: door je <mark name=\"up_legs\"/>benen, "
     "<break time=\"1s\"/> je <mark name=\"up_belly\"/>buik en je <mark name=\"up_chest\"/>borst, <break time=\"1s\"/> tot "
     "aan je <mark name=\"up_head\"/>hoofd. <break time=\"10s\"/> Misschien voel je nu je hele lichaam tegelijk, zoals het "
     "hier ligt en ademt.",
     "Now, if you like, let your attention travel slowly upwards again: through your <mark name=\"up_legs\"/>legs, "
     "<break time=\"1s\"/> your <mark name=\"up_belly\"/>belly and your <mark name=\"up_chest\"/>chest, <break time=\"1s\"/> "
     "up to your <mark name=\"up_head\"/>head. <break time=\"10s\"/> Perhaps you can feel your whole body at once now, "
     "lying here and breathing.",
     "thigh_left@up_legs:0.5 thigh_right@up_legs:0.5 belly@up_belly:0.5 chest@up_chest:0.5 crown@up_head:0.6", 6.0},
    {"rest_whole", "long",
     "Je mag nog even zo blijven liggen. <break time=\"5s\"/> Is er een plek die nu prettig of rustig aanvoelt, dan mag je "
     "aandacht daar even blijven. <break time=\"8s\"/> En is er een plek die nog gespannen is, dan mag ook dat er gewoon "
     "zijn. Het hoeft niet weg. <break time=\"8s\"/> Je kunt altijd terug naar je adem, of naar wat je draagt.",
     "You can stay lying like this for a little while. <break time=\"5s\"/> If there is a place that feels pleasant or calm "
     "now, your attention may rest there for a moment. <break time=\"8s\"/> And if there is a place that is still tense, "
     "that may simply be there too. It doesn't have to go. <break time=\"8s\"/> You can always come back to your breath, or "
     "to what carries you.",
     "", 14.0},
    {"close", "short,long",
     "We komen bij het einde van deze bodyscan. <break time=\"2s\"/> Als je wilt, mag je wat dieper ademen, en je "
     "<mark name=\"fingers\"/>vingers en je <mark name=\"toes\"/>tenen een beetje bewegen. <break time=\"10s\"/> Had je je "
     "ogen dicht, dan mogen ze opengaan wanneer je eraan toe bent, en mag je rustig rondkijken. <break time=\"3s\"/> Neem de "
     "tijd voor je opstaat. Dank je wel.",
     "We are coming to the end of this body scan. <break time=\"2s\"/> If you like, you may breathe a little more deeply, "
     "and move your <mark name=\"fingers\"/>fingers and your <mark name=\"toes\"/>toes a little. <break time=\"10s\"/> If "
     "your eyes were closed, they may open whenever you are ready, and you may look around at your own pace. "
     "<break time=\"3s\"/> Take your time before you get up. Thank you.",
     "hand_left@fingers:0.5 hand_right@fingers:0.5 foot_left@toes:0.5 foot_right@toes:0.5", 3.0},
};

} // namespace soma::plugins::personal_scan
