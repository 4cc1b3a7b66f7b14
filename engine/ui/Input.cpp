#include "ui/Input.h"

namespace soma::ui {

std::optional<Input> InputReader::read(const SDL_Event& e, int drawableW, int drawableH, float pointScale) {
    switch (e.type) {
    case SDL_QUIT: return Input{Action::Quit};
    case SDL_KEYDOWN:
        switch (e.key.keysym.sym) {
        case SDLK_UP: return Input{Action::Up};
        case SDLK_DOWN: return Input{Action::Down};
        case SDLK_LEFT: return Input{Action::Left};
        case SDLK_RIGHT: return Input{Action::Right};
        case SDLK_TAB: return Input{(e.key.keysym.mod & KMOD_SHIFT) ? Action::Left : Action::Right};
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE:
            if (e.key.repeat) return std::nullopt; // a held key is one press
            return Input{Action::Activate};
        case SDLK_ESCAPE:
        case SDLK_AC_BACK:
        case SDLK_BACKSPACE:
            if (e.key.repeat) return std::nullopt;
            return Input{Action::Back};
        case SDLK_F11: return Input{Action::Fullscreen};
        default: return std::nullopt;
        }
    case SDL_CONTROLLERDEVICEADDED: SDL_GameControllerOpen(e.cdevice.which); return std::nullopt;
    case SDL_CONTROLLERBUTTONDOWN:
        switch (e.cbutton.button) {
        case SDL_CONTROLLER_BUTTON_DPAD_UP: return Input{Action::Up};
        case SDL_CONTROLLER_BUTTON_DPAD_DOWN: return Input{Action::Down};
        case SDL_CONTROLLER_BUTTON_DPAD_LEFT: return Input{Action::Left};
        case SDL_CONTROLLER_BUTTON_DPAD_RIGHT: return Input{Action::Right};
        case SDL_CONTROLLER_BUTTON_A: return Input{Action::Activate};
        case SDL_CONTROLLER_BUTTON_B:
        case SDL_CONTROLLER_BUTTON_BACK: return Input{Action::Back};
        default: return std::nullopt;
        }
    case SDL_CONTROLLERAXISMOTION: {
        const bool horizontal = e.caxis.axis == SDL_CONTROLLER_AXIS_LEFTX;
        if (!horizontal && e.caxis.axis != SDL_CONTROLLER_AXIS_LEFTY) return std::nullopt;
        int& held = horizontal ? mStickX : mStickY;
        const int v = e.caxis.value;
        const int now = v > 24000 ? 1 : v < -24000 ? -1 : (v > -8000 && v < 8000) ? 0 : held;
        if (now == held) return std::nullopt;
        held = now;
        if (now == 0) return std::nullopt;
        if (horizontal) return Input{now > 0 ? Action::Right : Action::Left};
        return Input{now > 0 ? Action::Down : Action::Up};
    }
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.which == SDL_TOUCH_MOUSEID) return std::nullopt; // the finger event says it
        if (e.button.button != SDL_BUTTON_LEFT) return std::nullopt;
        return Input{Action::Point, float(e.button.x) * pointScale, float(e.button.y) * pointScale};
    case SDL_FINGERDOWN:
        return Input{Action::Point, e.tfinger.x * float(drawableW), e.tfinger.y * float(drawableH)};
    default: return std::nullopt;
    }
}

} // namespace soma::ui
