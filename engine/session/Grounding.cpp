#include "session/Grounding.h"

namespace soma {
namespace {

// Written for a moment when someone needed to step out: short sentences,
// long pauses, the outside world rather than the inside, every sentence an
// invitation. Marks name the places the figure lights up softly.
constexpr const char* kNl[] = {
    "Je bent uit de oefening gestapt, en dat is helemaal goed. <break time=\"2s\"/> "
    "Er hoeft nu niets. <break time=\"2s\"/> "
    "Als je wilt, mag je je ogen openen en rustig om je heen kijken. <break time=\"1s\"/> "
    "Kijk naar wat je ziet: een kleur, een raam, iets dat vertrouwd is. <break time=\"3s\"/>",

    "Misschien voel je je <mark name=\"feet\"/>voeten. <break time=\"1s\"/> "
    "Ze rusten op de grond, of op wat er onder je is. <break time=\"2s\"/> "
    "Je mag ze een beetje bewegen, of stevig neerzetten. <break time=\"3s\"/> "
    "En merk op wat je draagt: de stoel, het bed of de vloer, die je gewicht opvangt. <break time=\"3s\"/>",

    "Je adem mag gaan zoals hij gaat. <break time=\"1s\"/> "
    "Als het fijn is, mag de uitademing een beetje langer worden. <break time=\"4s\"/> "
    "Je bent hier, in deze ruimte, op dit moment. <break time=\"2s\"/> "
    "Neem alle tijd die je nodig hebt. Wanneer je er klaar voor bent, kun je verdergaan met je dag, of later rustig terugkomen.",
};

constexpr const char* kEn[] = {
    "You have stepped out of the exercise, and that is completely fine. <break time=\"2s\"/> "
    "Nothing is needed right now. <break time=\"2s\"/> "
    "If you like, you can open your eyes and look around you, slowly. <break time=\"1s\"/> "
    "Notice what you see: a colour, a window, something familiar. <break time=\"3s\"/>",

    "Perhaps you can feel your <mark name=\"feet\"/>feet. <break time=\"1s\"/> "
    "They rest on the floor, or on whatever is beneath you. <break time=\"2s\"/> "
    "You may move them a little, or press them down gently. <break time=\"3s\"/> "
    "And notice what is holding you: the chair, the bed or the floor, taking your weight. <break time=\"3s\"/>",

    "Your breath can come and go in its own way. <break time=\"1s\"/> "
    "If it feels good, the out-breath may become a little longer. <break time=\"4s\"/> "
    "You are here, in this room, right now. <break time=\"2s\"/> "
    "Take all the time you need. When you are ready, you can carry on with your day, or come back later.",
};

} // namespace

SessionRequest groundingRequest(const std::string& lang) {
    const bool nl = lang.rfind("nl", 0) == 0;
    const char* const* text = nl ? kNl : kEn;
    SessionRequest rq;
    rq.exercise = "grounding-way-out";
    rq.lang = nl ? "nl" : "en";
    rq.variant = "short";
    rq.pose = "seated";
    rq.camera = "whole_body";
    rq.ambience = "none";
    rq.pacer = false;
    const char* ids[] = {"look-around", "feet-and-weight", "here-and-now"};
    for (int i = 0; i < 3; ++i) {
        StepRequest st;
        st.id = ids[i];
        st.narration = text[i];
        st.pauseAfterSec = i == 2 ? 6.0 : 2.0;
        st.breath = BreathPattern{4.0, 0.0, 6.0, 0.0, 0};
        if (i == 1) {
            for (const char* region : {"foot_left", "foot_right"}) {
                HighlightRequest h;
                h.region = region;
                h.mark = "feet";
                h.intensity = 0.5f; // soft: a hint of warmth, not a demand on attention
                h.fadeInSec = 3.0;
                h.holdSec = 6.0;
                h.fadeOutSec = 4.0;
                st.highlights.push_back(h);
            }
        }
        rq.steps.push_back(std::move(st));
    }
    return rq;
}

} // namespace soma
