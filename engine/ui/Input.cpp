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
            if (e.key.repeat) return std::nullopt;
            return Input{Action::Back};
        case SDLK_BACKSPACE: return Input{Action::Erase}; // held: erases on, as everywhere
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
        case SDL_CONTROLLER_BUTTON_LEFTSHOULDER:
        case SDL_CONTROLLER_BUTTON_RIGHTSHOULDER: {
            Input in{Action::Zoom};
            in.zoom = e.cbutton.button == SDL_CONTROLLER_BUTTON_RIGHTSHOULDER ? 1.25f : 0.8f;
            return in;
        }
        default: return std::nullopt;
        }
    case SDL_CONTROLLERAXISMOTION: {
        // The right stick looks around (a step of a drag per push), the
        // left one moves the focus.
        const bool look = e.caxis.axis == SDL_CONTROLLER_AXIS_RIGHTX || e.caxis.axis == SDL_CONTROLLER_AXIS_RIGHTY;
        const bool horizontal = e.caxis.axis == SDL_CONTROLLER_AXIS_LEFTX || e.caxis.axis == SDL_CONTROLLER_AXIS_RIGHTX;
        if (!look && !horizontal && e.caxis.axis != SDL_CONTROLLER_AXIS_LEFTY) return std::nullopt;
        int& held = look ? (horizontal ? mLookX : mLookY) : horizontal ? mStickX : mStickY;
        const int v = e.caxis.value;
        const int now = v > 24000 ? 1 : v < -24000 ? -1 : (v > -8000 && v < 8000) ? 0 : held;
        if (now == held) return std::nullopt;
        held = now;
        if (now == 0) return std::nullopt;
        if (look) {
            Input in{Action::Drag};
            (horizontal ? in.dx : in.dy) = float(now) * 0.06f * float(drawableH);
            return in;
        }
        if (horizontal) return Input{now > 0 ? Action::Right : Action::Left};
        return Input{now > 0 ? Action::Down : Action::Up};
    }
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.which == SDL_TOUCH_MOUSEID) return std::nullopt; // the finger event says it
        if (e.button.button != SDL_BUTTON_LEFT) return std::nullopt;
        return Input{Action::Point, float(e.button.x) * pointScale, float(e.button.y) * pointScale};
    case SDL_FINGERDOWN:
        return Input{Action::Point, e.tfinger.x * float(drawableW), e.tfinger.y * float(drawableH)};
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return std::nullopt;
        return Input{Action::Release, float(e.button.x) * pointScale, float(e.button.y) * pointScale};
    case SDL_FINGERUP:
        return Input{Action::Release, e.tfinger.x * float(drawableW), e.tfinger.y * float(drawableH)};
    case SDL_MOUSEMOTION: {
        if (e.motion.which == SDL_TOUCH_MOUSEID || !(e.motion.state & SDL_BUTTON_LMASK)) return std::nullopt;
        Input in{Action::Drag};
        in.dx = float(e.motion.xrel) * pointScale;
        in.dy = float(e.motion.yrel) * pointScale;
        return in;
    }
    case SDL_FINGERMOTION: {
        // Two fingers pinch (SDL_MULTIGESTURE below); one drags.
        if (SDL_GetNumTouchFingers(e.tfinger.touchId) > 1) return std::nullopt;
        Input in{Action::Drag};
        in.dx = e.tfinger.dx * float(drawableW);
        in.dy = e.tfinger.dy * float(drawableH);
        return in;
    }
    case SDL_MULTIGESTURE: {
        if (e.mgesture.numFingers < 2 || e.mgesture.dDist == 0.0f) return std::nullopt;
        Input in{Action::Zoom};
        in.zoom = 1.0f + e.mgesture.dDist * 3.0f;
        return in;
    }
    case SDL_MOUSEWHEEL: {
        if (e.wheel.y == 0) return std::nullopt;
        Input in{Action::Zoom};
        in.zoom = e.wheel.y > 0 ? 1.1f : 1.0f / 1.1f;
        return in;
    }
    case SDL_TEXTINPUT: {
        Input in{Action::Text};
        in.text = e.text.text;
        return in;
    }
    default: return std::nullopt;
    }
}

} // namespace soma::ui
